"""Error reports to Sentry carry no request bodies, no local variables and no personal data.

The leak: an exception while handling the donate form, a login or an impact upload
would send Sentry the POST body (a donor's name and email, a staff password) and, in
each stack frame, the local variables (the same, plus TOTP secrets being decrypted).
Sentry is a third party outside Pakistan; what reaches it must be scrubbed like logs.

Failed on main before the fix: init had neither max_request_body_size="never" nor
include_local_variables=False nor a before_send, so the event kept the email.
"""

import json

from tests.settings_probe import run_python
from tests.test_settings import PRODUCTION_ENV

CAPTURE = (
    "import json, sentry_sdk\n"
    "captured = {}\n"
    "sentry_sdk.init = lambda *args, **kwargs: captured.update(kwargs)\n"
    "import config.settings.production\n"
    "event = {'message': 'failed for amina@example.org',\n"
    "         'exception': {'values': [{'value': 'card 4242 4242 4242 4242 key sk_live_abc123'}]},\n"
    "         'breadcrumbs': {'values': [{'message': 'mail to bilal@example.org'}]},\n"
    "         'extra': {'donor': 'amina@example.org', 'count': 3}}\n"
    "before_send = captured.get('before_send')\n"
    "scrubbed = before_send(event, {}) if before_send else event\n"
    "options = {k: v for k, v in captured.items() if not callable(v)}\n"
    "print(json.dumps({'options': options, 'event': scrubbed}))\n"
)


def test_sentry_is_initialised_without_bodies_locals_or_personal_data():
    result = run_python(CAPTURE, **PRODUCTION_ENV, SENTRY_DSN="https://key@sentry.example.org/1")
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    options, event = found["options"], found["event"]
    assert options["max_request_body_size"] == "never"
    assert options["include_local_variables"] is False
    assert options["send_default_pii"] is False
    text = json.dumps(event)
    for secret in ("amina@example.org", "bilal@example.org", "4242 4242", "sk_live_abc123"):
        assert secret not in text
    assert event["extra"]["count"] == 3  # only the personal parts are removed
