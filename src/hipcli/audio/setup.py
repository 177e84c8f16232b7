"""Sound for one session or one tour: open the player and voice, report what is missing, close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from hipcli.audio.cues import CueListener
from hipcli.audio.players import MODES, Player, open_player
from hipcli.errors import HipcliError
from hipcli.timeline import Timeline


def check_mode(mode: str) -> str:
    """An `--audio` value, or a one-line error naming the choices."""
    if mode not in MODES:
        raise HipcliError(f"--audio {mode!r} is not one of {', '.join(MODES)}")
    return mode


@dataclass
class SessionAudio:
    """The player and the listener that drives it; close() once the session is over."""

    player: Player
    listener: CueListener

    def close(self) -> None:
        self.player.close()


def _notice(notices: TextIO, text: str) -> None:
    from hipcli.text import one_line
    notices.write(f"hipcli: {one_line(text)}\n")
    notices.flush()


def open_session_audio(mode: str, *, voice: bool, timeline: Timeline, speed: float,
                       out: TextIO, notices: TextIO) -> SessionAudio:
    """Open the sound for a session; anything unavailable costs one notice line, never the run."""
    player, notice = open_player(check_mode(mode), out=out)
    if notice:
        _notice(notices, notice)
    speaker = None
    if voice:
        from hipcli.audio.voice import open_voice
        from hipcli.paths import cache_dir
        speaker, notice = open_voice(player, timeline, speed=speed, cache=cache_dir() / "voice")
        if notice:
            _notice(notices, notice)
    return SessionAudio(player, CueListener(player, voice=speaker))


def sound_tour(mode: str, *, out: TextIO, notices: TextIO) -> None:
    """`hipcli sounds`: name and play every cue."""
    from hipcli.audio.tour import play_tour
    player, notice = open_player(check_mode(mode), out=out)
    if notice:
        _notice(notices, notice)
    try:
        play_tour(player, out)
    finally:
        player.close()
