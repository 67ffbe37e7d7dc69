"""Stakeholder names (issue 14, item 9): clean, and unique in Turkish case among the
organisations one council keeps (and among the platform-wide ones)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from santral.core.text import name_key
from santral.partners.models import Organisation
from santral.partners.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db

DUPLICATE = "büyük/küçük harf farkı gözetilmeksizin"


def _create(cast, name, slug, council="a", actor=None):
    return organisation_create(
        actor=actor or (cast.editor_a if council == "a" else cast.platform_admin),
        council=cast.council_a if council == "a" else None,
        name=name,
        slug=slug,
        kind="association",
    )


def test_names_are_stored_clean(cast):
    organisation = _create(cast, "\u202bIşıklı\u200b Gençlik\u00a0 Derneg\u0306i\u202c", "isikli")
    organisation.refresh_from_db()
    assert organisation.name == "Işıklı Gençlik Derneği"


def test_a_name_differing_only_in_turkish_case_is_refused_within_a_council(cast):
    _create(cast, "İzmir Gençlik Derneği", "izmir-genclik")
    with pytest.raises(ValidationError) as error:
        _create(cast, "izmir gençlik derneği", "izmir-genclik-2")
    assert DUPLICATE in str(error.value.message_dict["name"])
    # "Işık" is not "İşik": a different name in Turkish.
    _create(cast, "Işık Derneği", "isik")
    _create(cast, "İşik Derneği", "isik-2")
    # Platform-wide organisations are a scope of their own.
    _create(cast, "İZMİR GENÇLİK DERNEĞİ", "izmir-genclik-3", council=None)
    with pytest.raises(ValidationError):
        _create(cast, "izmir gençlik derneği", "izmir-genclik-4", council=None)


def test_renaming_onto_another_name_is_refused(cast):
    _create(cast, "Çevre Derneği", "cevre")
    other = _create(cast, "Doğa Derneği", "doga")
    with pytest.raises(ValidationError):
        organisation_update(actor=cast.editor_a, organisation=other, name="ÇEVRE DERNEĞİ")
    other.refresh_from_db()
    assert other.name == "Doğa Derneği"


def test_the_database_refuses_a_duplicate_key_and_a_lost_race_reads_in_turkish(cast, monkeypatch):
    first = _create(cast, "Kadın Derneği", "kadin")
    twin = Organisation(
        name="KADIN DERNEĞİ",
        name_key=name_key("KADIN DERNEĞİ"),
        slug="kadin-2",
        kind="association",
        owner_council=cast.council_a,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.bulk_create([twin])
    monkeypatch.setattr(Organisation, "name_taken", lambda self: False)
    with pytest.raises(ValidationError) as error:
        _create(cast, "kadın derneği", "kadin-3")
    assert DUPLICATE in str(error.value.message_dict["name"])
    assert list(Organisation.objects.filter(name_key=first.name_key)) == [first]
