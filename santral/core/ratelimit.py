"""A small fixed-window rate limit in the shared `default` cache (public forms).

Only counters live in the cache, keyed by a digest of the client address, never the address
itself; they expire with their window. The client address is read the way the API's
throttles read it (REST framework's `get_ident`, which honours NUM_PROXIES).
"""

import hashlib

from django.core.cache import cache
from rest_framework.throttling import BaseThrottle


def client_ident(request) -> str:
    """A digest of the client's address: enough to count, not enough to store a person."""
    raw = BaseThrottle().get_ident(request) or ""
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _key(scope: str, ident: str) -> str:
    return f"santral:rate:{scope}:{ident}"


def is_limited(scope: str, ident: str, *, limit: int) -> bool:
    """True when `ident` has used up its `limit` in the current window of `scope`."""
    return (cache.get(_key(scope, ident)) or 0) >= limit


def count_hit(scope: str, ident: str, *, window: int) -> int:
    """Count one use; the window starts with the first use and lasts `window` seconds."""
    key = _key(scope, ident)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
