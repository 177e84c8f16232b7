"""The `hipcli` program: set up the standard streams, run the command line, and make sure
every way out is one line and a documented exit code (never a traceback).

This module imports nothing heavy, so Ctrl-C while the rest of hipcli is still loading ends
quietly with 130 like Ctrl-C at any other moment.
"""

from __future__ import annotations

import sys

from hipcli import collector
from hipcli.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OUTPUT


def main() -> None:
    collector.hold()
    try:
        from hipcli import streams
        problem = streams.prepare()
        if problem:
            _say(f"hipcli: {problem}")
            sys.exit(EXIT_OUTPUT)
        from hipcli.cli import run
        code = run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        _say("")
        code = EXIT_INTERRUPTED
    except (OSError, ValueError, AttributeError) as exc:
        from hipcli import streams
        message = streams.output_fault(exc)
        if message is not None:
            streams.drop_pending_output()
            _say(f"hipcli: {message}")
            code = EXIT_OUTPUT
        elif isinstance(exc, OSError):  # a file error no command foresaw: still one line
            from hipcli.text import shown_path
            where = f"{shown_path(exc.filename)}: " if exc.filename else ""
            _say(f"hipcli: {where}{exc.strerror or exc}")
            code = EXIT_FAILURE
        else:
            raise
    sys.exit(code)


def _say(line: str) -> None:
    """A line on stderr, if there still is one to write to."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
