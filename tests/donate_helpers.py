"""Helpers for posting to the donate form."""

import re


def gift_form(**overrides):
    data = {"amount": "2500", "currency": "PKR", "frequency": "once", "dedication": "", "website": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def session_id_from(response):
    return re.search(r"/checkout/(cs_test_\w+)", response["Location"]).group(1)
