"""A private PulseAudio server with a recordable null sink, for tests and benchmarks of sound.

Programs given `server.env` play into the sink "cap"; `server.recording()` records its monitor
as 16-bit mono 48 kHz PCM and notes the monotonic time of every read. Nothing here touches a
sound server that is already running: the socket lives in a fresh folder.

A monitor recording is not a clock. Each time a stream starts or stops (uncork, cork, the end
of an underrun) PulseAudio rewinds the sink and renders the last few ms again, and the monitor
hands the recorder both renderings. A session whose player starts and stops its stream at every
cue gains ~0.35 ms of recording per second, so "first sample + position / rate" drifts later
and later. `Recording.heard_at` also bounds a sound's time by the reads that delivered it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

RATE = 48000
HEARD_WINDOW = 0.2  # seconds of reads after an onset that time it; shorter than a cue + 0.25 s
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
    _sizes: list = field(default_factory=list, repr=False)

    @property
    def late_start(self) -> float:
        """How much later than t0 the first sample can have been taken, from the read times.

        A sample cannot be read before it was recorded, so t0 is at most read time less the
        audio read so far; a few ms either way is the server's own jitter. Only the first
        second's reads count: later ones hold samples that rewinds repeated.
        """
        early = [t - size / (2 * RATE) for t, size in self.reads if size <= 2 * RATE * 1.0]
        return min(early or [t - size / (2 * RATE) for t, size in self.reads[:1]] or [self.t0]) \
            - self.t0

    @property
    def start(self) -> float:
        """Best estimate of the monotonic time of the first sample: parec can be slow to begin."""
        return self.t0 + max(self.late_start, 0.0)

    def heard_at(self, onset: float, start: float | None = None,
                 window: float = HEARD_WINDOW) -> float:
        """Monotonic time at which the sample `onset` s into the recording was rendered.

        Two bounds, each never early, and the nearer is taken. Counting samples from the first
        can only be late: repeated samples push a sound further in. And each read that
        delivered the sample, or came within `window` s of audio after it, was made no sooner
        than the sample was rendered plus the audio that followed it; a cue's stream starts
        and stops further apart than `window`, so no repeat falls in between. Pass `start`
        when timing many sounds: working it out reads every early read.
        """
        counted = (self.start if start is None else start) + onset
        if len(self._sizes) != len(self.reads):
            self._sizes = [size for _, size in self.reads]
        at = onset * 2 * RATE
        first = bisect_left(self._sizes, at)
        last = max(bisect_left(self._sizes, at + window * 2 * RATE), first + 1)
        return min([counted] + [t - (size - at) / (2 * RATE) for t, size in self.reads[first:last]])


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
