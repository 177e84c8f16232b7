"""The hipcli error family and the exit codes the command line maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 74  # the output could not be written: disk full, broken pipe, closed
EXIT_INTERRUPTED = 130


class HipcliError(Exception):
    """Anything a user caused and should read as one clean line, never a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RoutineError(HipcliError):
    """A routine or exercise file that cannot be used, located to file, line and column."""

    def __init__(self, path: str, line: int, col: int, detail: str):
        super().__init__(f"{path}:{line}:{col}: {detail}")
        self.path = path
        self.line = line
        self.col = col
        self.detail = detail


class NotFoundError(HipcliError):
    """A routine or exercise name that does not exist."""


class HistoryError(HipcliError):
    """The history database cannot be read or written."""

    exit_code = EXIT_FAILURE
    kind = ""  # read-only, locked, full, missing, io, damaged or refused, when known


class HistoryBusy(HistoryError):
    """Another process kept the history database locked for longer than we would wait."""
