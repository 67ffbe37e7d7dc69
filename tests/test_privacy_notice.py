"""A privacy notice (aydınlatma metni) per council, linked from every consent box (issue 19)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from santral.councils.models import Council
from santral.councils.tests.test_backoffice import _profile
from santral.events.factories import make_event
from santral.events.models import RegistrationMode
from santral.outreach.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_the_councils_own_notice_with_its_date(client, cast):
    Council.objects.filter(pk=cast.council_a.pk).update(
        privacy_notice="Veri sorumlusu: Seyhan Kent Konseyi.\n\n<b>Haklarınız</b>",
        privacy_notice_updated_on=date(2026, 3, 5),
    )
    url = reverse("councils:privacy_notice", kwargs={"council_slug": cast.council_a.slug})
    assert url == "/seyhan/aydinlatma-metni/"
    html = client.get(url).content.decode()
    assert "Veri sorumlusu: Seyhan Kent Konseyi." in html
    assert "&lt;b&gt;Haklarınız&lt;/b&gt;" in html  # the council's text is escaped
    assert '<time datetime="2026-03-05">5 Mart 2026</time>' in html
    assert "platformun genel metni" not in html


def test_an_empty_notice_falls_back_to_the_platform_default(client, cast):
    html = client.get(f"/{cast.council_a.slug}/aydinlatma-metni/").content.decode()
    assert "platformun genel metni" in html and cast.council_a.name in html
    assert "6698" in html and '<time datetime="2026-12-07">' in html


def test_unknown_and_inactive_councils_have_no_notice(client, cast):
    assert client.get("/yok-boyle/aydinlatma-metni/").status_code == 404
    Council.objects.filter(pk=cast.council_b.pk).update(status="inactive")
    assert client.get(f"/{cast.council_b.slug}/aydinlatma-metni/").status_code == 404


def test_consent_boxes_link_to_the_notice(client, cast):
    notice = f"/{cast.council_a.slug}/aydinlatma-metni/"
    event = make_event(cast.council_a, registration_mode=RegistrationMode.ONSITE)
    assert f'href="{notice}"' in client.get(event.url).content.decode()
    TopicFactory(council=cast.council_a)
    subscribe = client.get(f"/{cast.council_a.slug}/bulten/").content.decode()
    assert 'name="consent"' in subscribe and f'href="{notice}"' in subscribe


def test_the_council_admin_edits_the_notice_and_a_changed_text_is_dated(client, cast):
    client.force_login(cast.admin_a)
    url = reverse("konseyler:edit", args=[cast.council_a.pk])
    form = client.get(url).content.decode()
    assert 'name="privacy_notice"' in form and 'name="privacy_notice_updated_on"' in form
    response = client.post(
        url,
        _profile(cast.council_a, privacy_notice="Yeni metin", privacy_notice_updated_on=""),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.council_a.refresh_from_db()
    assert cast.council_a.privacy_notice == "Yeni metin"
    assert cast.council_a.privacy_notice_updated_on == timezone.localdate()
    # A date the admin gives is kept.
    client.post(
        url,
        _profile(
            cast.council_a,
            privacy_notice="Yeni metin 2",
            privacy_notice_updated_on="2026-01-02",
        ),
    )
    cast.council_a.refresh_from_db()
    assert cast.council_a.privacy_notice_updated_on == date(2026, 1, 2)


def test_english_and_arabic_readers_get_the_councils_notice_in_their_language(client, cast):
    from santral.privacy.models import PrivacyNotice

    client.force_login(cast.admin_a)
    url = reverse("konseyler:edit", args=[cast.council_a.pk])
    form = client.get(url).content.decode()
    assert 'name="privacy_notice_en"' in form and 'name="privacy_notice_ar"' in form
    texts = {
        "privacy_notice": "Veri sorumlusu: Seyhan Kent Konseyi.",
        "privacy_notice_en": "Data controller: Seyhan City Council.",
        "privacy_notice_ar": "المسؤول عن البيانات: مجلس مدينة سيحان.",
    }
    response = client.post(url, _profile(cast.council_a, privacy_notice_updated_on="", **texts))
    assert response.status_code == 302, response.content.decode()[:2000]
    first = PrivacyNotice.objects.filter(council=cast.council_a).latest("version")
    assert (first.text, first.text_en, first.text_ar) == tuple(texts.values())
    client.logout()
    page = f"/{cast.council_a.slug}/aydinlatma-metni/"
    shown = {
        "": ('lang="tr"', "Veri sorumlusu: Seyhan Kent Konseyi."),
        "/en": ('lang="en" dir="ltr"', "Data controller: Seyhan City Council."),
        "/ar": ('lang="ar" dir="rtl"', "المسؤول عن البيانات: مجلس مدينة سيحان."),
    }
    for prefix, (attributes, text) in shown.items():
        html = client.get(prefix + page).content.decode()
        assert f'<div class="prose" {attributes}' in html and text in html, prefix
    # A changed translation is a new version (a consent names the text its reader saw).
    client.force_login(cast.admin_a)
    texts["privacy_notice_en"] = "Data controller: Seyhan City Council (updated)."
    client.post(url, _profile(cast.council_a, privacy_notice_updated_on="", **texts))
    latest = PrivacyNotice.objects.filter(council=cast.council_a).latest("version")
    assert latest.version == first.version + 1
    assert latest.text_en == "Data controller: Seyhan City Council (updated)."
