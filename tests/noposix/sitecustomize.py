"""Make this Python look like one without POSIX terminal modules (as on Windows).

Put this folder on PYTHONPATH: importing termios, tty, fcntl or pty then raises ImportError,
as it does where those modules do not exist. With NOPOSIX_LOG set, each attempt is also
written to that file, one a line: the module's name and the module that tried to import it.
"""

import os
import sys

BLOCKED = frozenset({"termios", "tty", "fcntl", "pty"})


class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name in BLOCKED:
            log = os.environ.get("NOPOSIX_LOG")
            if log:
                with open(log, "a", encoding="utf-8") as out:
                    out.write(f"{name} {_importer()}\n")
            raise ImportError(f"No module named {name!r}", name=name)
        return None


for _name in BLOCKED:
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, _Blocker())


def _importer() -> str:
    """The name of the module whose code asked for the import."""
    frame = sys._getframe(2)
    while frame is not None and (frame.f_code.co_filename.startswith("<frozen")
                                 or frame.f_globals.get("__name__") == __name__):
        frame = frame.f_back
    return frame.f_globals.get("__name__", "?") if frame is not None else "?"
