"""Anonymous public reads go to the read replica; everything else stays on the primary.

A request may read from the replica only when all of these hold (ReplicaRoutingMiddleware):
it is a GET/HEAD/OPTIONS, it carries no session cookie (nobody signed in, nothing in a
session), and the browser did not write a moment ago (the pin cookie). The first write in
the request (any `db_for_write`) pins the rest of the request to the primary, so what a
request reads after it wrote is what it wrote, and it sets the pin cookie so the next few
requests of that browser (the page after a form's redirect) do not read a lagging replica.

Outside a request (tasks, commands, the scheduler) nothing is routed to the replica: the
default of the context variable is "primary".
"""

import contextvars

from django.conf import settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_COOKIE = "santral_primary"

_replica_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "santral_replica_allowed", default=False
)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("santral_wrote", default=False)


def replica_alias() -> str | None:
    return getattr(settings, "SANTRAL_READ_REPLICA", None)


def pin_to_primary() -> None:
    """From now on this request reads from the primary (called on every write)."""
    _wrote.set(True)
    _replica_allowed.set(False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias and _replica_allowed.get():
            return alias
        return "default"

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A streaming replica is read-only; its schema arrives through replication.
        return db == "default"


def request_may_use_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReplicaRoutingMiddleware:
    """Decides per request whether reads may go to the replica (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_alias():
            return self.get_response(request)
        allowed = _replica_allowed.set(request_may_use_replica(request))
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.SANTRAL_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        finally:
            _replica_allowed.reset(allowed)
            _wrote.reset(wrote)
        return response
