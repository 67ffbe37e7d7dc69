"""Rate limits for the API: per client address when anonymous, per user when signed in.

DRF's throttles copy DEFAULT_THROTTLE_RATES into a class attribute when the module is
imported, so a changed setting (an environment per deployment, override_settings in a
test) would never be seen. These read the rate from the live settings on every request.
Counts live in the shared `default` cache, so every worker process sees the same ones.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _LiveRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_LiveRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients, counted by address (see NUM_PROXIES in docs/security.md)."""


class UserRateThrottle(_LiveRateMixin, throttling.UserRateThrottle):
    """Signed-in users, counted by user id whatever address they come from."""
