"""How hard the property-based tests search.

`make test` and CI run a quick search, so a run stays short; the full one runs
with `HYPOTHESIS_PROFILE=thorough make test` (README, "Tests").
"""

import os

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(thorough, quick):
    """The number of generated examples for one property: `thorough` when asked for, `quick` otherwise."""
    return thorough if THOROUGH else quick
