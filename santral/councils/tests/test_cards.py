"""Council cards (docs/design.md): the directory and the hub home show each council's cover
and logo as Wagtail renditions, with the image's description as alt text (decorative,
alt="", when it has none)."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from santral.councils.factories import CouncilFactory
from santral.councils.services import hub_home_page_ensure

pytestmark = pytest.mark.django_db


def _image(title: str, description: str):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 36), "#0b5a7a").save(buffer, format="PNG")
    image = get_image_model()(title=title, description=description)
    image.file.save(f"{title}.png", ContentFile(buffer.getvalue()), save=False)
    image.width, image.height = 64, 36
    image.save()
    return image


def test_directory_and_hub_home_show_logo_and_cover_with_alt_text(client):
    hub_home_page_ensure()
    council = CouncilFactory(name="Kartlı Kent Konseyi")
    council.logo_image = _image("logo", "Kartlı Kent Konseyi logosu")
    council.cover_image = _image("kapak", "")
    council.save()
    for url in ("/konseyler/", "/"):
        html = client.get(url).content.decode()
        card = re.search(r'<li class="card council-card">.*?</li>', html, re.S).group(0)
        cover, logo = re.findall(r"<img [^>]*>", card)
        assert 'alt=""' in cover and "fill-640x360" in cover, url
        assert 'alt="Kartlı Kent Konseyi logosu"' in logo and 'class="card-logo"' in logo, url
        assert "Kartlı Kent Konseyi</a>" in card


def test_a_council_without_images_gets_a_quiet_blank_cover(client):
    CouncilFactory(name="Görselsiz Kent Konseyi")
    html = client.get("/konseyler/").content.decode()
    card = re.search(r'<li class="card council-card">.*?</li>', html, re.S).group(0)
    assert 'class="card-media card-media-blank"' in card and "<img" not in card
