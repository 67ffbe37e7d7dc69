"""Where a person lands after signing in.

Staff go where they asked (or to LOGIN_REDIRECT_URL). A member without back-office rights
lands in their own area (/hesabim/), never on Wagtail's "no access" answer: a `next` that
points into the back office is not followed for them.
"""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.urls import reverse

from santral.councils.permissions import holds_staff_role

BACKOFFICE_PREFIX = "/admin/"


def _may_enter_backoffice(user) -> bool:
    return holds_staff_role(user)


def _member_into_backoffice(user, url: str | None) -> bool:
    """A signed-in person without a staff role sent into the back office."""
    return bool(
        url
        and user is not None
        and user.is_authenticated
        and urlsplit(url).path.startswith(BACKOFFICE_PREFIX)
        and not _may_enter_backoffice(user)
    )


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        if _may_enter_backoffice(request.user):
            return settings.LOGIN_REDIRECT_URL
        return reverse("core:account")

    def is_safe_url(self, url):
        request = getattr(context, "request", None)
        if _member_into_backoffice(getattr(request, "user", None), url):
            return False
        return super().is_safe_url(url)

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        if _member_into_backoffice(user, redirect_url):
            redirect_url = reverse("core:account")
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)
