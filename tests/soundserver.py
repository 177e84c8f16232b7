"""A private PulseAudio server with a recordable null sink, for tests and benchmarks of sound.

Programs given `server.env` play into the sink "cap"; `server.recording()` records its monitor
as 16-bit mono 48 kHz PCM and notes the monotonic time just before recording began. Nothing
here touches a sound server that is already running: the socket lives in a fresh folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

RATE = 48000
STREAM = ["--raw", "--format=s16le", "--rate=48000", "--channels=1", "--latency-msec=10"]
PROGRAMS = ("pulseaudio", "pactl", "parec", "pacat")
REQUIRE_ENV = "HIPCLI_REQUIRE_AUDIO"


class SoundServerMissing(Exception):
    """The sound server cannot be started here."""


def audio_required() -> bool:
    """True where a missing sound server must fail the tests rather than skip them (CI)."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


@dataclass
class Recording:
    """Recorded PCM and the monotonic time its first sample stands for."""

    t0: float = 0.0
    pcm: bytes = b""
    reads: list = field(default_factory=list)  # (monotonic time, bytes so far) per read

    @property
    def late_start(self) -> float:
        """How much later than t0 the first sample can have been taken, from the read times.

        A sample cannot be read before it was recorded, so t0 is at most read time less the
        audio read so far; a few ms either way is the server's own jitter.
        """
        if not self.reads:
            return 0.0
        return min(t - size / (2 * RATE) for t, size in self.reads) - self.t0

    @property
    def start(self) -> float:
        """Best estimate of the monotonic time of the first sample: parec can be slow to begin."""
        return self.t0 + max(self.late_start, 0.0)


class SoundServer:
    def __init__(self, root: Path):
        self.root = root
        runtime = root / "run"
        self.env = {"XDG_RUNTIME_DIR": str(runtime),
                    "PULSE_SERVER": f"unix:{runtime}/pulse/native",
                    "PULSE_SINK": "cap"}
        self._server: Optional[subprocess.Popen] = None
        self._keepalive: Optional[subprocess.Popen] = None

    def _run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(args, env={**os.environ, **self.env}, capture_output=True,
                              text=True, timeout=10, **kwargs)

    def _answers(self) -> bool:
        return self._run("pactl", "info").returncode == 0

    def start(self) -> None:
        missing = [p for p in PROGRAMS if shutil.which(p) is None]
        if missing:
            raise SoundServerMissing(f"not installed: {', '.join(missing)} "
                                     "(apt-get install pulseaudio pulseaudio-utils)")
        runtime = Path(self.env["XDG_RUNTIME_DIR"])
        (runtime / "pulse").mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        socket = self.env["PULSE_SERVER"].removeprefix("unix:")
        # -n: load no default modules, so nothing probes for hardware, udev or D-Bus.
        self._server = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--realtime=no", "--high-priority=no", f"--log-target=file:{self.root}/pulse.log",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
             "--load=module-null-sink sink_name=cap rate=48000 channels=1"],
            env={**os.environ, **self.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not self._wait(self._answers, 5.0):
            self.stop()
            raise SoundServerMissing(f"pulseaudio did not answer; see {self.root}/pulse.log")
        self._run("pactl", "set-default-sink", "cap", check=True)
        # A silent low-latency stream keeps the sink rendering only a few ms ahead; an idle
        # sink renders far ahead, which delays a new recording and can swallow a first sound.
        with open("/dev/zero", "rb") as zeros:
            self._keepalive = subprocess.Popen(
                ["pacat", "-p", *STREAM, "-d", "cap", "--stream-name=keepalive"],
                env={**os.environ, **self.env}, stdin=zeros)
        if not self._wait(lambda: 0 < self.sink_latency_us() < 20000, 6.0):
            self.stop()
            raise SoundServerMissing("the null sink did not settle to a low latency")

    def sink_latency_us(self) -> int:
        for line in self._run("pactl", "list", "sinks").stdout.splitlines():
            if line.strip().startswith("Latency:"):
                return int(line.split()[1])
        return 0

    @staticmethod
    def _wait(ready, limit: float) -> bool:
        until = time.monotonic() + limit
        while time.monotonic() < until:
            if ready():
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        for process in (self._keepalive, self._server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self._keepalive = self._server = None

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        """Record the sink's monitor while the block runs (and a little after it)."""
        found = Recording()
        chunks: list[bytes] = []
        found.t0 = time.monotonic()
        recorder = subprocess.Popen(["parec", "-d", "cap.monitor", *STREAM],
                                    env={**os.environ, **self.env}, stdout=subprocess.PIPE)
        reader = threading.Thread(target=_drain, args=(recorder, chunks, found.reads), daemon=True)
        reader.start()
        try:
            self._wait(lambda: bool(found.reads), 5.0)
            yield found
            time.sleep(0.3)  # the tail of the last sound
        finally:
            recorder.terminate()
            reader.join(timeout=5)
            recorder.wait(timeout=5)
        found.pcm = b"".join(chunks)


def _drain(process: subprocess.Popen, chunks: list, reads: list) -> None:
    total = 0
    while True:
        chunk = process.stdout.read1(65536)
        if not chunk:
            return
        chunks.append(chunk)
        total += len(chunk)
        reads.append((time.monotonic(), total))
