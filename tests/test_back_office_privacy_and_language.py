"""The back office as the every-page sweep found it (issue 19): no third-party request (Wagtail
shows gravatar.com avatars by default) and a record's own Turkish name marked as such on a
back office in English or Arabic."""

import pytest
from wagtail.users.models import UserProfile

from santral.councils.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_no_avatar_is_fetched_from_gravatar(client, cast):
    client.force_login(cast.platform_admin)
    for url in ("/admin/", "/admin/account/", "/admin/users/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "gravatar.com" not in response.content.decode(), url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_bodys_turkish_name_is_user_content_in_an_english_or_arabic_list(client, cast, language):
    BodyFactory(council=cast.council_a, name="Genel Kurul")
    profile = UserProfile.get_for_user(cast.platform_admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(cast.platform_admin)
    response = client.get("/admin/kurullar/")
    assert response.status_code == 200
    assert '<span lang="tr" dir="auto">Genel Kurul</span>' in response.content.decode()


def test_a_list_without_edit_pages_links_no_title_to_one(client, cast):
    from santral.partners.factories import AffiliationFactory
    from santral.partners.services import liaison_add

    affiliation = AffiliationFactory(council=cast.council_a)
    liaison_add(
        actor=cast.platform_admin,
        council=cast.council_a,
        organisation=affiliation.organisation,
        user=cast.member_a,
    )
    client.force_login(cast.platform_admin)
    html = client.get("/admin/irtibat-kisileri/").content.decode()
    assert cast.member_a.email in html or str(cast.member_a) in html
    assert "/admin/irtibat-kisileri/edit/" not in html


def test_the_dashboard_asks_no_one_for_a_newer_wagtail(client, cast):
    client.force_login(cast.platform_admin)
    # The upgrade panel fetches releases.wagtail.org from the browser (a third-party request).
    assert "w-upgrade" not in client.get("/admin/").content.decode()


def test_wagtails_redirect_filters_speak_the_staff_members_language(client, cast):
    profile = UserProfile.get_for_user(cast.platform_admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(cast.platform_admin)
    html = client.get("/admin/redirects/").content.decode()
    assert "Permanent" in html
    assert "Tür" not in html and "Kalıcı" not in html


def test_place_and_audience_names_are_turkish_user_content_on_english_forms(cast):
    """The full back-office sweep (SANTRAL_SWEEP=full) read "Pazar / Rize" and "Aralık /
    Iğdır" (districts named like a day and a month) and a council's audience names as
    untranslated interface text on English and Arabic forms."""
    from django.utils import translation

    from santral.councils.forms import CouncilForm
    from santral.outreach.factories import AudienceFactory
    from santral.outreach.forms import PlanActionForm, PlanForm

    AudienceFactory(council=cast.council_a, name="Kadınlar")
    with translation.override("en"):
        council_form = str(CouncilForm(instance=cast.council_a))
        plan_form = PlanForm(council=cast.council_a)
        audiences = str(plan_form["audiences"])
        action_audience = str(PlanActionForm(council=cast.council_a)["audience"])
    assert '<select name="district" lang="tr"' in council_form
    assert '<select name="province" lang="tr"' in council_form
    assert '<span lang="tr" dir="auto">Kadınlar</span>' in audiences
    assert 'lang="tr"' in action_audience.split(">")[0]
    with translation.override("tr"):
        assert "<span" not in str(PlanForm(council=cast.council_a)["audiences"])
