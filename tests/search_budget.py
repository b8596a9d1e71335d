"""How hard the property-based tests search.

`make test` runs a quick search, so a newcomer's run stays short; CI runs the full
one (`HYPOTHESIS_PROFILE=thorough`, set in .ci/run for the SQLite pass).
"""

import os

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(thorough, quick):
    """The number of generated examples for one property: `thorough` in CI, `quick` otherwise."""
    return thorough if THOROUGH else quick
