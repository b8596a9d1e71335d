"""Renamed and moved models lose nothing: a database from before, with the demo in it, goes
back to the old names and forward again, and keeps its pages, gifts, topics, grants and drafts.

Donation became Gift, LocationPage CentrePage, ProgramPage ProgrammePage, the home page's
`featured_programs` `featured_programmes`; articles, their index and topics moved from the
programs app to awareness. The check runs `migrate` in a separate
interpreter on a copy of the test database: `migrate` is what renames content types,
and running it backwards here would pull the tables from under the other tests.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from awareness.models import ArticleIndexPage, Topic
from home.models import HomePage
from locations.models import CentreIndexPage
from programs.models import ProgrammeIndexPage
from tests import db_copy
from tests.staff_helpers import EDITOR_SECRET, log_in, make_staff, totp_code

ROOT = Path(__file__).resolve().parent.parent

BEFORE_THE_RENAMES = [
    ("donate", "0007_monthly_amount_changes"),
    ("locations", "0009_service_translatable_drop_urdu_columns"),
]

PROBE = r"""
import json

import django

django.setup()

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from awareness.models import ArticlePage, Topic
from donate.models import Gift, MonthlyPayment
from home.models import HomePage, HomePageFeaturedProgramme
from locations.models import CentrePage
from programs.models import ProgrammePageCentre, ProgrammePageRelated

TARGETS = json.loads(TARGETS_JSON)


def snapshot():
    home = HomePage.objects.filter(locale__language_code="en").get()
    draft = home.latest_revision.as_object()
    return {
        "gifts": sorted([g.pk, str(g.reference), str(g.amount), g.status] for g in Gift.objects.all()),
        "payments": sorted(MonthlyPayment.objects.values_list("pk", "gift_id", "stripe_invoice_id")),
        "pages": sorted(
            [p.pk, p.path, p.content_type.app_label, p.content_type.model, p.title, p.live]
            for p in Page.objects.select_related("content_type")
        ),
        "centres": sorted(CentrePage.objects.values_list("pk", "city")),
        "featured": sorted(HomePageFeaturedProgramme.objects.values_list("page_id", "programme_id", "sort_order")),
        "related": sorted(ProgrammePageRelated.objects.values_list("page_id", "programme_id")),
        "centre_links": sorted(ProgrammePageCentre.objects.values_list("page_id", "centre_id")),
        "finance": sorted(
            Group.objects.get(name="Finance").permissions.values_list("content_type__app_label", "codename")
        ),
        "grants": sorted(Group.permissions.through.objects.values_list(
            "group__name", "permission__content_type__app_label", "permission__codename"
        )),
        "topics": sorted(Topic.objects.values_list("pk", "slug", "locale_id", "live", "latest_revision_id")),
        "article_topics": sorted(ArticlePage.topics.through.objects.values_list("articlepage_id", "topic_id")),
        "home_draft_features": [item.programme_id for item in draft.featured_programmes.all()],
        "permission_rows": Permission.objects.filter(codename__in=["view_gift", "view_centrepage"]).count(),
        "home_revision": home.latest_revision_id,
    }


def old_names(home_revision):
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_label, model FROM django_content_type")
        types = {f"{app}.{model}" for app, model in cursor.fetchall()}
        cursor.execute(
            "SELECT p.codename FROM auth_permission p JOIN auth_group_permissions gp ON gp.permission_id = p.id "
            "JOIN auth_group g ON g.id = gp.group_id WHERE g.name = 'Finance'"
        )
        finance = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT content FROM wagtailcore_revision WHERE id = %s", [home_revision])
        content = cursor.fetchone()[0]
        content = json.loads(content) if isinstance(content, str) else content
        cursor.execute("SELECT COUNT(*) FROM donate_donation")
        gifts = cursor.fetchone()[0]
        featured = connection.introspection.get_table_description(cursor, "home_homepagefeaturedprogram")
    return {
        "tables": sorted(t for t in tables if t in {
            "donate_donation", "donate_gift", "locations_locationpage", "locations_centrepage",
            "programs_programpage", "programs_programmepage", "home_homepagefeaturedprogram",
            "programs_articlepage", "programs_topic", "programs_articlepage_topics", "awareness_articlepage",
        }),
        "types": sorted(t for t in types if t.split(".")[1] in {
            "donation", "gift", "locationpage", "centrepage", "programpage", "programmepage", "topic",
        }),
        "finance_gift_grants": sorted(c for c in finance if c.endswith(("_donation", "_gift"))),
        "draft_keys": sorted(k for k in content if k.startswith("featured")),
        "draft_item_keys": sorted({k for i in content.get("featured_programs", []) for k in i if "program" in k}),
        "gifts": gifts,
        "featured_columns": sorted(c.name for c in featured if c.name.startswith("program")),
    }


quiet = {"verbosity": 0, "interactive": False}
before = snapshot()
for app_label, name in TARGETS:
    call_command("migrate", app_label, name, **quiet)
old = old_names(before["home_revision"])
call_command("migrate", **quiet)
print("PROBE " + json.dumps({"before": before, "old": old, "after": snapshot()}))
"""


def run(program, *args):
    """Run one of PostgreSQL's client programs, found on PATH; fail the test if it fails."""
    subprocess.run([shutil.which(program), *args], check=True)  # noqa: S603 # nosec B603


def scratch_copy(tmp_path):
    """A database URL for a copy of the test database as it stands, and how to drop it."""
    if connection.vendor == "sqlite":
        return db_copy.sqlite_file_copy(tmp_path / "before-renames.sqlite3"), None
    server, name = db_copy.server_url(), f"seher_renames_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "test.dump"
    run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", db_copy.database_url())
    run("psql", "-q", f"{server}/postgres", "-c", f'CREATE DATABASE "{name}"')
    run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={server}/{name}", str(dump))
    return f"{server}/{name}", lambda: run("psql", "-q", f"{server}/postgres", "-c", f'DROP DATABASE "{name}"')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_renames_keeps_its_pages_gifts_grants_and_drafts(tmp_path):
    # An editor's unpublished draft of the home page, with its featured programmes in it.
    HomePage.objects.get(locale__language_code="en").save_revision()
    url, drop = scratch_copy(tmp_path)
    try:
        result = subprocess.run(  # noqa: S603 # nosec B603: this interpreter, this probe
            [
                sys.executable,
                "-c",
                f"TARGETS_JSON = {json.dumps(json.dumps(BEFORE_THE_RENAMES))}\n{PROBE}",
            ],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if drop:
            drop()
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    assert result.returncode == 0 and lines, result.stdout[-3000:] + result.stderr[-3000:]
    probe = json.loads(lines[-1].removeprefix("PROBE "))
    before, old, after = probe["before"], probe["old"], probe["after"]

    # The copy really went back to the old names, data and all...
    assert old["tables"] == [
        "donate_donation",
        "home_homepagefeaturedprogram",
        "locations_locationpage",
        "programs_articlepage",
        "programs_articlepage_topics",
        "programs_programpage",
        "programs_topic",
    ]
    assert old["types"] == ["donate.donation", "locations.locationpage", "programs.programpage", "programs.topic"]
    assert old["finance_gift_grants"] == ["add_donation", "change_donation", "view_donation"]
    assert old["gifts"] == len(before["gifts"]) > 0
    assert old["featured_columns"] == ["program_id"]
    # ...and a draft saved then names the relation and its field the old way.
    assert old["draft_keys"] == ["featured_programs"]
    assert old["draft_item_keys"] == ["program"]

    # Forward again, nothing is lost: rows, page types, links, grants, drafts.
    assert before["gifts"] and before["payments"] and before["featured"] and before["related"]
    assert before["topics"] and before["article_topics"]
    assert ["Moderators", "awareness", "publish_topic"] in before["grants"]
    keys = ("gifts", "payments", "pages", "centres", "featured", "related", "centre_links", "finance", "grants")
    for key in (*keys, "topics", "article_topics"):
        assert after[key] == before[key], key
    assert ["donate", "view_gift"] in after["finance"]
    assert after["home_draft_features"] == before["home_draft_features"] != []
    assert after["permission_rows"] == 2  # renamed in place: `migrate` made no second, ungranted copy


OLD_ADMIN_ADDRESSES = [
    ("/admin/pages/add/locations/locationpage/{centres}/", "/admin/pages/add/locations/centrepage/{centres}/"),
    ("/admin/pages/add/programs/programpage/{programmes}/", "/admin/pages/add/programs/programmepage/{programmes}/"),
    ("/admin/pages/usage/locations/locationpage/?p=2", "/admin/pages/usage/locations/centrepage/?p=2"),
    ("/admin/pages/usage/programs/programindexpage/", "/admin/pages/usage/programs/programmeindexpage/"),
    ("/admin/pages/add/programs/articlepage/{articles}/", "/admin/pages/add/awareness/articlepage/{articles}/"),
    ("/admin/snippets/programs/topic/", "/admin/snippets/awareness/topic/"),
    ("/admin/snippets/programs/topic/edit/{topic}/", "/admin/snippets/awareness/topic/edit/{topic}/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), OLD_ADMIN_ADDRESSES)
def test_admin_addresses_with_an_old_page_type_answer_301_to_the_new_one(client, demo_site, old, new):
    pks = {
        "centres": CentreIndexPage.objects.get(locale__language_code="en").pk,
        "programmes": ProgrammeIndexPage.objects.get(locale__language_code="en").pk,
        "articles": ArticleIndexPage.objects.get(locale__language_code="en").pk,
        "topic": Topic.objects.order_by("pk").first().pk,
    }
    old, new = old.format(**pks), new.format(**pks)
    make_staff("farah", secret=EDITOR_SECRET, superuser=True)
    log_in(client, "farah", totp_code(EDITOR_SECRET))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_the_old_page_type_redirect_opens_nothing_without_a_login(client, demo_site):
    centres = CentreIndexPage.objects.get(locale__language_code="en").pk
    response = client.get(f"/admin/pages/add/locations/locationpage/{centres}/", follow=True)
    assert response.redirect_chain[0] == (f"/admin/pages/add/locations/centrepage/{centres}/", 301)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
