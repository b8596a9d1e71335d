"""Helpers for posting to the donate form."""

import re

import pytest
from django.core import mail

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


def open_link(client):
    """Follow the manage link of the last email, as the donor does: it lands on the gift's own page."""
    link = re.search(r"http://127.0.0.1:8000(/en/gift/manage/[^\s]+/)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    assert response.status_code == 303
    assert response["Location"] == "/en/gift/manage/current/"
    return client.get(response["Location"])
