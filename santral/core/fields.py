"""Model and form fields for names and titles, and saving under a folded-name constraint.

A NameField stores what clean_name makes of the value (NFC, one line, no invisible or
bidi-control characters) however it arrives: a form, a service, the API, an import or
a fixture. It is a CharField in the database and in migrations (deconstruct) — the rule
is Python behaviour, not a schema difference.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from .text import clean_name


class NameFormField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return clean_name(value) if isinstance(value, str) else value


class NameField(models.CharField):
    """A name or title: cleaned (santral.core.text.clean_name) on validation and on save."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_name(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = clean_name(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NameFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def save_with_unique_name(instance: models.Model, *, field: str, message: str) -> None:
    """Save the instance; if the database refuses it for its folded name (a `*name_key*`
    unique constraint: another row saved the same name in the meantime), raise
    ValidationError({field: message}) instead of the IntegrityError. Runs in a savepoint so
    the caller's transaction stays usable."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        if "name_key" not in str(error):
            raise
        raise ValidationError({field: message}) from None
