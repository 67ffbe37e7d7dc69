"""Council and body names (issue 14, item 9): stored clean (NFC, no invisible or bidi
characters) and unique in Turkish case — in the form, the service and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from santral.core.text import name_key
from santral.councils.factories import CouncilFactory
from santral.councils.forms import CouncilForm
from santral.councils.models import Body, Council, District, Province
from santral.councils.services import body_save, council_create, council_update

from .test_backoffice import _profile

pytestmark = pytest.mark.django_db

DUPLICATE = "büyük/küçük harf farkı gözetilmeksizin"


def test_invisible_and_bidi_characters_and_decomposed_letters_are_not_stored(cast):
    council = council_update(
        actor=cast.platform_admin,
        council=cast.council_a,
        name="\u202eI\u0307zmir\u200b Kent\u00ad Konseyi\u2069\ufeff",
    )
    council.refresh_from_db()
    assert council.name == "İzmir Kent Konseyi"
    assert council.home_page.title == "İzmir Kent Konseyi"
    body = body_save(
        actor=cast.admin_a,
        body=Body(council=council, kind="assembly", name="Kadın\u200d Meclisi\u200e", slug="k"),
    )
    body.refresh_from_db()
    assert body.name == "Kadın Meclisi"


def test_a_council_name_differing_only_in_turkish_case_is_refused(cast):
    CouncilFactory(name="İzmir Kent Konseyi", slug="izmir")
    with pytest.raises(ValidationError) as error:
        CouncilFactory(name="izmir kent konseyi", slug="izmir-2")
    assert DUPLICATE in str(error.value.message_dict["name"])
    # "Işıklı" and "isikli" are different names in Turkish.
    CouncilFactory(name="Işıklı Kent Konseyi", slug="isikli")
    CouncilFactory(name="İşikli Kent Konseyi", slug="isikli-2")
    assert Council.objects.filter(name_key=name_key("IŞIKLI KENT KONSEYİ")).count() == 1
    # Another province may have a council of the same name (district names repeat).
    mersin = Province.objects.get(plate="33")
    CouncilFactory(
        name="İZMİR KENT KONSEYİ",
        slug="izmir-mersin",
        province=mersin,
        district=District.objects.filter(province=mersin).first(),
    )


def test_the_profile_form_refuses_a_duplicate_in_turkish(client, cast):
    form = CouncilForm(
        data=_profile(cast.council_a, name="ÇUKUROVA KENT KONSEYİ"), instance=cast.council_a
    )
    assert not form.is_valid()
    assert DUPLICATE in form.errors["name"][0]
    client.force_login(cast.admin_a)
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]),
        _profile(cast.council_a, name="çukurova kent\u200b konseyi"),
    )
    assert response.status_code == 200 and DUPLICATE in response.content.decode()
    cast.council_a.refresh_from_db()
    assert cast.council_a.name == "Seyhan Kent Konseyi"


def test_the_database_refuses_a_duplicate_key(cast):
    """The constraint holds even where no Python check runs (two inserts at once)."""
    twin = Council(
        name="SEYHAN KENT KONSEYİ",
        name_key=name_key("SEYHAN KENT KONSEYİ"),
        slug="seyhan-2",
        kind="ilce",
        province=cast.council_a.province,
        district=cast.council_a.district,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.bulk_create([twin])


def test_a_lost_race_is_a_turkish_error_not_a_500(cast, monkeypatch):
    """Another request saved the same name between this one's check and its insert."""
    monkeypatch.setattr(Council, "name_taken", lambda self: False)
    with pytest.raises(ValidationError) as error:
        council_create(
            actor=None,
            name="seyhan kent konseyi",
            slug="seyhan-2",
            kind="ilce",
            province=cast.council_a.province,
            district=cast.council_a.district,
        )
    assert DUPLICATE in str(error.value.message_dict["name"])
    assert not Council.objects.filter(slug="seyhan-2").exists()


def test_body_names_are_unique_per_council_in_turkish_case(cast):
    body_save(
        actor=cast.admin_a,
        body=Body(council=cast.council_a, kind="working_group", name="İmar Grubu", slug="imar"),
    )
    with pytest.raises(ValidationError) as error:
        body_save(
            actor=cast.admin_a,
            body=Body(council=cast.council_a, kind="working_group", name="imar grubu", slug="i2"),
        )
    assert "kurul zaten var" in str(error.value.message_dict["name"])
    # Another council may use the same name.
    body_save(
        actor=None,
        body=Body(council=cast.council_b, kind="working_group", name="İMAR GRUBU", slug="imar"),
    )
    twin = Body(
        council=cast.council_a,
        kind="working_group",
        name="İMAR GRUBU",
        name_key=name_key("İmar Grubu"),
        slug="imar-3",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.bulk_create([twin])
