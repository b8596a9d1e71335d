"""Which saved rows can show on a public page, so that saving one makes cached pages stale.

Rows of the project's own apps (an app whose code is in this repository, not an installed
library) show, unless their model is marked with `never_shown`: a new app's rows count
without anything to edit here. Of the libraries, only the apps holding pages, images,
documents, redirects and tags show, and not their bookkeeping (revisions, logs,
renditions, workflow states, locks, comments, uploads in progress).
"""

import functools
import sysconfig
from pathlib import Path

from django.conf import settings

LIBRARY_APPS_SHOWN = {"wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}
LIBRARY_BOOKKEEPING = {
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagelock",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
    "wagtailimages.uploadedimage",
    "wagtaildocs.uploadeddocument",
}
LIBRARY_FOLDERS = {Path(sysconfig.get_paths()[name]).resolve() for name in ("purelib", "platlib")}

_never_shown = set()


def never_shown(model):
    """Class decorator for a model whose rows no public page shows (gifts, bookkeeping): saving
    one leaves every cached page as it is."""
    _never_shown.add(model._meta.label_lower)
    return model


def is_project_app(app_config):
    """True for an app whose code lives in this repository, not in an installed library."""
    path = Path(app_config.path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and not any(
        path.is_relative_to(folder) for folder in LIBRARY_FOLDERS
    )


@functools.cache
def is_shown(model):
    """True when a row of this (concrete, registered) model can show on a public page."""
    meta = model._meta
    if meta.label_lower in _never_shown or meta.label_lower in LIBRARY_BOOKKEEPING:
        return False
    return meta.app_label in LIBRARY_APPS_SHOWN or is_project_app(meta.app_config)
