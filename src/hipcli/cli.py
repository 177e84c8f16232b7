"""The hipcli command line: parse options, call the core, turn errors into one clean line."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any, List, Optional

import typer

from hipcli import __version__
from hipcli.choices import (AUDIO_MODES, COLORS, EFFORTS, FORMATS, KINDS, LEVELS, POSITIONS,
                            REPORT_FORMATS, SHEET_FORMATS, SIDES, AudioMode, ColorMode, Effort,
                            Kind, Level, OutputFormat, Position, ReportFormat, SheetFormat, Side)
from hipcli.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, HipcliError

APP_SETTINGS: dict[str, Any] = dict(
    help="Guided hip-mobility sessions in the terminal: stretch, then strengthen, side by side.",
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app = typer.Typer(**APP_SETTINGS)


def _complete_routine(incomplete: str) -> list[str]:
    from hipcli.catalog import routine_names
    return [n for n in routine_names() if n.startswith(incomplete)]


def _complete_exercise(incomplete: str) -> list[str]:
    from hipcli.library import load_library
    return [i for i in load_library().exercises if i.startswith(incomplete)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hipcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(ctx: typer.Context,
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Guided hip-mobility sessions in the terminal. With no command: what is due today."""
    if ctx.invoked_subcommand is None:
        today()
        typer.echo("More: hipcli --help")


def _console():
    from hipcli.ui.console import safe_console
    return safe_console(soft_wrap=False)


def _table_style() -> dict:
    """Listings fit the terminal's width; their header is bold on a terminal only."""
    import shutil
    return {"width": shutil.get_terminal_size().columns,
            "bold": sys.stdout.isatty() and "NO_COLOR" not in os.environ}


def _print_json(data) -> None:
    from hipcli.streams import utf_capable
    from hipcli.text import json_text
    typer.echo(json_text(data, ascii_only=not utf_capable(sys.stdout)))


def _echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may hold a name or text from a file: control characters escaped."""
    from hipcli.streams import fit
    from hipcli.text import printable
    typer.echo(fit(printable(text), sys.stderr if err else sys.stdout), err=err, nl=nl)


def _error(text: str) -> None:
    """An error: always exactly one line on stderr, whatever the text holds."""
    from hipcli.streams import fit
    from hipcli.text import one_line
    typer.echo(fit(one_line(text), sys.stderr), err=True)


LEVEL_HELP = ("Where in each dose range to work: easy (bottom), normal (middle), hard (top). "
              "Without it, doses follow your progress, starting at the bottom.")


def one_of(flag: str, choices: tuple[str, ...]) -> dict:
    """Option settings for a fixed set of words: help and completion list them, and a wrong
    one is the same one-line error (exit 2) as any other bad value."""
    def parse(value: str) -> str:
        if value in choices:
            return value
        from hipcli.suggest import closest
        close = closest(value, choices)
        hint = f" (did you mean {close!r}?)" if close else ""
        raise HipcliError(f"{flag} {value!r} is not one of {', '.join(choices)}{hint}")
    return dict(parser=parse, metavar="[" + "|".join(choices) + "]",
                autocompletion=lambda incomplete: [c for c in choices if c.startswith(incomplete)])


def number(flag: str, low: float, high: float, *, whole: bool = False) -> dict:
    """Option settings for a number in [low, high]: help shows the range, and a bad one is a
    one-line error (exit 2)."""
    def parse(text: str) -> float:
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:  # NaN fails the comparison too
            kind = "a whole number" if whole else "a number"
            raise HipcliError(f"{flag} {text!r} is not {kind} from {low:g} to {high:g}")
        return value
    return dict(parser=parse, metavar=f"[{low:g}-{high:g}]")


def _options(side, hold, reps, rest, settings: dict):
    from hipcli.timeline import Options
    return Options(side=side, affected=settings["affected"], hold=hold, reps=reps, rest=rest,
                   prepare=settings["prepare"], switch=settings["switch"])


def _settings(**flags):
    """Every setting: these flags where given, else the environment, the config file, the
    default (config.resolve decides)."""
    from hipcli.config import current
    return current(flags)


SETTING = " Default: your settings (`hipcli config show`)."


RoutineArg = Annotated[str, typer.Argument(help="Routine name or YAML file.",
                                            autocompletion=_complete_routine)]
LevelOpt = Annotated[Optional[Level], typer.Option("--level", help=LEVEL_HELP + SETTING,
                                                  **one_of("--level", LEVELS))]
SideOpt = Annotated[Optional[Side], typer.Option("--side", help="Only this side.",
                                                **one_of("--side", SIDES))]
AffectedOpt = Annotated[Optional[Side], typer.Option(
    "--affected", help="The side that gets the extra (affected) dose." + SETTING,
    **one_of("--affected", SIDES))]
HoldOpt = Annotated[Optional[float], typer.Option("--hold", **number("--hold", 1, 3600),
                                                  help="Every hold, in seconds.")]
RepsOpt = Annotated[Optional[int], typer.Option(
    "--reps", **number("--reps", 1, 500, whole=True), help="Every rep count.")]
RestOpt = Annotated[Optional[float], typer.Option("--rest", **number("--rest", 0, 600),
                                                  help="Every rest, in seconds.")]
AudioOpt = Annotated[Optional[AudioMode], typer.Option(
    "--audio", help="Sound: a player, bell (the terminal bell) or off." + SETTING,
    **one_of("--audio", AUDIO_MODES))]
PrepareOpt = Annotated[Optional[float], typer.Option(
    "--prepare", **number("--prepare", 0, 600),
    help="Get-ready seconds before each exercise (else the routine's)." + SETTING)]
SwitchOpt = Annotated[Optional[float], typer.Option(
    "--switch", **number("--switch", 0, 600),
    help="Seconds to change sides (else the routine's)." + SETTING)]
DigitsOpt = Annotated[Optional[str], typer.Option(
    "--digits", metavar="auto|1-8",
    help="Countdown digit size: auto grows them with the terminal, 1 is 5 rows high, 2 is 10..."
         + SETTING)]
ColorOpt = Annotated[Optional[ColorMode], typer.Option(
    "--color", help="Colour on the live screen." + SETTING, **one_of("--color", COLORS))]


@app.command()
def start(
    routine: RoutineArg,
    plain: bool = typer.Option(False, "--plain", help="One line per event instead of the live view."),
    speed: float = typer.Option(1.0, "--speed", **number("--speed", 0.01, 1000),
                                help="Run the clock this many times faster (previews)."),
    level: LevelOpt = None,
    side: SideOpt = None,
    affected: AffectedOpt = None,
    hold: HoldOpt = None,
    reps: RepsOpt = None,
    rest: RestOpt = None,
    prepare: PrepareOpt = None,
    switch: SwitchOpt = None,
    audio: AudioOpt = None,
    voice: Optional[bool] = typer.Option(
        None, "--voice/--no-voice", help="Also speak each step and each exercise's set-up, with "
        "12 s to get ready (needs espeak-ng)." + SETTING),
    digits: DigitsOpt = None,
    color: ColorOpt = None,
    pain: Optional[int] = typer.Option(None, "--pain", **number("--pain", 0, 10, whole=True),
                                       help="Check-in: pain after the session, 0-10."),
    effort: Optional[Effort] = typer.Option(None, "--effort", **one_of("--effort", EFFORTS),
                                            help="Check-in: how hard it felt."),
) -> None:
    """Run a routine: counted down on screen and by ear, one step after another. After a live
    session you are asked for pain and effort (one key each); --pain and --effort answer ahead."""
    from hipcli import launch
    from hipcli.config import digit_scale
    settings = _settings(level=level, affected=affected, prepare=prepare, switch=switch,
                         audio=audio, voice=voice, digits=digits, color=color)
    options = _options(side, hold, reps, rest, settings)
    if settings["voice"]:
        from hipcli.audio.voice import with_room_to_speak
        options = with_room_to_speak(options)
    code = launch.start_session(routine, options, level=settings["level"], plain=plain,
                                speed=speed, audio=settings["audio"], voice=settings["voice"],
                                digit_scale=digit_scale(settings["digits"]),
                                color=settings["color"],
                                checkin=launch.CheckinAnswers(pain, effort))
    raise typer.Exit(code)


@app.command()
def sounds(audio: AudioOpt = None) -> None:
    """Play every cue sound once, each named as it plays, to learn what they mean."""
    from hipcli.audio.setup import sound_tour
    sound_tour(_settings(audio=audio)["audio"], out=sys.stdout, notices=sys.stderr)


@app.command()
def show(
    routine: RoutineArg,
    level: LevelOpt = None,
    side: SideOpt = None,
    affected: AffectedOpt = None,
    hold: HoldOpt = None,
    reps: RepsOpt = None,
    rest: RestOpt = None,
    prepare: PrepareOpt = None,
    switch: SwitchOpt = None,
    as_json: bool = typer.Option(False, "--json", help="Print the timeline as JSON."),
) -> None:
    """Show a routine's steps and total time, exactly as `start` would run them, then what it is
    for, how often to do it and the safety notes of its exercises."""
    from hipcli import launch, present
    from hipcli.history.commands import tell_unreadable
    from hipcli.history.feed import feed
    from hipcli.history.store import HistoryStore
    from hipcli.loading import load
    settings = _settings(level=level, affected=affected, prepare=prepare, switch=switch)
    loaded = load(routine)
    with HistoryStore.existing() as store:
        options = launch.with_program_side(_options(side, hold, reps, rest, settings), store,
                                           loaded.routine.name)
        plan, timeline = launch.prepare(loaded, options, level=settings["level"],
                                        history=feed(store))
        tell_unreadable(store, None)
    if as_json:
        _print_json(present.timeline_json(timeline) | present.guidance_json(timeline)
                    | plan.json_extra())
    else:
        _console().print(present.timeline_table(timeline))
        for line in present.guidance_lines(timeline) + plan.show_lines():
            _echo(line)


@app.command("routines")
def routines_(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List the routines: built-in ones and your own (yours win on a name clash), with the
    time each takes as `start` would run it."""
    from hipcli import catalog, present
    from hipcli.totals import listed_totals
    found = catalog.list_routines()
    headings = {r.name: catalog.read_heading(r.path) for r in found}
    totals = listed_totals({r.name: r.path for r in found})
    if as_json:
        _print_json([present.routine_json(r, *headings[r.name], totals[r.name]) for r in found])
        return
    _echo("\n".join(present.routines_table(found, {n: h[0] for n, h in headings.items()},
                                                 {n: h[1] for n, h in headings.items()},
                                                 totals, **_table_style())))
    hidden = [r.name for r in found if r.overrides_builtin]
    if hidden:
        _echo(f"Your own file replaces the built-in: {', '.join(hidden)}")


@app.command()
def exercises(
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Only this kind of exercise.",
                                        **one_of("--kind", KINDS)),
    position: Optional[Position] = typer.Option(None, "--position", help="Only done in this "
                                                "position.", **one_of("--position", POSITIONS)),
    equipment: Optional[str] = typer.Option(None, "--equipment", metavar="TEXT",
                                            help="Needs this (e.g. band), or 'none'."),
    muscle: Optional[str] = typer.Option(None, "--muscle", metavar="TEXT",
                                         help="Works this muscle (part of a name)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON, with how-to, cues and dose."),
) -> None:
    """List the exercise library, optionally filtered."""
    from hipcli import present
    from hipcli.library import load_library
    library = load_library()
    for flag, problem in library.unmatched(equipment=equipment, muscle=muscle):
        typer.echo(f"hipcli: {flag} {problem}", err=True)
    found = library.filter(kind=kind, position=position, equipment=equipment, muscle=muscle)
    if as_json:
        _print_json([present.exercise_json(ex) for ex in found])
    elif not found:
        _echo("No exercise matches those filters.")
    else:
        _echo("\n".join(present.exercises_table(found, **_table_style())))


@app.command()
def exercise(
    exercise_id: str = typer.Argument(..., metavar="ID", help="Exercise id.",
                                      autocompletion=_complete_exercise),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """How to do one exercise: steps, cues, dose and safety."""
    from hipcli import present
    from hipcli.library import load_library
    found = load_library().get(exercise_id)
    if as_json:
        _print_json(present.exercise_json(found))
    else:
        _console().print(present.exercise_panel(found))


@app.command()
def validate(files: List[str] = typer.Argument(
        ..., metavar="ROUTINE...", help="Routine names or YAML files (routines, programs or an "
        "exercise library).", autocompletion=_complete_routine)) -> None:
    """Check routines; each problem is reported as FILE:LINE:COL: what is wrong (up to 20
    per file, in file order)."""
    from hipcli.checkfile import check_file
    failed = 0
    for path in files:
        try:
            _echo(f"{path}: ok ({check_file(path)})")
        except HipcliError as exc:
            for problem in str(exc).splitlines():  # one line a problem
                _error(problem)
            failed += 1
    if failed:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def new(
    name: str = typer.Argument(..., help="Name of the new routine, e.g. morning-hips."),
    copy_of: Optional[str] = typer.Option(None, "--from", metavar="ROUTINE",
                                          autocompletion=_complete_routine,
                                          help="Start from a copy of this routine (name or file)."),
    force: bool = typer.Option(False, "--force",
                               help="Allow a name that replaces a built-in routine."),
) -> None:
    """Create a routine in your routines folder, ready to edit: a commented template, or a
    copy of another routine."""
    from hipcli.catalog import builtin_names, find_routine
    from hipcli.paths import user_routines_dir
    from hipcli.scaffold import new_routine, shadow_refusal
    if name in builtin_names() and not force:
        raise shadow_refusal(name)
    source = find_routine(copy_of).path if copy_of else None
    path = new_routine(name, user_routines_dir(), copy_of=source)
    _echo(f"Created {path}" + (f" from {copy_of}" if copy_of else ""))
    if name in builtin_names():
        _echo(f"It replaces the built-in {name!r}; delete it to have the built-in back.")


@app.command()
def schema(library: bool = typer.Option(False, "--library", help="The exercise-library format instead."),
           program_: bool = typer.Option(False, "--program", help="The program format instead.")) -> None:
    """Print the JSON Schema of the routine format, for editor completion."""
    from hipcli.schema import library_schema, program_schema, routine_schema
    _print_json(library_schema() if library else program_schema() if program_ else routine_schema())


@app.command()
def history(
    as_json: bool = typer.Option(False, "--json", help="Same as --format json (with each step's dose)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE",
                                        help="Only sessions started on or after this day (YYYY-MM-DD)."),
    routine: Optional[str] = typer.Option(None, "--routine", metavar="NAME",
                                          help="Only sessions of this routine."),
    fmt: Optional[OutputFormat] = typer.Option(None, "--format", **one_of("--format", FORMATS),
                                      help="Output format (default table)."),
    every: bool = typer.Option(False, "--all", help="Every session in the table, not the last 50."),
) -> None:
    """List recorded sessions, finished or stopped early, oldest first: the table shows the
    last 50 (--all for every one); csv and json give every session."""
    from hipcli.history import commands
    found = commands.history_output(since=since, routine=routine, every=every,
                                    fmt=commands.pick_format(fmt, as_json))
    if found.chunks is not None:
        for chunk in found.chunks:
            _echo(chunk, nl=False)
    elif found.message is not None:
        _echo(found.message)
    else:
        _console().print(found.table)
        if found.note:
            _echo(found.note)


@app.command()
def stats(
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    weeks: int = typer.Option(8, "--weeks", **number("--weeks", 1, 520, whole=True), help="How many weeks to chart."),
) -> None:
    """Sessions and minutes per week, day streaks, the count per routine, and the program's
    sessions per week against its target."""
    from hipcli.days import today as today_
    from hipcli.history import commands, views
    found = commands.stats_data(today=today_(), weeks=weeks)
    if as_json:
        _print_json(views.stats_json(found) if found else {"sessions": 0})
    elif found is None:
        _echo(commands.NO_SESSIONS)
    else:
        _echo("\n".join(views.stats_lines(found)))


@app.command()
def doctor() -> None:
    """What hipcli uses here and whether each works: sound, voice, terminal, folders, and the
    history database read page by page."""
    from hipcli import doctor as checkup
    found = checkup.checks()
    typer.echo("\n".join(checkup.report(found)))
    if any(check.fails for check in found):
        raise typer.Exit(EXIT_FAILURE)


@app.command()
def measure(
    left_er: Optional[float] = typer.Option(None, "--left-er", help="Left external rotation, degrees."),
    left_ir: Optional[float] = typer.Option(None, "--left-ir", help="Left internal rotation, degrees."),
    right_er: Optional[float] = typer.Option(None, "--right-er", help="Right external rotation, degrees."),
    right_ir: Optional[float] = typer.Option(None, "--right-ir", help="Right internal rotation, degrees."),
    show_history: bool = typer.Option(False, "--history", help="Show past tests instead of taking one."),
    as_json: bool = typer.Option(False, "--json", help="With --history: print as JSON."),
) -> None:
    """The prone hip rotation self-test: record how far each hip turns out (ER) and in (IR)."""
    from hipcli.history import commands, measure as test, views
    if show_history:
        found = commands.measured_readings()
        if as_json:
            _print_json(views.measure_json(found))
        elif not found:
            _echo("No measurements yet: run `hipcli measure` to take the test.")
        else:
            _console().print(views.measure_table(found))
            _echo("\n".join(["", *views.measure_chart(found), "", views.ASYMMETRY_NOTE]))
        return
    given = {"--left-er": left_er, "--left-ir": left_ir, "--right-er": right_er, "--right-ir": right_ir}
    missing = [flag for flag, value in given.items() if value is None]
    if missing and not sys.stdin.isatty():
        raise HipcliError(f"no terminal to ask for {', '.join(missing)} "
                          "(give every reading as an option, e.g. --left-er 40)")
    if missing:
        _echo("\n".join(test.GUIDE) + "\n")
    try:
        values = commands.collect_readings(given, _ask_degrees)
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C or Ctrl-D: nothing kept
        typer.echo("", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    from hipcli.history.recorder import wall_clock_now
    reading = commands.record_reading(values, taken_at=wall_clock_now())
    _echo(f"Recorded: left ER {reading.left_er:g}°, IR {reading.left_ir:g}°; "
               f"right ER {reading.right_er:g}°, IR {reading.right_ir:g}°.")
    _echo("\n".join(test.advice(reading)))


@app.command()
def sheet(
    routine: RoutineArg,
    fmt: SheetFormat = typer.Option("html", "--format", **one_of("--format", SHEET_FORMATS),
                                    help="A printable HTML page, or Markdown to paste into a "
                                    "message."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="Write to this file instead of the screen."),
    level: LevelOpt = None,
    affected: AffectedOpt = None,
) -> None:
    """A routine sheet to print or hand out: each exercise with its dose, steps and a drawing."""
    from hipcli.handouts.commands import sheet_text
    settings = _settings(level=level, affected=affected)
    _emit(sheet_text(routine, fmt=fmt, level=settings["level"], affected=settings["affected"]),
          output)


@app.command()
def report(
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE",
                                        help="Only from this day on (YYYY-MM-DD)."),
    fmt: ReportFormat = typer.Option("html", "--format", **one_of("--format", REPORT_FORMATS),
                                     help="A printable HTML page with charts, Markdown, or "
                                     "JSON."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="Write to this file instead of the screen."),
) -> None:
    """A progress report to bring to a physiotherapist: sessions, doses, rotation, pain."""
    from datetime import date
    from hipcli.handouts.commands import report_text
    _emit(report_text(since=since, fmt=fmt, today=date.today()), output)


def _emit(text: str, output: Optional[Path]) -> None:
    """A hand-out to the screen or a file; text from routines, the library and the history
    in it has any control character escaped either way."""
    from hipcli.handouts.commands import write_output
    from hipcli.text import printable
    text = printable(text)
    if write_output(text, output) is None:
        _echo(text, nl=False)
    else:
        _echo(f"Wrote {output}", err=True)


def _ask_degrees(label: str) -> float:
    while True:
        value = typer.prompt(label, type=float)
        if 0 <= value <= 90:
            return value
        _echo("Please enter a number of degrees from 0 to 90.", err=True)


config_app = typer.Typer(help="Your settings: config.toml, the environment and defaults.",
                         no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("path")
def config_path_() -> None:
    """Where the config file is (or will be, once a key is set)."""
    from hipcli.config import config_path
    _echo(str(config_path()))


@config_app.command("show")
def config_show() -> None:
    """Every key, its value and where it came from: flag, environment, file or default."""
    from hipcli.config import read_config, resolve
    from hipcli.configcmd import show_lines
    config = read_config()
    _echo("\n".join(show_lines(resolve({}, env=os.environ, config=config), config)))


@config_app.command("set")
def config_set(key: str = typer.Argument(..., help="A key `hipcli config show` lists."),
               value: str = typer.Argument(..., help="Its new value.")) -> None:
    """Write one key to the config file, keeping its comments and order."""
    from hipcli.configcmd import set_value, toml_text
    path, stored = set_value(key, value)
    _echo(f"{key} = {toml_text(stored)} in {path}")


program_app = typer.Typer(help="Follow a program over weeks: stages, how often, when to move on.",
                          no_args_is_help=True)
app.add_typer(program_app, name="program")


def _complete_program(incomplete: str) -> list[str]:
    from hipcli.programs import program_files
    return [n for n in program_files() if n.startswith(incomplete)]


@program_app.command("start")
def program_start(
    name: str = typer.Argument(..., help="Program name.", autocompletion=_complete_program),
    affected: AffectedOpt = None,
) -> None:
    """Begin a program at its first stage (one program is followed at a time)."""
    from hipcli.history import coaching
    _with_program(lambda store, day: coaching.today_lines(
        coaching.start_program(store, name, affected, day)))


@program_app.command("status")
def program_status() -> None:
    """The stage, this week's sessions against the target, and each criterion met or not."""
    from hipcli.history import coaching
    _with_program(lambda store, day: _standing_lines(store, day, coaching.status_lines),
                  reading=True)


@program_app.command("advance")
def program_advance() -> None:
    """Move to the next stage now, whatever its criteria say."""
    from hipcli.history import coaching
    _with_program(lambda store, day: coaching.status_lines(coaching.move(store, 1, day)))


@program_app.command("back")
def program_back() -> None:
    """Go back to the stage before."""
    from hipcli.history import coaching
    _with_program(lambda store, day: coaching.status_lines(coaching.move(store, -1, day)))


@program_app.command("stop")
def program_stop() -> None:
    """Stop following the program (its sessions stay in the history)."""
    from hipcli.history import coaching
    _with_program(lambda store, day: [f"Stopped {coaching.stop(store, day).program}."])


@app.command()
def today() -> None:
    """What is due today and why, ready to start with one command."""
    from hipcli.history import coaching
    _with_program(lambda store, day: _standing_lines(store, day, coaching.today_lines),
                  reading=True)


def _standing_lines(store, day, lines_of) -> list[str]:
    from hipcli.history import coaching
    if store is None:
        return coaching.suggestion_lines()
    now, moved = coaching.refresh(store, day)
    return moved + (lines_of(now) if now else coaching.suggestion_lines())


def _with_program(action, *, reading: bool = False) -> None:
    """Open the history (not creating it just to read), run `action(store, today)`, print."""
    from hipcli.days import today as today_
    from hipcli.history.store import HistoryStore
    store = HistoryStore.open_existing() if reading else HistoryStore.open()
    try:
        lines = action(store, today_())
    finally:
        if store is not None:
            store.close()
    _echo("\n".join(lines))


def run() -> int:
    """Run the command line and return its exit code; user errors print one line on stderr.

    Output faults (a full disk, a closed pipe) are left to the caller, `hipcli.entry.main`,
    which turns them into one line too.
    """
    from hipcli import streams
    try:
        result = app_for(sys.argv[1:])(standalone_mode=False)
    except SystemExit as exc:  # the parser's own way out of a broken pipe: exit 1, no word
        if exc.code == 1 and streams.stdout_gone():
            raise BrokenPipeError(errno.EPIPE, "Broken pipe") from None
        raise
    except HipcliError as exc:
        _error(f"hipcli: {exc}")
        return exc.exit_code
    except typer.Abort:  # Ctrl-C or the end of input at a prompt
        typer.echo("", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a usage error: the parser's own message and code
        code = getattr(exc, "exit_code", None)
        show = getattr(exc, "show", None)
        if show is None or not isinstance(code, int):
            raise
        show()
        return code
    return result if isinstance(result, int) else 0


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command `args` run: typer builds the options of every command it
    holds on each run, and one command needs only its own. The whole app where the command is
    not named first (options, `--help`, a wrong name) or the shell asks for completions."""
    if not args or any(name.endswith("_COMPLETE") for name in os.environ):
        return app
    commands = [c for c in app.registered_commands if _command_name(c) == args[0]]
    groups = [g for g in app.registered_groups if g.name == args[0]]
    if not commands and not groups:
        return app
    only = typer.Typer(**APP_SETTINGS)
    only.registered_callback = app.registered_callback
    only.registered_commands, only.registered_groups = commands, groups
    return only


def _command_name(command) -> str:
    return command.name or typer.main.get_command_name(command.callback.__name__)


def main() -> None:
    """The program (kept here for callers that import it from the command line module)."""
    from hipcli.entry import main as program
    program()
