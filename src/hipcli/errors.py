"""The hipcli error family and the exit codes the command line maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 74  # the output could not be written: disk full, its reader gone (`| head`), closed
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


MAX_ERRORS = 20


class RoutineErrors(RoutineError):
    """Every problem found in one file, in file order (the first `MAX_ERRORS` shown): the
    first one's place, and a message of one `FILE:LINE:COL: what` line each."""

    def __init__(self, errors: list[RoutineError]):
        unique = sorted({str(e): e for e in errors}.values(), key=lambda e: (e.line, e.col))
        first = unique[0]
        super().__init__(first.path, first.line, first.col, first.detail)
        self.errors = unique
        lines = [str(error) for error in unique[:MAX_ERRORS]]
        if len(unique) > MAX_ERRORS:
            lines.append(f"{first.path}: {len(unique) - MAX_ERRORS} more problems "
                         "not shown (fix these first)")
        self.message = "\n".join(lines)


def raise_all(errors: list[RoutineError]) -> None:
    """Raise the problems found, if any: one as itself, several together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise RoutineErrors(errors)


class NotFoundError(HipcliError):
    """A routine or exercise name that does not exist."""


class HistoryError(HipcliError):
    """The history database cannot be read or written."""

    exit_code = EXIT_FAILURE
    kind = ""  # read-only, locked, full, missing, io, damaged or refused, when known


class HistoryBusy(HistoryError):
    """Another process kept the history database locked for longer than we would wait."""


class DeviceError(HipcliError):
    """A device the command needs (a sound output, a terminal) is not there."""

    exit_code = EXIT_FAILURE
