"""Which sound each session event calls for, and the listener that plays them on time.

The run loop calls listeners right after an event's deadline, so the listener plays at once;
it sits before the screen in the listener list so no redraw ever delays a cue. When several
sounding events share a moment (a reps step starts on its first rep), only the most telling
one plays; when a late batch carries several moments, only the latest is sounded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Optional, Protocol

from hipcli.audio import tones
from hipcli.audio.players import Player
from hipcli.engine import Engine, Event
from hipcli.timeline import Step, Timeline

STEP_SOUNDS = {"prepare": "get-ready", "hold": "go", "reps": "go", "switch": "switch",
               "rest": "rest"}
RISING_WORDS = {"lift", "rise", "raise", "up", "pull", "open", "extend", "reach", "press"}
FALLING_WORDS = {"lower", "drop", "down", "push", "close", "release", "return", "sink"}
PRIORITY = {"finished": 4, "step": 4, "countdown": 3, "halfway": 2, "phase": 1, "rep": 1}


def phase_sound(phase: str) -> str:
    """Rising pitch for a lifting or pulling phase, falling for lowering or pushing, else level."""
    words = phase.lower().replace("-", " ").split()
    first = words[0] if words else ""
    if first in RISING_WORDS:
        return "phase-up"
    if first in FALLING_WORDS:
        return "phase-down"
    return "phase-hold"


def cue_for(event: Event) -> Optional[str]:
    """The sound name for one event, or None for events that stay silent."""
    kind = event.kind
    if kind == "step":
        return STEP_SOUNDS.get(event.step.kind)
    if kind == "finished":
        return "complete"
    if kind in ("countdown", "halfway"):
        return kind
    if kind == "rep":
        return "tick"
    if kind == "phase":
        return phase_sound(str(event.value))
    return None


def choose(events: list[Event]) -> Optional[tuple[str, Event]]:
    """The one (sound, event) to play for a batch: latest moment first, then the most telling."""
    best: Optional[tuple[float, int, str, Event]] = None
    for event in events:
        name = cue_for(event)
        if name is None:
            continue
        rank = (event.at, PRIORITY[event.kind])
        if best is None or rank > best[:2]:
            best = (*rank, name, event)
    return None if best is None else (best[2], best[3])


def sounding_offsets(step: Step) -> list[float]:
    """Offsets into `step` (after its start) at which a cue will sound, ending with its end.

    Found by running the step alone through a scratch engine, so it always agrees with the
    engine about when countdowns, halfway marks and reps fall.
    """
    alone = Timeline("", "", (replace(step, start=0.0, index=0),
                              Step("done", 0.0, "Done", start=step.seconds, index=1)))
    probe = Engine(alone)
    probe.start(0.0)
    events = probe.advance(step.seconds)
    offsets = {e.at for e in events if e.at > 1e-9 and cue_for(e) is not None}
    return sorted(offsets | {step.seconds})


class Announcer(Protocol):
    """Spoken cues, fitted into the silences between tones."""

    def interrupt(self, events: list[Event]) -> None: ...

    def announce(self, event: Event, engine: Engine, *, after: float) -> None: ...


class CueListener:
    """A session listener that sounds each cue through a player the moment it is due."""

    def __init__(self, player: Player, *, sounds: Optional[Mapping[str, bytes]] = None,
                 voice: Optional[Announcer] = None):
        self.player = player
        if sounds is None:
            sounds = tones.all_pcm() if player.plays_pcm else {n: b"" for n in tones.SOUND_NAMES}
        self.sounds = dict(sounds)
        self.voice = voice

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None:
        if self.voice is not None:
            self.voice.interrupt(events)
        chosen = choose(events)
        if chosen is None:
            return
        name, event = chosen
        pcm = self.sounds[name]
        self.player.play(pcm)
        if self.voice is not None:
            self.voice.announce(event, engine, after=tones.duration(pcm))
