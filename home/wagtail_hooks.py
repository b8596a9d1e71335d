from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

# Rules added to Wagtail's own checks (heading order, empty links and buttons, alt text
# quality...) so that editors see missing alt text and a page without its main heading.
EXTRA_AXE_RULES = {
    "image-alt": {
        "error_name": _("Image has no alt text"),
        "help_text": _("Describe what the image shows, or mark it decorative"),
    },
    "role-img-alt": {
        "error_name": _("Image has no text alternative"),
        "help_text": _("Describe what the image shows"),
    },
    "svg-img-alt": {
        "error_name": _("SVG image has no text alternative"),
        "help_text": _("Describe what the image shows"),
    },
    "input-image-alt": {
        "error_name": _("Image button has no alt text"),
        "help_text": _("Say what the button does"),
    },
    "page-has-heading-one": {
        "error_name": _("Page has no main heading"),
        "help_text": _("Give the page one level-1 heading"),
    },
}


class SeherContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker, in the userbar and the editor's Checks panel, with our extra rules."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, *EXTRA_AXE_RULES]
    axe_messages = {**ContentCheckerItem.axe_messages, **EXTRA_AXE_RULES}


@hooks.register("construct_wagtail_userbar")
def add_accessibility_rules(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SeherContentCheckerItem):
            items[index] = SeherContentCheckerItem(in_editor=item.in_editor)
