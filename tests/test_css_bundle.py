"""One CSS file per component for editors of the code, one stylesheet for readers."""

import pytest
from django.core.management import CommandError, call_command

from core import css_bundle
from core.css_bundle import BUNDLE, SOURCE, bundle


def test_the_served_stylesheet_is_the_components_files_joined():
    assert BUNDLE.read_text() == bundle()
    call_command("bundle_css", "--check")


def test_every_component_file_is_in_the_stylesheet_in_name_order_without_its_comments(tmp_path):
    (tmp_path / "pagination.css").write_text("/* Pages of a listing. */\n.pagination { display: flex; }\n")
    (tmp_path / "button.css").write_text("/* Buttons.\n   Two lines. */\n.button { color: red; }\n")
    assert bundle(tmp_path) == css_bundle.HEADER + ".button { color: red; }\n.pagination { display: flex; }\n"


def test_a_component_changed_without_rebuilding_fails_the_check(tmp_path, monkeypatch):
    source = tmp_path / "components"
    source.mkdir()
    for path in SOURCE.glob("*.css"):
        (source / path.name).write_text(path.read_text())
    stylesheet = tmp_path / "components.css"
    stylesheet.write_text(BUNDLE.read_text())
    monkeypatch.setattr(css_bundle, "SOURCE", source)
    monkeypatch.setattr(css_bundle, "BUNDLE", stylesheet)
    call_command("bundle_css", "--check")
    (source / "pagination.css").write_text(".pagination { display: grid; }\n")
    with pytest.raises(CommandError, match=r"components\.css is out of date"):
        call_command("bundle_css", "--check")
    call_command("bundle_css")
    assert ".pagination { display: grid; }" in stylesheet.read_text()
    call_command("bundle_css", "--check")


def test_pagination_link_list_services_campaign_progress_and_article_summary_have_their_own_files():
    names = {path.stem for path in SOURCE.glob("*.css")}
    for component in ("pagination", "link_list", "services", "campaign_progress", "article_summary"):
        assert component in names
