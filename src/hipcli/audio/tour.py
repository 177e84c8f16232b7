"""`hipcli sounds`: play every cue once, each after a line naming it, so they can be learned."""

from __future__ import annotations

import time
from typing import Callable, TextIO

from hipcli.audio import tones
from hipcli.audio.players import Player

GAP_SECONDS = 0.6


def play_tour(player: Player, out: TextIO, *, wait: Callable[[float], None] = time.sleep,
              names: tuple[str, ...] = tones.SOUND_NAMES) -> None:
    """Name each sound, play it, and leave a short silence before the next."""
    width = max(len(name) for name in names)
    silent = player.name == "off"
    for name in names:
        sound = tones.sound(name)
        out.write(f"{name:<{width}}  {sound.meaning}\n")
        out.flush()
        player.play(tones.pcm(name) if player.plays_pcm else b"")
        if not silent:
            wait(sound.seconds + GAP_SECONDS)
