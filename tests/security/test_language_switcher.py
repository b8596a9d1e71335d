"""The language switcher only ever links to this site.

The attack: a link to https://seher.org.pk//evil.example/ (or /\\evil.example/) gives a
404 page whose language switcher pointed at '//evil.example/': a protocol-relative
link off the site, in the site's own header, that a reader trusts. The same for the
path of any view that is not a Wagtail page.

Failed on main before the fix: the switcher's Urdu link on that 404 page was
'//evil.example/'.
"""

import re

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

SWITCHER_LINK = re.compile(r'class="language-switcher__link"\s+href="([^"]+)"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, query",
    [
        ("//evil.example/", ""),
        ("//evil.example/en/search/", ""),
        ("/\\evil.example/", ""),
        ("/en/search/", "next=//evil.example/&q=x"),
        ("/en/missing//evil.example/", ""),
    ],
)
def test_switcher_links_stay_on_the_site(home_page, path, query):
    response = Client(raise_request_exception=False).get("/", PATH_INFO=path, QUERY_STRING=query)
    assert response.status_code in (200, 404)
    links = SWITCHER_LINK.findall(response.content.decode())
    assert links, "the switcher offers the other language"
    for link in links:
        assert link.startswith("/") and not link.startswith(("//", "/\\"))
        assert url_has_allowed_host_and_scheme(link, allowed_hosts=set())
