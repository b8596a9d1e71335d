import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.models import HomePage
from locations.models import CentrePage


def page_tree():
    return list(Page.objects.order_by("path").values_list("path", "slug", "content_type__model", "live"))


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_tree():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = page_tree()
    images = get_image_model().objects.count()
    users = get_user_model().objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert page_tree() == first
    assert get_image_model().objects.count() == images
    assert get_user_model().objects.count() == users


@pytest.mark.django_db
def test_seed_demo_builds_the_seher_site(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    cities = sorted(CentrePage.objects.live().filter(locale__language_code="en").values_list("city", flat=True))
    assert cities == ["Gwadar", "Quetta", "Taftan"]
    assert Page.objects.filter(title="Prevention & Protection of Trafficked Children").exists()
    assert "demo-admin" in out
    # The welcome page Wagtail installs is gone.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.django_db
def test_seed_copy_has_no_known_slips():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.test import Client

    client = Client()
    for page in Page.objects.live().exclude(depth=1):
        body = client.get(page.url).content.decode()
        assert "Gawadar" not in body
        assert "Jacky" not in body


@pytest.mark.django_db
def test_the_shared_service_list_is_installed():
    from locations.models import Service

    assert list(Service.originals().values_list("slug", flat=True)) == [
        "child-friendly-care",
        "nutrition",
        "legal-aid",
        "psychosocial-counselling",
        "medical-aid",
        "recreation",
        "family-reunification",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_alone_creates_the_cache_table():
    """`migrate` readies a database for seed_demo without a separate createcachetable step."""
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("home.migrations.0006_cache_table")
    with connection.schema_editor() as editor:
        editor.execute(f"DROP TABLE {editor.quote_name('seher_cache')}")
    assert "seher_cache" not in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        migration.create_cache_table(apps, editor)
    assert "seher_cache" in connection.introspection.table_names()
