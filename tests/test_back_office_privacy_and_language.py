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
