"""Uploads: images lose EXIF/GPS, documents are limited by type and size, private ones stay private."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def jpeg_with_gps():
    picture = PILImage.new("RGB", (64, 48), (200, 120, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:01:02 03:04:05"  # DateTime
    gps = {1: "N", 2: (30.0, 10.0, 48.0), 3: "E", 4: (66.0, 59.0, 24.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    with PILImage.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(0x8825), "the test picture must start with GPS data"
    return data


@pytest.fixture
def admin_client(client, db):
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    return client


@pytest.mark.django_db
def test_image_uploaded_through_the_admin_loses_gps_and_exif(admin_client):
    before = set(get_image_model().objects.values_list("pk", flat=True))
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload, "title": "Centre building"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200, response.content[:500]
    image = get_image_model().objects.exclude(pk__in=before).get()
    with image.open_file() as stored, PILImage.open(stored) as picture:
        exif = picture.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
        assert "exif" not in picture.info
        assert picture.size == (64, 48)
    assert image.file_size == image.file.size


@pytest.mark.django_db
def test_image_saved_in_code_also_loses_exif():
    image = get_image_model()(title="x", file=SimpleUploadedFile("x.jpg", jpeg_with_gps()))
    image.save()
    with image.open_file() as stored, PILImage.open(stored) as picture:
        assert not picture.getexif()


def test_svg_and_html_are_never_accepted(settings):
    for forbidden in ("svg", "html", "htm", "xhtml", "js", "exe"):
        assert forbidden not in settings.WAGTAILDOCS_EXTENSIONS
        assert forbidden not in settings.WAGTAILIMAGES_EXTENSIONS


@pytest.mark.django_db
def test_document_upload_rejects_svg(admin_client):
    upload = SimpleUploadedFile("map.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>")
    response = admin_client.post("/admin/documents/add/", {"title": "Map", "file": upload, "collection": 1})
    assert response.status_code == 200  # the form again, with an error
    assert get_document_model().objects.count() == 0
    assert "svg" in response.content.decode().lower()


@pytest.mark.django_db
def test_oversized_image_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    before = get_image_model().objects.count()
    upload = SimpleUploadedFile("big.jpg", jpeg_with_gps() + b"\0" * 2000, content_type="image/jpeg")
    admin_client.post("/admin/images/add/", {"title": "Big", "file": upload, "collection": 1})
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_private_document_is_served_only_through_wagtail_with_permission(client, settings, tmp_path):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Safeguarding")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = get_document_model().objects.create(
        title="Consent form", file=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 private"), collection=private
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # The file is not reachable from storage directly: media is not served at all outside DEBUG.
    assert client.get(document.file.url).status_code == 404
    assert document.url.startswith("/documents/")
