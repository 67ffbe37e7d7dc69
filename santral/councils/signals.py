from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver

from .permissions import forget_cached_roles
from .wagtail_sync import sync_user_groups


@receiver(authenticator_added)
@receiver(authenticator_removed)
def resync_groups_after_two_factor_change(sender, request=None, user=None, **kwargs):
    """Finance and admin roles open the back office only with TOTP: follow its changes."""
    if user is not None:
        forget_cached_roles(user)
        sync_user_groups(user)


@receiver(authenticator_added)
def count_activation_as_second_factor(sender, request=None, user=None, authenticator=None, **kw):
    """Activating TOTP means typing a valid code from the new key: the session that did it has
    proved the second factor. Other sessions of the same user (say, one opened with the password
    alone before the key existed) have not, and stay without the role's powers."""
    if request is None or authenticator is None:
        return
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
