"""Share links: plain links to WhatsApp, Facebook, X and email, and the page's address to copy.

Nothing loads from those sites until a reader follows a link: no script, no button
image, no counter. Each link carries the page's canonical address (as in its SEO tags).
"""

from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from donate.models import DonatePage

register = template.Library()

FACEBOOK = "https://www.facebook.com/sharer/sharer.php?"
# In the order the links appear: WhatsApp first, as most of Pakistan shares there.
# Each: (name, link text, what a screen reader hears, the link for a page's address and title).
TARGETS = [
    (
        "whatsapp",
        "WhatsApp",
        _("Share on WhatsApp"),
        lambda url, title: "https://wa.me/?" + query(text=f"{title} {url}"),
    ),
    ("facebook", "Facebook", _("Share on Facebook"), lambda url, _title: FACEBOOK + query(u=url)),
    ("x", "X", _("Share on X"), lambda url, title: "https://x.com/intent/post?" + query(text=title, url=url)),
    ("email", _("Email"), _("Share by email"), lambda url, title: "mailto:?" + query(subject=title, body=url)),
]


def query(**params):
    # %20 rather than +: mail programs read mailto: with RFC 6068, where + stays a plus.
    return urlencode(params, quote_via=quote)


def donate_page_for_reader():
    """The live donate page in the reader's language (or any), shared from the thank-you page."""
    pages = DonatePage.objects.live().public()
    return pages.filter(locale__language_code=get_language()).first() or pages.first()


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context, page=None):
    """`{% share_links page %}`; with no page (the thank-you page), the donate page is shared."""
    request = context.get("request")
    page = page or donate_page_for_reader()
    if page is None:
        return {"links": []}
    url = page.get_full_url(request)
    title = page.seo_title or page.title
    return {
        "url": url,
        "links": [
            {"name": name, "text": text, "label": label, "href": build(url, title)}
            for name, text, label, build in TARGETS
        ],
    }
