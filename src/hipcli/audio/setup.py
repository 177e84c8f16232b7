"""Sound for one session or one tour: open the player and voice, report what is missing, close."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, TextIO

from hipcli.choices import AUDIO_MODES as MODES
from hipcli.errors import DeviceError, HipcliError
from hipcli.records import record

if TYPE_CHECKING:
    from hipcli.audio.players import Player
    from hipcli.engine import Engine, Event
    from hipcli.session import Listener
    from hipcli.timeline import Timeline


def check_mode(mode: str) -> str:
    """An `--audio` value, or a one-line error naming the choices."""
    if mode not in MODES:
        raise HipcliError(f"--audio {mode!r} is not one of {', '.join(MODES)}")
    return mode


@record(frozen=False)
class SessionAudio:
    """The player and the listener that drives it; close() once the session is over. No
    player with the sound off."""

    player: Optional[Player]
    listener: Listener

    def close(self) -> None:
        if self.player is not None:
            self.player.close()


class Silence:
    """The listener of a session without sound or voice: there is no cue to work out."""

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None:
        pass


def _notice(notices: TextIO, text: str) -> None:
    from hipcli.text import one_line
    notices.write(f"hipcli: {one_line(text)}\n")
    notices.flush()


def open_session_audio(mode: str, *, voice: bool, timeline: Timeline, speed: float,
                       out: TextIO, notices: TextIO) -> SessionAudio:
    """Open the sound for a session; anything unavailable costs one notice line, never the run.
    With the sound off and no voice, nothing of the audio is loaded."""
    if check_mode(mode) == "off" and not voice:
        return SessionAudio(None, Silence())
    from hipcli.audio.cues import CueListener
    from hipcli.audio.players import open_player
    player, notice = open_player(mode, out=out)
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
    """`hipcli sounds`: name and play every cue; a `DeviceError` when nothing can play them
    (unless sound was turned off on purpose, which just names them)."""
    from hipcli.audio.players import AudioUnavailable, choose_player
    from hipcli.audio.tour import play_tour
    try:
        player, notice = choose_player(check_mode(mode), out=out)
    except AudioUnavailable as exc:
        raise DeviceError(f"nothing can play the sounds: {exc}") from None
    if notice:
        _notice(notices, notice)
    try:
        play_tour(player, out)
    finally:
        player.close()
