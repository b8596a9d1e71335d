"""Steps every app's demo content uses (run through `manage.py seed_demo`)."""


def ensure_child(parent, factory_class, slug, **fields):
    """The child of `parent` with this slug, created by the factory if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return factory_class(parent=parent, slug=slug, **fields)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def call_to_action(heading_text, text, page, link_text):
    """A call to action block linking to a page of the site."""
    return {
        "type": "call_to_action",
        "value": {"heading": heading_text, "text": text, "link_page": page.pk, "link_url": "", "link_text": link_text},
    }


def order_children(parent, slugs):
    """Put the parent's children in this order (the main menu follows it); others keep their place after."""
    current = [page.slug for page in parent.get_children() if page.slug in slugs]
    wanted = [slug for slug in slugs if slug in current]
    if current == wanted:
        return
    for slug in wanted:
        parent.get_children().get(slug=slug).move(parent, pos="last-child")
