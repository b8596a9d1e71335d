from django import template

from core import seo

register = template.Library()


@register.inclusion_tag("components/seo.html", takes_context=True)
def seo_tags(context):
    """Canonical link, description, Open Graph and Twitter card tags, and JSON-LD for the page."""
    request = context["request"]
    page = context.get("page")
    if page is None or not hasattr(page, "get_full_url"):
        return {"canonical": request.build_absolute_uri(request.path), "image": seo.image_url(request, None)}
    image = getattr(page, "social_image", None) or context.get("hero_image")
    structured = page.structured_data(request, context) if hasattr(page, "structured_data") else None
    return {
        "canonical": page.get_full_url(request),
        "title": page.seo_title or page.title,
        "description": (
            getattr(page, "summary_text", "")
            or page.search_description
            or getattr(page, "summary", "")
            or getattr(page, "intro", "")
        ),
        "type": "article" if structured and structured.get("@type") == "Article" else "website",
        "image": seo.image_url(request, image),
        "json_ld": seo.json_ld(structured) if structured else "",
    }
