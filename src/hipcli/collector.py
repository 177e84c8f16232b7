"""The garbage collector around start-up: held off while hipcli loads, back on for a session.

Loading hipcli and its libraries creates some hundred thousand objects, none of them garbage,
and the collector would walk them again and again as they pile up: about 5 % of the
instructions before a session's first frame. So `hold` switches it off as the program starts.
A command that runs and exits never needs it back (reference counting still frees everything
without a cycle). A session runs for half an hour: `resume` moves everything made so far out
of the collector's sight for good (`gc.freeze`) and switches it on again, so its collections
only ever look at what the session itself makes.
"""

from __future__ import annotations

import gc


def hold() -> None:
    gc.disable()


def resume() -> None:
    if gc.isenabled():  # never held (hipcli run as a library, in tests): leave it be
        return
    gc.freeze()
    gc.enable()
