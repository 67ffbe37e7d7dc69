"""KVKK md. 6: no model that describes a person may hold special-category data.

The test walks every model of every installed app. A model is "per person" when it
is the user model, points at a user, or keeps an e-mail address, a phone number or a
person's name. Such a model fails when a field's name, label or choices speak of
health, disability, ethnicity, race, religion, politics, union membership, sex life,
convictions, biometrics or genetics — or when it links to an outreach Audience (which
would tag a person as, say, disabled).
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

SENSITIVE = {
    # English
    "health",
    "medical",
    "diagnosis",
    "disability",
    "disabled",
    "handicap",
    "impairment",
    "ethnic",
    "ethnicity",
    "race",
    "racial",
    "religion",
    "religious",
    "faith",
    "sect",
    "political",
    "politics",
    "union",
    "sexual",
    "sexuality",
    "criminal",
    "conviction",
    "biometric",
    "genetic",
    "belief",
    # Turkish (folded to ASCII)
    "saglik",
    "hastalik",
    "engel",
    "engelli",
    "engellilik",
    "etnik",
    "irk",
    "din",
    "dini",
    "mezhep",
    "inanc",
    "siyasi",
    "sendika",
    "cinsel",
    "mahkumiyet",
    "biyometrik",
    "genetik",
}
PERSON_FIELD_NAMES = {"full_name", "first_name", "last_name", "phone", "tc_kimlik", "birth_date"}
ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâîû", "cgiosuCGIOSUaiu")


def _tokens(text: str) -> set[str]:
    folded = str(text).translate(ASCII).casefold()
    return {token for token in re.split(r"[^a-z0-9]+", folded) if token}


def is_per_person(model) -> bool:
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        return True
    # Organisations (a stakeholder's e-mail is an office's, and "union" is a kind of
    # organisation, not a person's membership) declare themselves explicitly.
    if getattr(model, "kvkk_describes_an_organisation", False):
        return False
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if isinstance(field, models.EmailField) or field.name in PERSON_FIELD_NAMES:
            return True
        related = getattr(field, "related_model", None)
        if (
            field.is_relation
            and related is not None
            and related._meta.label == (settings.AUTH_USER_MODEL)
            and field.name not in {"created_by", "actor", "owner", "user_ptr"}
        ):
            return True
    return False


def sensitive_fields(model) -> list[str]:
    found = []
    for field in model._meta.get_fields():
        if not (getattr(field, "concrete", False) or field.many_to_many):
            continue
        words = _tokens(field.name) | _tokens(getattr(field, "verbose_name", ""))
        for value, label in getattr(field, "flatchoices", None) or []:
            words |= _tokens(value) | _tokens(label)
        hits = words & SENSITIVE
        related = getattr(field, "related_model", None)
        if related is not None and related._meta.label == "outreach.Audience":
            hits = hits | {"→Audience"}
        if hits:
            found.append(f"{model._meta.label}.{field.name}: {sorted(hits)}")
    return found


def test_no_per_person_model_holds_special_category_data():
    per_person = [model for model in apps.get_models() if is_per_person(model)]
    assert any(model._meta.label == "outreach.Subscriber" for model in per_person)
    assert any(model._meta.label == "councils.BodyMember" for model in per_person)
    assert any(model._meta.label == "partners.ContactPerson" for model in per_person)
    problems = [problem for model in per_person for problem in sensitive_fields(model)]
    assert problems == []


@isolate_apps("santral.outreach")
def test_the_inspection_catches_a_sensitive_field():
    class Participant(models.Model):  # noqa: DJ008
        full_name = models.CharField(max_length=100)
        disability_status = models.CharField(max_length=20)

        class Meta:
            app_label = "outreach"

    class Attendee(models.Model):  # noqa: DJ008
        email = models.EmailField()
        kind = models.CharField(max_length=20, choices=[("a", "Engelli"), ("b", "Diğer")])

        class Meta:
            app_label = "outreach"

    assert is_per_person(Participant) and is_per_person(Attendee)
    assert sensitive_fields(Participant) and sensitive_fields(Attendee)


def test_aggregate_counts_are_not_per_person():
    from santral.outreach.models import AudienceCount, ParticipationRecord

    assert not is_per_person(AudienceCount)
    assert not is_per_person(ParticipationRecord)
