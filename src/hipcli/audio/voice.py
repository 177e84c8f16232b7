"""Spoken cues (`--voice`): phrases rendered once by espeak-ng, cached, and fitted between tones.

Each phrase is spoken right after the tone that opens a step, through the same player, and
only when it ends before the step's next tone: otherwise a shorter wording is used, or none.
A pause, skip or new cue cuts a phrase short, so speech never talks over a tone.
"""

from __future__ import annotations

import array
import hashlib
import math
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping, Optional

from hipcli.audio import tones
from hipcli.audio.cues import cue_for, sounding_offsets
from hipcli.audio.players import Handle, Player
from hipcli.audio.words import step_phrases
from hipcli.engine import Engine, Event
from hipcli.timeline import Options, Step, Timeline

PROGRAMS = ("espeak-ng", "espeak")
WORDS_PER_MINUTE = 165
GAP_AFTER_TONE = 0.12
MARGIN = 0.15
SILENCE_LEVEL = 300
EDGE_SECONDS = 0.008
STOP_KINDS = {"paused", "skipped", "back", "quit"}
INSTALL_HINT = ("spoken cues need espeak-ng, which is not installed (Debian or Ubuntu: "
                "sudo apt-get install espeak-ng); carrying on with tones only")
NO_DEVICE_HINT = "spoken cues need a sound device; carrying on without them"
SPOKEN_PREPARE_SECONDS = 12.0  # room to say an exercise's set-up before the 3-2-1 count


def with_room_to_speak(options: Options) -> Options:
    """Options whose get-ready steps are long enough to say the set-up (unless set already)."""
    return options if options.prepare is not None else replace(options,
                                                               prepare=SPOKEN_PREPARE_SECONDS)


class VoiceError(Exception):
    """espeak-ng could not render a phrase."""


def find_program() -> Optional[str]:
    """The path of espeak-ng (or the older espeak), or None when neither is installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


class Renderer:
    """Renders phrases to WAV files with espeak-ng, once each, under a cache folder."""

    def __init__(self, program: str, cache: Path, *, rate: int = WORDS_PER_MINUTE):
        self.program = program
        self.cache = cache
        self.rate = rate

    def path_for(self, text: str) -> Path:
        key = f"{Path(self.program).name}|{self.rate}|{text}".encode()
        return self.cache / f"{hashlib.sha256(key).hexdigest()[:24]}.wav"

    def wav(self, text: str) -> Path:
        """The cached WAV of `text`, rendering it first when needed.

        The text goes to espeak-ng on standard input, never on its command line, so a phrase
        such as "-w/some/path" is spoken, not taken as an option; only the cache folder is
        written to.
        """
        path = self.path_for(text)
        if path.is_file():
            return path
        partial = path.with_suffix(f".{os.getpid()}.part")
        command = [self.program, "-s", str(self.rate), "-w", str(partial), "--stdin"]
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            subprocess.run(command, input=text.encode("utf-8", "replace"), check=True,
                           capture_output=True, timeout=30)
            os.replace(partial, path)
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            _quietly_remove(partial)
            raise VoiceError(f"{Path(self.program).name} could not speak {text!r} "
                             f"({_reason(exc)})") from None
        return path


def _reason(exc: Exception) -> str:
    """A failure of espeak-ng or of the cache folder, in a few words with the path."""
    if isinstance(exc, subprocess.CalledProcessError):
        said = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return f"exit status {exc.returncode}" + (f": {said[0]}" if said else "")
    if isinstance(exc, subprocess.TimeoutExpired):
        return f"no answer within {exc.timeout:g} s"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


def _quietly_remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def decode(path: Path) -> bytes:
    """A WAV file as 48 kHz mono 16-bit PCM, trimmed of leading and trailing silence."""
    from hipcli.audio.players import import_miniaudio
    miniaudio = import_miniaudio()
    try:
        decoded = miniaudio.decode(path.read_bytes(), output_format=miniaudio.SampleFormat.SIGNED16,
                                   nchannels=1, sample_rate=tones.RATE)
    except (OSError, miniaudio.DecodeError) as exc:
        raise VoiceError(f"cannot read {path} ({exc})") from None
    samples = array.array("h", decoded.samples)
    return _trimmed(samples)


def _trimmed(samples: array.array) -> bytes:
    first = _first_loud(samples, range(len(samples)))
    if first is None:
        return b""
    last = _first_loud(samples, range(len(samples) - 1, first - 1, -1)) or first
    edge = int(EDGE_SECONDS * tones.RATE)
    kept = samples[max(first - edge, 0):last + edge]
    for i in range(min(edge, len(kept) // 2)):
        ramp = 0.5 - 0.5 * math.cos(math.pi * i / edge)
        kept[i] = int(kept[i] * ramp)
        kept[-1 - i] = int(kept[-1 - i] * ramp)
    if sys.byteorder == "big":
        kept.byteswap()
    return kept.tobytes()


def _first_loud(samples: array.array, order: range) -> Optional[int]:
    for i in order:
        if abs(samples[i]) > SILENCE_LEVEL:
            return i
    return None


def phrases_for(timeline: Timeline) -> list[str]:
    """Every wording a session of this timeline might speak, without repeats."""
    texts: dict[str, None] = {}
    for step in timeline.steps:
        for text in step_phrases(step):
            texts.setdefault(text)
    return list(texts)


def render_all(texts: Iterable[str], renderer: Renderer) -> dict[str, bytes]:
    return {text: decode(renderer.wav(text)) for text in texts}


class Voice:
    """Speaks a step's phrase after its opening tone, if it fits before the next one."""

    def __init__(self, player: Player, phrases: Mapping[str, bytes], *, speed: float = 1.0):
        self.player = player
        self.phrases = dict(phrases)
        self.speed = speed
        self.spoken: list[str] = []
        self._current: Optional[Handle] = None

    def interrupt(self, events: list[Event]) -> None:
        """Cut the phrase short when a tone is due or the session is paused, skipped or left."""
        if self._current is None:
            return
        if any(e.kind in STOP_KINDS or cue_for(e) is not None for e in events):
            self._current.stop()
            self._current = None

    def announce(self, event: Event, engine: Engine, *, after: float) -> None:
        """Say the longest wording for the step just begun that ends before the next tone."""
        if event.kind not in ("step", "finished"):
            return
        start = after + GAP_AFTER_TONE
        text = self.fitting(event.step, room=self._room(event.step) - start)
        if text is None:
            return
        self._current = self.player.play(tones.silence(start) + self.phrases[text])
        self.spoken.append(text)

    def fitting(self, step: Step, *, room: float) -> Optional[str]:
        for text in step_phrases(step):
            pcm = self.phrases.get(text)
            if pcm and tones.duration(pcm) <= room:
                return text
        return None

    def _room(self, step: Step) -> float:
        """Real seconds from the step's start to its next tone, less a safety margin."""
        if step.kind == "done":
            return math.inf
        quiet = sounding_offsets(step)[0]
        return quiet / self.speed - MARGIN


def open_voice(player: Player, timeline: Timeline, *, speed: float,
               cache: Path) -> tuple[Optional[Voice], Optional[str]]:
    """Render the session's phrases (cached) and make its Voice, or say why there is none."""
    program = find_program()
    if program is None:
        return None, INSTALL_HINT
    if not player.plays_pcm:
        return None, NO_DEVICE_HINT
    try:
        phrases = render_all(phrases_for(timeline), Renderer(program, cache))
    except VoiceError as exc:
        return None, f"{exc}; carrying on with tones only"
    return Voice(player, phrases, speed=speed), None
