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
