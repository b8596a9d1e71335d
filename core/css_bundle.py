"""One CSS file per component for whoever edits them, one stylesheet for readers.

Each component's rules live in `static/css/components/<component>.css`, named after
its template. Readers on a slow connection get them in one request: the files are
joined, in name order, into `static/css/components.css`, which `manage.py bundle_css`
writes and `bundle_css --check` (in `make lint` and the tests) compares. Selectors are
one class deep, so the order of the files never decides a rule.
"""

import re
from pathlib import Path

from django.conf import settings

SOURCE = Path(settings.BASE_DIR) / "static" / "css" / "components"
BUNDLE = Path(settings.BASE_DIR) / "static" / "css" / "components.css"
HEADER = "/* Written by `manage.py bundle_css` from static/css/components/: edit those files, not this one. */\n"


COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)


def bundle(source=None):
    """The joined stylesheet: the header, then each component's rules, in file-name order.

    The files' comments stay in the files: readers download rules only.
    """
    files = sorted(Path(source or SOURCE).glob("*.css"))
    return HEADER + "".join(COMMENT.sub("", path.read_text()) for path in files)
