import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The full demo site, as `make run` builds it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(demo_site):
    return demo_site.root_page.specific
