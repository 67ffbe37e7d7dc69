"""Helpers for idempotent demo loaders: a second run must change nothing."""

from pathlib import Path

from django.db import models
from PIL import Image as PillowImage


def upsert(model: type[models.Model], *, defaults: dict, **lookup) -> tuple[models.Model, bool]:
    """Find a row by its natural key and bring it to `defaults`, saving only when it differs.

    Returns (object, written). Unlike update_or_create, an unchanged row is not
    saved again, so auto_now timestamps and revisions stay as they were.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save(update_fields=changed)
    return obj, bool(changed)


# Demo images drawn for Santral (scripts/make_demo_images.py; own work, CC0 — the list with
# licences is in docs/design.md). They ship with the repository, so the demo needs no network.
DEMO_ASSETS = Path(__file__).resolve().parent / "demo_assets"


def demo_image(filename: str, *, title: str, description: str, renditions: tuple[str, ...] = ()):
    """The Wagtail image for a file of demo_assets/, found by title and created once.

    `description` is the image's alt text. The renditions the cards use are made here, so the
    first visitor's GET does not have to write them.
    """
    from django.core.files import File
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        with PillowImage.open(DEMO_ASSETS / filename) as drawn:
            width, height = drawn.size
        image = Image(title=title, description=description)
        with (DEMO_ASSETS / filename).open("rb") as handle:
            image.file.save(filename, File(handle), save=False)
        image.width, image.height = width, height
        image.save()
    elif image.description != description:
        image.description = description
        image.save(update_fields=["description"])
    if renditions:
        image.get_renditions(*renditions)
    return image
