"""The `hipcli` program run in this process: the console entry point (`hipcli.entry:main`),
its one-line errors and exit codes included, with CliRunner's captured streams.

CliRunner alone calls the typer app, which leaves the entry point's handling of user errors
out. A child process costs about 0.3 s of interpreter start-up and imports per command; this
costs milliseconds, so tests use it wherever the process itself is not what is tested
(signals, pipes, closed streams, imports, the interpreter's locale stay in subprocesses).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from hipcli.entry import main


def run_main(*args: str, env: dict[str, str | None] | None = None, cwd: Path | str | None = None,
             input: str | None = None) -> subprocess.CompletedProcess:
    """`hipcli ARGS` as a subprocess would run it: exit code, stdout and stderr as text.

    `env` adds to (or, with None, removes from) the environment of the test; `cwd` is the
    folder it runs in; `input` is what it reads from standard input (nothing if None).
    """
    runner = CliRunner()
    argv, before = sys.argv, Path.cwd()
    with runner.isolation(input=input, env=env) as (out, err, _):
        sys.argv = ["hipcli", *args]
        if cwd is not None:
            os.chdir(cwd)
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = argv
            os.chdir(before)
        return subprocess.CompletedProcess(["hipcli", *args], code, out.getvalue().decode(),
                                           err.getvalue().decode())
