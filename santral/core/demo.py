"""Helpers for idempotent demo loaders: a second run must change nothing."""

from django.db import models


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
