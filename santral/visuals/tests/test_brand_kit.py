import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from santral.core.models import AuditRecord
from santral.visuals.contrast import contrast_ratio, relative_luminance
from santral.visuals.forms import BrandKitForm
from santral.visuals.models import BrandKit
from santral.visuals.services import brand_kit_save


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic "just fails" grey
        ("#767676", "#FFFFFF", 4.54),  # the classic "just passes" grey
        ("#0000FF", "#FFFFFF", 8.59),
        ("#FF0000", "#FFFFFF", 4.0),
    ],
)
def test_contrast_ratio_matches_known_wcag_pairs(first, second, expected):
    assert round(contrast_ratio(first, second), 2) == expected
    assert round(contrast_ratio(second, first), 2) == expected


def test_relative_luminance_ends_and_bad_input():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        relative_luminance("red")


@pytest.mark.django_db
def test_brand_kit_save_stores_and_audits(cast):
    kit = brand_kit_save(
        actor=cast.admin_a,
        council=cast.council_a,
        short_name="Seyhan KK",
        primary_color="#0b4f6c",
        on_primary_color="#ffffff",
        accent_color="#9e2a2b",
    )
    assert kit.primary_color == "#0B4F6C"
    assert AuditRecord.objects.filter(action="visuals.brand_kit.save").count() == 1


@pytest.mark.django_db
def test_low_contrast_pair_is_refused_with_a_turkish_message(cast):
    with pytest.raises(ValidationError) as caught:
        brand_kit_save(
            actor=cast.admin_a,
            council=cast.council_a,
            short_name="Seyhan KK",
            primary_color="#777777",
            on_primary_color="#FFFFFF",
            accent_color="#9E2A2B",
        )
    message = caught.value.message_dict["on_primary_color"][0]
    assert "Renk karşıtlığı yetersiz" in message and "4,48:1" in message
    assert not BrandKit.objects.filter(council=cast.council_a).exists()


@pytest.mark.django_db
def test_low_contrast_accent_on_paper_is_refused(cast):
    with pytest.raises(ValidationError) as caught:
        brand_kit_save(
            actor=None,
            council=cast.council_a,
            short_name="Seyhan KK",
            primary_color="#0B4F6C",
            on_primary_color="#FFFFFF",
            accent_color="#FFD23F",
        )
    assert "accent_color" in caught.value.message_dict


@pytest.mark.django_db
def test_brand_kit_needs_profile_permission(cast):
    with pytest.raises(PermissionDenied):
        brand_kit_save(
            actor=cast.editor_b,
            council=cast.council_a,
            short_name="X",
            primary_color="#0B4F6C",
            on_primary_color="#FFFFFF",
            accent_color="#9E2A2B",
        )


def test_form_refuses_low_contrast_pair():
    form = BrandKitForm(
        data={
            "short_name": "Seyhan KK",
            "primary_color": "#FFFF00",
            "on_primary_color": "#FFFFFF",
            "accent_color": "#9E2A2B",
            "typeface": "DejaVu Sans",
        }
    )
    assert not form.is_valid()
    assert "Renk karşıtlığı yetersiz" in form.errors["on_primary_color"][0]
