"""Whole-page cache for visitors without cookies: a citizen reading news gets a stored page.

Only a GET from a request that carries no cookie at all (so no session, no CSRF token, no
saved preference) is served from or written to the cache, and only a 200 response that sets
no cookie and does not forbid caching. Every database write bumps a generation number that
is part of each key, so a published item shows at once; `SANTRAL_PAGE_CACHE_SECONDS` bounds
what only the clock changes (an event that has ended leaving "upcoming"). 0 turns it off.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

from .metrics import cache_lookup

T = TypeVar("T")

GENERATION_KEY = "santral:page-cache:generation"
# Writes that never change a public page: sessions, the task queue's own rows, the audit log.
IGNORED_APPS = frozenset({"sessions", "django_tasks_database", "core", "account", "mfa", "ops"})
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/hesap/", "/accounts/", "/static/", "/media/")


def _fresh_generation() -> int:
    # Started from the clock, so a generation evicted from a full cache never comes back
    # with a number that older stored pages still carry.
    return time.time_ns() // 1000


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, _fresh_generation, timeout=None)


def bump_generation(**_kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): a new start invalidates every old key
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _on_write(sender, **kwargs) -> None:
    if sender._meta.app_label not in IGNORED_APPS:
        bump_generation()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"santral-page-cache-{signal!r}")


def cached_per_generation(name: str, build: Callable[[], T]) -> T:
    """A value that changes only when data changes (e.g. the home page's activity lists).

    Kept until the next write in the current language; rebuilt every time when the page cache
    is off (as in tests, where rows roll back without a signal).
    """
    seconds = getattr(settings, "SANTRAL_PAGE_CACHE_SECONDS", 0)
    if not seconds:
        return build()
    key = f"santral:fragment:{generation()}:{get_language()}:{name}"
    value = cache.get(key)
    cache_lookup("fragment", value is not None)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def _key(request) -> str:
    raw = f"{request.get_host()}|{getattr(request, 'LANGUAGE_CODE', '')}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"santral:page:{generation()}:{digest}"


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    """Placed after LocaleMiddleware; outer middleware (security headers) runs on hits too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "SANTRAL_PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        cache_lookup("page", stored is not None)
        if stored is not None:
            content, status, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Santral-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(name, value) for name, value in response.items()]
            cache.set(key, (response.content, response.status_code, headers), seconds)
            response["X-Santral-Cache"] = "miss"
        return response
