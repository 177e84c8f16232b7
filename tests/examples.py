"""How many random cases the slow property tests try: their full count, which CI and a plain
`pytest` run, or a tenth of it (at least 10) in the quick loop, which sets HIPCLI_QUICK_TESTS=1.
"""

from __future__ import annotations

import os

QUICK = os.environ.get("HIPCLI_QUICK_TESTS") == "1"


def examples(full: int) -> int:
    """The number of cases to try, out of `full`."""
    return max(10, full // 10) if QUICK else full
