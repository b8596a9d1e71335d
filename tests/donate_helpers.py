"""Helpers for posting to the donate form."""

import re

import pytest

# Tests whose webhooks reach the site over HTTP (the live server) commit, and restore the demo after.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def gift_form(**overrides):
    data = {"amount": "2500", "currency": "PKR", "frequency": "once", "dedication": "", "website": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def session_id_from(response):
    return re.search(r"/checkout/(cs_test_\w+)", response["Location"]).group(1)


def give(client, page, **overrides):
    """Post the donate form; the answer is the redirect to (the double's) Checkout."""
    response = client.post(page.url, gift_form(**overrides))
    assert response.status_code == 303, response.content.decode()[:2000]
    return response
