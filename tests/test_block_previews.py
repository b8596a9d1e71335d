"""Every block an editor can add to a page shows a preview in the block picker, in the site's styles."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from tests.staff_helpers import log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def blocks_in_the_picker():
    """(page model, field, block name, block) for each block a page's StreamField offers."""
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                for name, block in field.stream_block.child_blocks.items():
                    yield model, field, name, block


def test_the_walk_finds_the_body_blocks_of_each_page_family():
    families = {(model.__name__, field.name) for model, field, _name, _block in blocks_in_the_picker()}
    assert {("StandardPage", "body"), ("ProgrammePage", "body"), ("ArticlePage", "body")} <= families


@pytest.mark.parametrize(
    ("model", "field", "name", "block"),
    list(blocks_in_the_picker()),
    ids=[f"{model.__name__}.{field.name}.{name}" for model, field, name, _block in blocks_in_the_picker()],
)
def test_every_block_has_a_preview_with_content_in_the_sites_styles(client, demo_site, model, field, name, block):
    assert block.is_previewable, f"{model.__name__}.{field.name}: {name} has no preview in the block picker"
    make_staff("editor", group="Editors", secret=SECRET)
    log_in(client, "editor", totp_code(SECRET))
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/components" in html, "the preview lacks the site's stylesheets"
    [rendered] = re.findall(rf'<div class="w-block-{name} block-{name}">(.*?)</div>\s*</main>', html, re.S)
    text = strip_tags(rendered).strip()
    assert text, f"{name}'s preview shows no words"
