"""Child processes for tests: Ctrl-C (SIGINT) reaches them even when pytest runs as a
background job, whose SIGINT is ignored and would otherwise be inherited."""

from __future__ import annotations

import signal


def default_sigint() -> None:
    """Run in the child before it starts: SIGINT back to its default action."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class OnTerminal:
    """A hipcli command on a pseudo-terminal of its own: what it prints is read, and typed
    answers are written, as at a real terminal."""

    def __init__(self, args: list[str], env: dict | None = None):
        import os
        import subprocess
        import sys
        import fcntl
        import struct
        import termios
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80x24
        self.proc = subprocess.Popen([sys.executable, "-m", "hipcli", *args], stdin=slave,
                                     stdout=slave, stderr=slave, preexec_fn=_own_terminal, env=env)
        os.close(slave)
        self.seen = ""

    def read_until(self, text: str, timeout: float = 30) -> str:
        """Output up to and including `text` (fails after `timeout` seconds)."""
        import os
        import select
        import time
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], max(0, deadline - time.monotonic()))
            assert ready, f"no {text!r} within {timeout} s: {self.seen!r}"
            try:
                chunk = os.read(self.master, 4096).decode("utf-8", "replace")
            except OSError:  # the child closed the terminal
                chunk = ""
            assert chunk, f"ended before {text!r}: {self.seen!r}"
            self.seen += chunk
        return self.seen

    def reading(self, timeout: float = 10) -> None:
        """Wait until the program is blocked reading the terminal (its prompt is shown before
        it starts to read, and a Ctrl-C in between waits for the next key)."""
        import time
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(f"/proc/{self.proc.pid}/wchan") as wchan:
                if wchan.read() in ("wait_woken", "n_tty_read"):
                    return
            time.sleep(0.01)
        raise AssertionError("the program never waited for input")

    def type(self, text: str) -> None:
        import os
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 30) -> tuple[int, str]:
        """The exit code, and everything printed."""
        import os
        code = self.proc.wait(timeout=timeout)
        while True:
            try:
                chunk = os.read(self.master, 4096).decode("utf-8", "replace")
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk
        os.close(self.master)
        return code, self.seen


def _own_terminal() -> None:
    """In the child: a session of its own, with the pseudo-terminal as its terminal, so
    Ctrl-C typed there reaches it as SIGINT."""
    import fcntl
    import os
    import termios
    default_sigint()
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
