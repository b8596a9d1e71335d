"""The editor's translation workflow with wagtail-localize, through the admin as docs/editors.md describes it."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
URDU = {
    "Contact us": "ہم سے رابطہ کریں",
}


@pytest.fixture
def editor_client(client, demo_site):
    make_staff("editor", group="Moderators", secret=SECRET)
    log_in(client, "editor", code=totp_code(SECRET))
    assert client.get("/admin/").status_code == 200
    return client


@pytest.mark.django_db
def test_editor_translates_a_page_into_urdu_with_a_po_file(editor_client, django_capture_on_commit_callbacks):
    client = editor_client
    contact = Page.objects.get(slug="contact", locale__language_code="en")  # no Urdu version in the demo
    urdu = Locale.objects.get(language_code="ur")
    submit = reverse("wagtail_localize:submit_page_translation", args=[contact.pk])

    # 1. The page's edit view offers "Translate this page".
    assert submit in client.get(reverse("wagtailadmin_pages:edit", args=[contact.pk])).content.decode()

    # 2. Choosing Urdu makes a draft Urdu page, synchronised with its English source.
    assert client.get(submit).status_code == 200
    response = client.post(submit, {"locales": [urdu.pk]})
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=contact.translation_key, target_locale=urdu)
    draft = contact.get_translation(urdu)
    assert not draft.live
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 200

    # 3. Download the PO file, translate every string, upload it back.
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert "Contact us" in [entry.msgid for entry in po]
    for entry in po:
        # The slug stays as it is (/ur/contact/); every other string gets its Urdu text.
        entry.msgstr = entry.msgid if entry.msgid == "contact" else URDU.get(entry.msgid, f"اردو: {entry.msgid}")
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("contact-ur.po", str(po).encode()), "next": "/admin/"},
    )
    assert upload.status_code == 302
    translated, total = translation.get_progress()
    assert translated == total > 0

    # 4. Publish from the translation editor: the Urdu page is live at /ur/contact/, right to left.
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"})
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    html = client.get("/ur/contact/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "<h1>ہم سے رابطہ کریں</h1>" in html
    assert "اردو: Head office" in html
