import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_mail(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "yeni@ornek.test",
            "password1": "Güçlü-parola-2026",
            "password2": "Güçlü-parola-2026",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "yeni@ornek.test" in mail.outbox[0].to


def test_password_reset_sends_a_mail(client, cast):
    response = client.post(reverse("account_reset_password"), {"email": cast.editor_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_login_page_renders_in_the_site_layout(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="skip-link"' in html
    assert 'dir="ltr"' in html
