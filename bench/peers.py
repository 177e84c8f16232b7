"""What the benchmarks share: termdown in a venv of its own, and programs run in a pseudo-terminal.

termdown (the terminal countdown timer hipcli is held against) is installed from PyPI into
bench/.termdown-venv on first use, with the same Python that runs the benchmark, so both are
measured on one interpreter.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TERMDOWN_VENV = BENCH / ".termdown-venv"
TERMDOWN_VERSION = "2.0.0"
ROWS, COLUMNS = 24, 80
# Escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-byte ones.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b.")


def termdown(python: str) -> str:
    """The termdown executable, installed into its own venv with `python` if not there yet."""
    executable = TERMDOWN_VENV / "bin" / "termdown"
    if not executable.exists():
        subprocess.run([python, "-m", "venv", str(TERMDOWN_VENV)], check=True)
        subprocess.run([str(TERMDOWN_VENV / "bin" / "pip"), "install", "-q",
                        f"termdown=={TERMDOWN_VERSION}"], check=True)
    return str(executable)


def hipcli_python(given: str | None = None) -> str:
    """The interpreter hipcli is installed in: `given`, the project's .venv, or this one."""
    venv = ROOT / ".venv" / "bin" / "python"
    return given or (str(venv) if venv.exists() else sys.executable)


def compile_hipcli(python: str) -> None:
    """Bytecode for every module of the hipcli that `python` runs."""
    find = "import hipcli, os; print(os.path.dirname(hipcli.__file__))"
    where = subprocess.run([python, "-c", find], check=True, capture_output=True,
                           text=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", where], check=True,
                   stdout=subprocess.DEVNULL)


def open_terminal(rows: int = ROWS, columns: int = COLUMNS) -> tuple[int, int]:
    """A pseudo-terminal (master, slave) of the given size."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return master, slave


def spawn_in_terminal(argv: list[str], env: dict, slave: int) -> subprocess.Popen:
    """Start `argv` with the pseudo-terminal as its controlling terminal and its stdio."""
    return subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True, preexec_fn=_take_terminal(slave))


def _take_terminal(slave: int):
    def take() -> None:
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    return take


def visible(data: bytes) -> bool:
    """Whether terminal output draws anything: printable text once escape codes are gone."""
    return bool(ESCAPES.sub(b"", data).strip(b" \r\n\x07\x00\x08\x0e\x0f"))
