"""The `hipcli` entry point run in this process: its one-line errors and exit codes included.

CliRunner alone calls the typer app, which leaves the entry point's handling of user errors
out; this runs `hipcli.cli.main` itself with CliRunner's captured streams, far faster than a
child process.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from hipcli.cli import main


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_main(*args: str, env: dict[str, str] | None = None) -> Ran:
    runner = CliRunner()
    argv = sys.argv
    with runner.isolation(env=env) as (out, err, _):
        sys.argv = ["hipcli", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = argv
        return Ran(code, out.getvalue().decode(), err.getvalue().decode())
