"""The fixed words options and files take (levels, sides, sound modes, output formats, colour,
efforts, exercise kinds and positions): each a `Literal` type for the checker and a tuple of its
values for the command line."""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["easy", "normal", "hard"]
Side = Literal["left", "right"]
AudioMode = Literal["auto", "miniaudio", "simpleaudio", "bell", "off"]
OutputFormat = Literal["table", "csv", "json"]
SheetFormat = Literal["html", "md"]
ReportFormat = Literal["html", "md", "json"]
ColorMode = Literal["auto", "always", "never"]
Effort = Literal["easy", "right", "hard"]  # how hard a session felt, easiest first
Kind = Literal["stretch", "strength", "mobility", "plyometric", "test"]
Position = Literal["seated", "supine", "prone", "side-lying", "quadruped", "standing", "kneeling"]

LEVELS: tuple[Level, ...] = get_args(Level)
SIDES: tuple[Side, ...] = get_args(Side)
AUDIO_MODES: tuple[AudioMode, ...] = get_args(AudioMode)
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
SHEET_FORMATS: tuple[SheetFormat, ...] = get_args(SheetFormat)
REPORT_FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)
COLORS: tuple[ColorMode, ...] = get_args(ColorMode)
EFFORTS: tuple[Effort, ...] = get_args(Effort)
KINDS: tuple[Kind, ...] = get_args(Kind)
POSITIONS: tuple[Position, ...] = get_args(Position)
