"""Factories every app's tests and demo use: pictures drawn with Pillow, library images."""

import io
import random

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def make_picture_file(name, seed, size=(1600, 900)):
    """A landscape-like picture drawn with Pillow: sky, hills and sun, no people."""
    # Pseudo-random on purpose: it draws demo pictures, nothing secret.
    rng = random.Random(seed)  # noqa: S311 # nosec B311
    width, height = size
    picture = PILImage.new("RGB", size, (rng.randint(150, 200), rng.randint(190, 220), rng.randint(215, 240)))
    draw = ImageDraw.Draw(picture)
    sun = (rng.randint(width // 5, 4 * width // 5), rng.randint(height // 8, height // 3))
    draw.ellipse([sun[0] - 60, sun[1] - 60, sun[0] + 60, sun[1] + 60], fill=(250, 214, 120))
    for layer in range(3):
        base = height // 2 + layer * height // 8
        colour = (120 + 30 * layer + rng.randint(0, 20), 100 + 20 * layer, 70 + 10 * layer)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return ImageFile(buffer, name=name)


def get_or_create_picture(title, seed):
    """An image in the library with this title, drawn once."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        image = image_model(title=title, description=title, file=make_picture_file(f"{seed}.jpg", seed))
        image.save()
    return image


def page_factory(model, **declarations):
    """A wagtail_factories page factory for `model` with these field declarations (`parent=` places the page)."""
    return factory.make_factory(model, FACTORY_CLASS=wagtail_factories.PageFactory, **declarations)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Landscape {n}")
    file = factory.LazyAttribute(lambda o: make_picture_file(f"{o.title}.jpg", o.title, size=(160, 90)))
