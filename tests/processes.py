"""Child processes for tests: Ctrl-C (SIGINT) reaches them even when pytest runs as a
background job, whose SIGINT is ignored and would otherwise be inherited."""

from __future__ import annotations

import signal


def default_sigint() -> None:
    """Run in the child before it starts: SIGINT back to its default action."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
