"""The live view: `render(state)` turns a ViewState into a Rich renderable.

Pure: the picture depends only on the state, the digit size asked for and the size Rich
offers it. The layout follows the terminal: big digits and every line from about 40x20, the
digits growing with the screen (5 rows at 80x24, 10 at 120x40, 20 at 200x60: up to a third of
its height, as wide as fits); small digits and fewer lines when narrow or short, a few plain
lines when tiny.
"""

from __future__ import annotations

import textwrap
from typing import Optional

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from hipcli.records import record
from hipcli.ui import digits
from hipcli.ui.state import ViewState

KIND_STYLE = {"hold": "green", "reps": "green", "rest": "blue", "prepare": "yellow",
              "switch": "magenta", "done": "cyan"}
KIND_WORD = {"hold": "HOLD", "reps": "REPS", "rest": "REST", "prepare": "GET READY",
             "switch": "SWITCH SIDES", "done": "DONE"}
LEGEND = (("space", "pause"), ("n/→", "skip"), ("b/←", "back"), ("q", "quit"),
          ("+/-", "hold"), ("?", "help"))
HELP = (("space", "pause or resume"), ("n  →", "skip to the next step"),
        ("b  ←", "restart this step; twice for the one before"),
        ("+  -", "make this hold 5 s longer or shorter (holds only)"), ("q", "quit (asks first)"),
        ("?", "hide this help"))
NO_KEYS = "keys off here: runs on its own, Ctrl-C stops"
FULL_MIN = (36, 20)     # width, height for big digits and every line
DIGITS_SHARE = 3        # growing digits take at most a third of the terminal's height
MEDIUM_MIN = (28, 14)   # for small digits and the essential lines
FULL_ROWS = 18          # rows the full layout takes besides its cue, with 5-row digits
MEDIUM_ROWS = 12        # rows the medium layout takes besides its cue and the banner
BAR_LABEL_WIDTH = 5
PANEL_SPARE = 4         # border and padding columns a panel takes
MAX_NOTICES = 2         # lines under the view for what hipcli has to tell (sound, history)


def render(state: ViewState, *, digit_scale: Optional[int] = None) -> "SessionView":
    """The renderable for one moment of a session; `digit_scale` fixes the size of the big
    digits (1 is 5 rows high, 2 is 10, ...; None grows them with the terminal)."""
    return SessionView(state, digit_scale)


@record
class SessionView:
    """Lays out a ViewState for whatever width and height Rich gives it."""

    state: ViewState
    digit_scale: Optional[int] = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or options.size.height
        notices = self.state.notices[-MAX_NOTICES:] if height > MEDIUM_MIN[1] else ()
        yield layout(self.state, width=width, height=height - len(notices),
                     digit_scale=self.digit_scale, screen_height=height)
        for notice in notices:
            yield _one_line(Text(notice[:width], style="yellow"))


def layout(state: ViewState, *, width: int, height: int, digit_scale: Optional[int] = None,
           screen_height: Optional[int] = None):
    """The largest layout that fits `width` x `height`; growing digits are sized from the
    whole `screen_height` (notices under the view take rows from the rest, not from them)."""
    clock = countdown_text(state.left)
    inner = width - PANEL_SPARE
    if width >= FULL_MIN[0] and height >= FULL_MIN[1] \
            and digits.width(clock, size="big") <= inner:
        cue_lines = 2 if height > FULL_MIN[1] else 1
        scale = big_scale(clock, inner=inner, height=screen_height or height, wanted=digit_scale,
                          free_rows=height - FULL_ROWS + digits.GLYPH_ROWS - cue_lines)
        grown = (scale - 1) * digits.GLYPH_ROWS
        return _full(state, inner, cue_lines=cue_lines, guidance_lines=height - FULL_ROWS - grown,
                     scale=scale)
    if width >= MEDIUM_MIN[0] and height >= MEDIUM_MIN[1] \
            and digits.width(clock, size="small") <= inner:
        return _medium(state, inner, guidance_lines=height - MEDIUM_ROWS)
    return _tiny(state, width)


def big_scale(clock: str, *, inner: int, free_rows: int, height: int,
              wanted: Optional[int]) -> int:
    """The scale of the big digits: `wanted`, or the largest whose rows stay within a third of
    `height` (None); never more than fits the rows and columns left, never less than 1."""
    fits = 1
    while (fits + 1) * digits.GLYPH_ROWS <= free_rows \
            and digits.width(clock, size="big", scale=fits + 1) <= inner:
        fits += 1
    if wanted is None:
        wanted = max(height // DIGITS_SHARE // digits.GLYPH_ROWS, 1)
    return max(min(wanted, fits), 1)


# -- the three layouts ------------------------------------------------------------------------
def _full(state: ViewState, inner: int, *, cue_lines: int, guidance_lines: int, scale: int = 1):
    style = KIND_STYLE.get(state.kind, "white")
    lines: list[RenderableType] = [_header(state, inner), _title(state), _detail(state),
                                   _banner(state, inner)]
    lines += _digit_lines(digits.big(countdown_text(state.left), scale), style, inner)
    lines.append(Text(""))
    if state.help:
        lines += _help_lines()
    else:
        lines += [*_words(state, width=inner, cue_lines=cue_lines, guidance_lines=guidance_lines),
                  Text("")]
        lines += [_bars(state, inner), Text(""), _next(state)]
    return Group(_panel(state, lines, style), legend(state, width=inner + PANEL_SPARE))


def _medium(state: ViewState, inner: int, *, guidance_lines: int):
    style = KIND_STYLE.get(state.kind, "white")
    lines: list[RenderableType] = [_header(state, inner), _title(state), _detail(state)]
    if state.paused or state.asking:
        lines.append(_banner(state, inner))
        guidance_lines -= 1
    lines += _digit_lines(digits.small(countdown_text(state.left)), style, inner)
    if state.help:
        lines += _help_lines()[:4]  # the legend below still says how to quit
    else:
        lines += [*_words(state, width=inner, cue_lines=1, guidance_lines=guidance_lines),
                  _bars(state, inner), _next(state)]
    return Group(_panel(state, lines, style), legend(state, width=inner + PANEL_SPARE))


def _tiny(state: ViewState, width: int):
    style = KIND_STYLE.get(state.kind, "white")
    head = Text.assemble((f"{_kind_side(state)} ", f"bold {style}"),
                         (countdown_text(state.left), f"bold {style}"))
    lines = [head, _title(state)]
    if state.paused or state.asking:
        lines.append(_banner(state, width, center=False))
    detail = _detail(state)
    if detail.plain:
        lines.append(detail)
    lines.append(_bar_line("step", state.seconds - state.left, state.seconds,
                           f"{clock_text(state.left)}", width, style))
    lines.append(legend(state, width=width))
    return Group(*[_one_line(line) for line in lines])


# -- pieces -----------------------------------------------------------------------------------
def countdown_text(seconds: int) -> str:
    """What the big digits say: 45, then 1:30 from a minute up."""
    return str(seconds) if seconds < 60 else clock_text(seconds)


def clock_text(seconds: int) -> str:
    minutes, secs = divmod(max(int(seconds), 0), 60)
    return f"{minutes}:{secs:02d}"


def legend(state: ViewState, *, width: int) -> Text:
    """One line of keys, as many as fit; the quit question replaces it while it is asked.

    Without a key reader the line says so instead."""
    if not state.keys:
        return _one_line(Text(NO_KEYS, style="dim"))
    if state.asking:
        return _one_line(Text.assemble(("Quit? y/n", "bold red"), "  ",
                                       ("any other key keeps going", "dim")))
    text = Text()
    for key, action in LEGEND:
        if key == "+/-" and state.kind == "reps":
            action = "holds only"  # a rep count stays as planned
        piece = Text.assemble((key, "bold"), " ", (action, "dim"))
        gap = 2 if text.plain else 0
        if len(text.plain) + gap + len(piece.plain) > width:
            break
        text.append(" " * gap)
        text.append_text(piece)
    return text


def _panel(state: ViewState, lines: list, style: str) -> Panel:
    title = Text(state.routine, style="bold")
    return Panel(Group(*lines), title=title, title_align="left", border_style=style,
                 padding=(0, 1))


def _kind_side(state: ViewState) -> str:
    """ "HOLD · LEFT", with what the side means in an asymmetric position: "(front leg)"."""
    word = KIND_WORD.get(state.kind, state.kind.upper())
    if not state.side:
        return word
    means = f" ({state.side_means})" if state.side_means else ""
    return f"{word} · {state.side.upper()}{means}"


def _header(state: ViewState, width: int) -> Text:
    style = KIND_STYLE.get(state.kind, "white")
    left = Text(_kind_side(state), style=f"bold {style}")
    right = Text(f"exercise {state.work_no}/{state.work_count}" if state.work_no else "",
                 style="dim")
    return _spread(left, right, width)


def _title(state: ViewState) -> Text:
    return _one_line(Text(state.name, style="bold"))


def _detail(state: ViewState) -> Text:
    """Set, round and rep counters, or the dose of what is coming."""
    text = Text()
    if state.kind == "reps" and state.rep:
        rep = f"rep {state.rep}/{state.reps}" + (f" · {state.phase}" if state.phase else "")
        text.append(rep, style=f"bold {KIND_STYLE['reps']}")
    else:
        text.append(state.dose_text)
    for no, count, word in ((state.set_no, state.set_count, "set"),
                            (state.round_no, state.round_count, "round")):
        if count > 1:
            text.append(f"{' · ' if text.plain else ''}{word} {no}/{count}")
    return _one_line(text)


def _banner(state: ViewState, width: int, *, center: bool = True) -> Text:
    if state.asking:
        words, style = " Quit? y/n ", "bold reverse red"
    elif state.paused:
        words, style = " PAUSED · space to resume ", "bold reverse yellow"
    else:
        return Text("")
    text = Text(words[:width], style=style)
    if center:
        text.align("center", width)
    return text


def _digit_lines(rows: list[str], style: str, width: int) -> list[Text]:
    lines = []
    for row in rows:
        line = Text(row, style=f"bold {style}")
        line.align("center", width)
        lines.append(line)
    return lines


def _words(state: ViewState, *, width: int, cue_lines: int, guidance_lines: int) -> list[Text]:
    """While getting ready, the set-up and the safety note; during the exercise, its cue."""
    if not (state.setup or state.safety):
        return [_cue(state, width=width, lines=cue_lines)]
    rows = max(guidance_lines, 1)
    safety = _wrapped(f"Safety: {state.safety}", width, rows) if state.safety else []
    setup = _wrapped(state.setup, width, rows - len(safety)) if state.setup else []
    lines = []
    if setup:
        lines.append(Text("\n".join(setup), style="italic"))
    if safety:
        lines.append(Text("\n".join(safety), style="bold yellow"))
    return lines


def _cue(state: ViewState, *, width: int, lines: int) -> Text:
    """The cue on at most `lines` lines, the last one cut short with an ellipsis if need be."""
    return Text("\n".join(_wrapped(state.cue, width, lines) or [""]), style="italic")


def _wrapped(text: str, width: int, lines: int) -> list[str]:
    """`text` on at most `lines` lines, the last one cut short with an ellipsis if need be."""
    wrapped = textwrap.wrap(text, width) or ([""] if lines > 0 else [])
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        if wrapped:
            wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _bars(state: ViewState, width: int) -> Group:
    style = KIND_STYLE.get(state.kind, "white")
    step = _bar_line("step", state.seconds - state.left, state.seconds,
                     f"{clock_text(state.left)} left", width, style)
    total = _bar_line("total", state.total - state.total_left, state.total,
                      f"{clock_text(state.total_left)} left", width, "cyan")
    return Group(step, total)


def _bar_line(label: str, done: float, whole: float, right: str, width: int, style: str) -> Text:
    label = label.ljust(BAR_LABEL_WIDTH)
    fraction = min(max(done / whole, 0.0), 1.0) if whole > 0 else 1.0
    room = max(width - len(label) - len(right) - 2, 0)
    filled = round(room * fraction)
    return Text.assemble((label, "dim"), " ", ("█" * filled, style), ("░" * (room - filled), "dim"),
                         " ", right)


def _next(state: ViewState) -> Text:
    return _one_line(Text.assemble(("next up ", "dim"), state.next_up))


def _help_lines() -> list[Text]:
    key_width = max(len(key) for key, _ in HELP) + 2
    return [_one_line(Text.assemble((key.ljust(key_width), "bold"), action))
            for key, action in HELP]


def _spread(left: Text, right: Text, width: int) -> Text:
    room = width - len(left.plain) - len(right.plain)
    if room < 1:
        return _one_line(left)
    return Text.assemble(left, " " * room, right)


def _one_line(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
