"""Players: turn PCM into sound through miniaudio, simpleaudio, the terminal bell, or nothing.

Every player has `play(pcm) -> handle` (the handle's `stop()` ends that sound early) and
`close()`, which lets sounds already under way finish (briefly) and releases the device.
`open_player(mode)` picks one for `--audio auto|miniaudio|simpleaudio|bell|off`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import sys
import threading
import time
from typing import Any, Iterator, Optional, Protocol, TextIO

from hipcli.audio.tones import RATE, SAMPLE_BYTES, silence
from hipcli.choices import AUDIO_MODES

MODES = AUDIO_MODES
BUFFER_MSEC = 5  # what the device holds: every cue is heard about this much after it is due
BUFFER_PERIODS = 2
DRAIN_LIMIT_SECONDS = 3.0
DEVICE_HOLDS = BUFFER_MSEC / 1000 + 0.03
WARM_UP_READS = 20  # blocks of 2.5 ms: 50 ms of silence played before the first cue
WARM_UP_LIMIT_SECONDS = 0.5
SIMPLEAUDIO_HINT = ("pip install 'hipcli[simpleaudio]' builds it; that needs a C compiler "
                    "and the ALSA headers (libasound2-dev)")



def import_miniaudio():
    """Import miniaudio without numpy: when numpy is installed miniaudio loads it for optional
    array support that hipcli never uses, which costs ~40 ms and ~20 MiB per session."""
    import sys
    if "miniaudio" in sys.modules:
        return sys.modules["miniaudio"]
    hidden = "numpy" not in sys.modules
    if hidden:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import miniaudio
    finally:
        if hidden:
            del sys.modules["numpy"]
    return miniaudio


class Handle(Protocol):
    def stop(self) -> None: ...


class Player(Protocol):
    """Something that sounds 16-bit mono 48 kHz PCM as soon as it is handed over."""

    name: str
    plays_pcm: bool

    def play(self, pcm: bytes) -> Handle: ...

    def close(self) -> None: ...


class AudioUnavailable(Exception):
    """A player could not open an output device."""


class _NoHandle:
    def stop(self) -> None:
        pass


class NullPlayer:
    """Plays nothing: `--audio off`, or no device to be had."""

    name = "off"
    plays_pcm = False

    def play(self, pcm: bytes) -> Handle:
        return _NoHandle()

    def close(self) -> None:
        pass


class BellPlayer:
    """Rings the terminal bell for every cue: one sound for all, but works over ssh."""

    name = "bell"
    plays_pcm = False

    def __init__(self, out: TextIO):
        self.out = out

    def play(self, pcm: bytes) -> Handle:
        self.out.write("\a")
        self.out.flush()
        return _NoHandle()

    def close(self) -> None:
        pass


class MiniaudioPlayer:
    """One miniaudio playback device for the whole session, mixing whatever is queued.

    The device runs from `open` to `close`, playing silence between cues, so a cue is only
    added to the mix: nothing waits on the sound system at the moment a cue is due, and every
    cue is heard the same few ms later (one short buffer). Starting and stopping the device
    around each cue instead costs a round trip to the sound server at the worst moment (up to
    ~100 ms on a busy machine) and makes PulseAudio rewind its buffer every time.
    """

    name = "miniaudio"
    plays_pcm = True

    def __init__(self, *, buffer_msec: int = BUFFER_MSEC, periods: int = BUFFER_PERIODS):
        try:
            miniaudio = import_miniaudio()
        except ImportError as exc:
            raise AudioUnavailable(f"miniaudio cannot be imported ({exc})") from None
        from hipcli.audio.mixer import Mixer
        self._mixer = Mixer()
        try:
            with quiet_stderr():
                self._device = miniaudio.PlaybackDevice(
                    output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
                    sample_rate=RATE, buffersize_msec=buffer_msec, callback_periods=periods,
                    app_name="hipcli")
        except miniaudio.MiniaudioError as exc:
            raise AudioUnavailable(f"miniaudio found no output device ({exc.args[0]})") from None
        if self._device.backend.lower() == "null":
            self._device.close()
            raise AudioUnavailable("miniaudio found only its silent null device")
        self._lock = threading.Lock()
        self._closed = False
        # A device left open makes the interpreter hang at exit: close it then at the latest.
        atexit.register(self._release)
        stream = _pull(self._mixer)
        next(stream)  # miniaudio takes a generator that has already started
        self._device.start(stream)
        # The first blocks of a new stream come late: let them pass before the first cue.
        _wait_while(lambda: self._mixer.reads < WARM_UP_READS, WARM_UP_LIMIT_SECONDS)

    @property
    def device(self) -> str:
        """The output device's name and the system it goes through, as miniaudio reports."""
        return f"{self._device.name} via {self._device.backend}"

    def play(self, pcm: bytes) -> Handle:
        return self._mixer.add(pcm)

    def close(self) -> None:
        # Wait for the mix to empty and then for the device to play out what it holds.
        _wait_while(lambda: self._mixer.quiet_for() < DEVICE_HOLDS)
        self._release()

    def _release(self) -> None:
        atexit.unregister(self._release)
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._device.close()


def _pull(mixer) -> Iterator[bytes]:
    """The generator miniaudio's device thread asks for each block of frames."""
    frames = yield b""
    while True:
        frames = yield mixer.read(frames)


class SimpleaudioPlayer:
    """simpleaudio: each cue is its own short ALSA stream (install with `hipcli[simpleaudio]`).

    Opening a stream is a round trip to the sound system (tens of ms on a busy machine), so
    cues are opened on a thread of their own: the session hands one over and carries on.
    """

    name = "simpleaudio"
    plays_pcm = True

    def __init__(self):
        try:
            import simpleaudio
        except ImportError:
            raise AudioUnavailable(f"simpleaudio is not installed; {SIMPLEAUDIO_HINT}") from None
        self._simpleaudio = simpleaudio
        self._playing: list = []
        try:
            with quiet_stderr():
                # A first, silent stream proves a device is there and warms the path up,
                # so the first real cue is not late.
                simpleaudio.play_buffer(silence(0.02), 1, SAMPLE_BYTES, RATE).wait_done()
        except Exception as exc:  # simpleaudio raises its own error type from C
            raise AudioUnavailable(f"simpleaudio found no output device ({exc})") from None
        self._queue: queue.SimpleQueue[Optional[_Queued]] = queue.SimpleQueue()
        self._opener = threading.Thread(target=self._open_each, name="hipcli-audio",
                                        daemon=True)
        self._opener.start()

    def play(self, pcm: bytes) -> Handle:
        queued = _Queued(pcm)
        self._queue.put(queued)
        return queued

    def _open_each(self) -> None:
        while (queued := self._queue.get()) is not None:
            self._playing = [p for p in self._playing if p.is_playing()]
            with queued.lock:
                if queued.stopped:
                    continue
                try:
                    queued.started = self._simpleaudio.play_buffer(queued.pcm, 1, SAMPLE_BYTES,
                                                                   RATE)
                except Exception:  # a device gone mid-session: the cue is lost, not the session
                    continue
            self._playing.append(queued.started)

    def close(self) -> None:
        self._queue.put(None)
        self._opener.join(DRAIN_LIMIT_SECONDS)
        _wait_while(lambda: any(p.is_playing() for p in self._playing))
        for playing in self._playing:
            playing.stop()


class _Queued:
    """A cue handed to the simpleaudio thread: stopped before it opens, it is never heard."""

    def __init__(self, pcm: bytes):
        self.pcm = pcm
        self.started: Any = None
        self.stopped = False
        self.lock = threading.Lock()

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            if self.started is not None:
                self.started.stop()


def _wait_while(busy, limit: float = DRAIN_LIMIT_SECONDS) -> None:
    """Let sounds already playing finish, but never hold the exit up for long."""
    until = time.monotonic() + limit
    while busy() and time.monotonic() < until:
        time.sleep(0.01)


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence what C audio libraries print to stderr while probing for a device."""
    fd = 2
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    try:
        saved = os.dup(fd)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


NO_DEVICE = ("no sound device answered, and the output is not a terminal whose bell "
             "could ring")
NO_DEVICE_NOTICE = f"sound: none ({NO_DEVICE}), so hipcli carries on silently"
BELL_NOTICE = "sound: the terminal bell (no sound device answered)"


def open_player(mode: str = "auto", *, out: TextIO = sys.stdout) -> tuple[Player, Optional[str]]:
    """The player for an `--audio` mode, and a one-line notice: for `auto`, which player it
    chose; when nothing can play, why hipcli carries on silently."""
    try:
        return choose_player(mode, out=out)
    except AudioUnavailable as exc:
        if mode == "auto":
            return NullPlayer(), NO_DEVICE_NOTICE
        return NullPlayer(), f"{exc}; carrying on without sound"


def choose_player(mode: str = "auto", *, out: TextIO = sys.stdout
                  ) -> tuple[Player, Optional[str]]:
    """The player for an `--audio` mode (`auto`: miniaudio, else simpleaudio, else the
    terminal bell, with a notice naming the one chosen), or `AudioUnavailable` saying why
    none can play."""
    if mode == "off":
        return NullPlayer(), None
    if mode == "bell":
        return BellPlayer(out), None
    makers = {"miniaudio": MiniaudioPlayer, "simpleaudio": SimpleaudioPlayer}
    if mode == "auto":
        for name, maker in makers.items():
            try:
                return maker(), f"sound: {name}"
            except AudioUnavailable:
                continue
        if _is_terminal(out):
            return BellPlayer(out), BELL_NOTICE
        raise AudioUnavailable(NO_DEVICE)
    if mode not in makers:
        raise ValueError(f"unknown audio mode {mode!r}")
    return makers[mode](), None


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
