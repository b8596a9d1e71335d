"""Query budgets that must not grow with content, for any listing page.

    count = assert_flat_queries(client, "/en/where-we-work/", make_centres)

`make_children(n)` adds n more children (programmes, centres, articles...) to
what the page lists. The page is rendered with 5 and then with 50 of them, each
time after one warming request (renditions, settings), and the two query counts
must be equal. The count is returned so a test can also hold it to a ceiling.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def assert_flat_queries(client, url, make_children, few=5, many=50):
    make_children(few)
    client.get(url)
    with_few = count_queries(client, url)
    make_children(many - few)
    client.get(url)
    with_many = count_queries(client, url)
    assert with_many == with_few, f"{url}: {with_few} queries with {few} children, {with_many} with {many}"
    return with_many
