"""Uploaded images lose their metadata before they are stored.

Photos from phones carry EXIF: the GPS position where they were taken, the time,
the device. On this site that could locate a child or a centre's staff, so every
newly uploaded original is re-encoded without any metadata (orientation applied
first, so the picture still looks the same).
"""

import io
import logging

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import ImageOps

logger = logging.getLogger(__name__)
FORMATS = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def strip_metadata(data):
    """The same picture as `data` (bytes), re-encoded with no EXIF, XMP, ICC text or comments."""
    with PILImage.open(io.BytesIO(data)) as picture:
        image_format = picture.format
        upright = ImageOps.exif_transpose(picture)
        # A new image from the pixels alone carries no info dict, so nothing is copied over.
        clean = PILImage.frombytes(upright.mode, upright.size, upright.tobytes())
        if upright.mode == "P" and upright.getpalette():
            clean.putpalette(upright.getpalette())
        out = io.BytesIO()
        options = FORMATS.get(image_format, {})
        clean.save(out, format=image_format, **options)
    return out.getvalue()


def strip_uploaded_image_metadata(sender, instance, **kwargs):
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # nothing new to store
    upload.seek(0)
    original = upload.read()
    try:
        cleaned = strip_metadata(original)
    except (OSError, ValueError) as error:
        logger.warning("could not re-encode uploaded image: %s", error.__class__.__name__)
        raise ValueError("This image could not be read; please upload a JPEG, PNG or WebP file.") from error
    instance.file = ContentFile(cleaned, name=upload.name)
    instance.file_size = len(cleaned)
    instance._set_file_hash()


def connect():
    # The image model is known only once the app registry is ready.
    from wagtail.images import get_image_model

    pre_save.connect(strip_uploaded_image_metadata, sender=get_image_model(), dispatch_uid="strip-image-metadata")
