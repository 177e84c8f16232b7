"""`hipcli start` in a real terminal (tmux): what the screen shows, the keys, and a clean exit.

Each test runs the real command in a tmux pane through a small shell script that saves
`stty -a` before and after and writes the exit code last, then reads the pane back as text.
The screen is polled until it shows what is expected or a timeout passes.
"""

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.bigdigits import read_big

pytestmark = [pytest.mark.terminal,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]

ROUTINE = """\
name: live-check
title: Live check
prepare: 2
switch: 2
blocks:
  - exercise:
      id: seated-reach
      name: Seated reach stretch
      kind: stretch
      position: seated
      cues: [Sit tall and breathe out slowly., Let the shoulders drop.]
      dose: {hold: 60s, per_side: true}
    sides: both
"""
NOTED_ROUTINE = """\
name: noted-check
title: Noted check
prepare: 30
blocks:
  - exercise: er-kinetic-stretch
    sides: left
"""
TIMEOUT = 15.0
POLL = 0.05


class Terminal:
    """A tmux server of our own with one pane running `hipcli start`."""

    def __init__(self, folder):
        self.folder = folder
        self.socket = folder / "tmux.sock"
        self.files = {name: folder / name for name in ("before", "after", "code")}

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-f", "/dev/null", "-S", str(self.socket), *args],
                                capture_output=True, text=True, timeout=10)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, *options: str, width: int = 80, height: int = 24,
              outlive: bool = False, text: str = ROUTINE,
              env: dict[str, str] | None = None) -> None:
        """Run hipcli in a new pane; `outlive`: the wrapper ignores a hang-up and then ends;
        `env`: variables to set for it."""
        routine = self.folder / "live-check.yaml"
        routine.write_text(text)
        command = " ".join([sys.executable, "-m", "hipcli", "start", str(routine), *options])
        f = self.files
        script = self.folder / "run.sh"
        lines = [f"export {name}={shlex.quote(value)}" for name, value in (env or {}).items()]
        lines += ["trap '' HUP" if outlive else "trap : INT",
                 f"stty -a > {f['before']}",
                 command,
                 f"code=$?; stty -a > {f['after']}",
                 f"echo $code > {f['code']}.part && mv {f['code']}.part {f['code']}"]
        if not outlive:
            lines.append("exec sleep 600")  # keep the pane, to look at it afterwards
        script.write_text("\n".join(lines) + "\n")
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "live",
                  f"bash --norc --noprofile {script}")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "live")

    def lines(self) -> list[str]:
        return self.screen().rstrip("\n").split("\n")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "live", *keys)

    def pane(self, field: str) -> str:
        return self.tmux("display", "-p", "-t", "live", f"#{{{field}}}").strip()

    def until(self, predicate, what: str) -> str:
        """Poll the screen until `predicate(screen)` holds."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"screen never showed {what}:\n{text}")
            time.sleep(POLL)

    def shows(self, *words: str) -> str:
        return self.until(lambda text: all(w in text for w in words), " and ".join(words))

    def at_the_first_hold(self) -> str:
        """Skip the get-ready screen with `n` rather than wait through it at real speed."""
        self.shows("GET READY · LEFT", "Seated reach stretch")
        self.keys("n")
        return self.shows("HOLD · LEFT")

    def exit_code(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while not self.files["code"].exists():
            if time.monotonic() > deadline:
                raise AssertionError(f"hipcli did not exit; screen:\n{self.screen()}")
            time.sleep(POLL)
        return int(self.files["code"].read_text())

    def hipcli_pid(self) -> int:
        shell = int(self.pane("pane_pid"))
        deadline = time.monotonic() + TIMEOUT
        while True:
            children = open(f"/proc/{shell}/task/{shell}/children").read().split()
            if children:
                return int(children[0])
            assert time.monotonic() < deadline, "hipcli never started"
            time.sleep(POLL)

    def assert_restored(self) -> None:
        before, after = self.files["before"].read_text(), self.files["after"].read_text()
        assert after.split() == before.split()  # the same settings, however stty wraps them
        assert {"icanon", "echo"} <= set(after.split())
        assert self.pane("alternate_on") == "0"  # back on the normal screen
        assert self.pane("cursor_flag") == "1"  # cursor visible


@pytest.fixture
def term(tmp_path):
    terminal = Terminal(tmp_path)
    yield terminal
    subprocess.run(["tmux", "-S", str(terminal.socket), "kill-server"], capture_output=True)


def seconds_on(screen: str):
    """The big countdown on `screen` in seconds, or None when it shows none."""
    number = read_big(screen)
    if number is None:
        return None
    minutes, _, seconds = number.rpartition(":")
    return int(minutes or 0) * 60 + int(seconds)


def countdown(term: Terminal) -> int:
    screen = term.screen()
    seconds = seconds_on(screen)
    assert seconds is not None, screen
    return seconds


def test_counts_down_pauses_skips_and_quits_with_the_terminal_restored(term):
    term.start("--speed", "4")
    term.at_the_first_hold()
    term.shows("HOLD · LEFT", "Seated reach stretch", "Sit tall and breathe out slowly.")
    first = countdown(term)
    term.until(lambda text: (seconds_on(text) or first) < first, "the countdown moving")

    term.keys("Space")
    term.shows("PAUSED")
    held = countdown(term)
    watch_until = time.monotonic() + 1.5  # six session seconds at this speed
    while time.monotonic() < watch_until:
        assert countdown(term) == held
        time.sleep(0.1)

    term.keys("Space")
    term.until(lambda text: "PAUSED" not in text, "the pause lifted")
    term.keys("n")
    term.shows("SWITCH SIDES · RIGHT", "Seated reach stretch")

    term.keys("q")
    term.shows("Quit? y/n")
    term.keys("x")
    term.until(lambda text: "Quit?" not in text, "the question withdrawn")
    assert not term.files["code"].exists()
    term.keys("q")
    term.shows("Quit? y/n")
    term.keys("y")
    assert term.exit_code() == 130
    term.assert_restored()
    screen = term.shows("Live check: stopped early")
    assert "SWITCH SIDES" not in screen


def test_arrow_keys_skip_and_go_back(term):
    term.start()
    term.at_the_first_hold()
    term.keys("Right")
    term.shows("SWITCH SIDES · RIGHT")
    term.keys("Left")
    term.shows("HOLD · LEFT")
    term.keys("C-c")
    assert term.exit_code() == 130


def _framed(lines: list[str], width: int) -> bool:
    """A whole panel exactly `width` wide, then the legend, then hipcli's notices (the sound
    chosen) and blank rows: nothing left over."""
    if not lines or not (lines[0].startswith("╭") and lines[0].endswith("╮")):
        return False
    bottom = next((i for i, line in enumerate(lines) if line.startswith("╰")), None)
    if bottom is None or len(lines[bottom]) != width or len(lines[0]) != width:
        return False
    inside = lines[1:bottom]
    if not all(len(line) == width and line[0] == line[-1] == "│" for line in inside):
        return False
    rest = lines[bottom + 2:]
    return (lines[bottom + 1].startswith("space pause")
            and all(not line or line.startswith("hipcli: ") for line in rest))


def test_resizing_redraws_the_whole_screen_at_the_new_size(term):
    term.start()
    term.at_the_first_hold()
    term.keys("Space")  # paused, nothing else redraws: only the resize itself can
    term.shows("PAUSED")
    assert _framed(term.lines(), 80)
    term.tmux("resize-window", "-t", "live", "-x", "40", "-y", "20")
    term.until(lambda text: _framed(text.rstrip("\n").split("\n"), 40), "a 40-column panel")
    lines = term.lines()
    assert len(lines) <= 20 and all(len(line) <= 40 for line in lines)
    assert read_big("\n".join(lines)) is not None
    term.tmux("resize-window", "-t", "live", "-x", "80", "-y", "24")
    term.until(lambda text: _framed(text.rstrip("\n").split("\n"), 80), "an 80-column panel")
    assert not any(len(line) > 39 and line[39] == "│" for line in term.lines()[1:10])
    term.keys("q", "y")
    assert term.exit_code() == 130
    term.assert_restored()


@pytest.mark.parametrize("how,code", [("C-c", 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_every_interruption_restores_the_terminal(term, how, code):
    term.start()
    term.at_the_first_hold()
    if isinstance(how, str):
        term.keys(how)
    else:
        os.kill(term.hipcli_pid(), how)
    assert term.exit_code() == code
    term.assert_restored()
    screen = term.shows("Live check: stopped early")
    assert "Traceback" not in screen


def test_a_terminal_that_goes_away_ends_the_session_quietly(term):
    term.start(outlive=True)
    term.at_the_first_hold()
    term.tmux("kill-server")  # the terminal closes; only the wrapper was told to stay
    assert term.exit_code() == 129


def test_a_finished_session_exits_0_with_a_summary(term):
    term.start("--hold", "2", "--speed", "40")
    assert term.exit_code() == 0
    term.assert_restored()
    term.shows("Live check: finished")


def test_ctrl_z_pauses_and_hands_back_the_terminal_until_continued(term):
    term.start()
    term.at_the_first_hold()
    pid = term.hipcli_pid()
    term.keys("C-z")
    deadline = time.monotonic() + TIMEOUT
    while term.pane("alternate_on") != "0":
        assert time.monotonic() < deadline, "the normal screen never came back"
        time.sleep(POLL)
    tty = subprocess.run(["stty", "-a", "-F", term.pane("pane_tty")], capture_output=True,
                         text=True).stdout
    assert {"icanon", "echo"} <= set(tty.split())
    os.killpg(os.getpgid(pid), signal.SIGCONT)
    term.shows("PAUSED", "HOLD · LEFT")
    assert term.pane("alternate_on") == "1"
    term.keys("q", "y")
    assert term.exit_code() == 130
    term.assert_restored()


def panel_text(screen: str) -> str:
    """The words inside the live view's panel, its lines joined and its borders taken off."""
    inside = (line.strip("│╭╮╰╯─ ") for line in screen.splitlines())
    return " ".join(" ".join(line.split()) for line in inside)


def test_get_ready_shows_the_set_up_and_the_safety_note_of_a_library_exercise(term):
    term.start(text=NOTED_ROUTINE)
    term.shows("GET READY · LEFT (front leg)", "90/90 hip external rotation kinetic stretch")
    words = panel_text(term.screen())
    assert "Sit in 90/90 with the front leg turned out and the back leg turned in." in words
    assert ("Safety: It should feel like steady muscle work; stop if you feel a sharp pain."
            in words)
    term.keys("n")  # on to the exercise itself: the cues replace the get-ready guidance
    term.shows("REPS · LEFT (front leg)", "Every inch is muscle-driven")
    assert "Safety:" not in term.screen()
    term.keys("q")
    term.shows("Quit? y/n")
    term.keys("y")
    assert term.exit_code() == 130


def test_after_a_session_the_check_in_takes_one_key_each_and_is_kept(term):
    quick = ROUTINE.replace("prepare: 2", "prepare: 1").replace("switch: 2", "switch: 1")
    term.start("--hold", "1", text=quick)  # real speed: a session that counts, about 4 s
    term.shows("Pain now, 0-9")
    term.keys("4")
    term.shows("How hard was it?")
    term.keys("h")
    assert term.exit_code() == 0
    term.assert_restored()
    term.shows("Check-in kept: pain 4/10, effort hard.")
    history = subprocess.run([sys.executable, "-m", "hipcli", "history", "--json"],
                             capture_output=True, text=True, timeout=60)
    sessions = json.loads(history.stdout)
    assert sessions[-1]["checkin"] == {"pain": 4, "effort": "hard"}
