"""/healthz: the process answers. /readyz: it can serve (database, cache, storage reachable).

A load balancer takes a web node out of rotation while /readyz answers 503 and puts it back
when it answers 200 again; /healthz failing means the process should be restarted. Neither
writes to the database; both are exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT) and
are never cached.
"""

import logging
import os
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.utils import load_backend
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("santral.ops.health")


def check_database(alias: str) -> None:
    """A fresh connection with the alias's settings, closed again: the probe neither borrows
    nor disturbs the process's own connection (or pool), and a server that went away and
    came back is seen as it is now."""
    settings_dict = dict(connections.settings[alias])
    options = {k: v for k, v in settings_dict.get("OPTIONS", {}).items() if k != "pool"}
    if settings_dict["ENGINE"].endswith("postgresql"):
        options.setdefault("connect_timeout", 3)
    settings_dict["OPTIONS"] = options
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, alias=f"readyz-{alias}"
    )
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        wrapper.close()


def check_cache(alias: str) -> None:
    cache = caches[alias]
    key = f"santral:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def check_storage() -> None:
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        location = storage.location
        os.makedirs(location, exist_ok=True)
        if not os.access(location, os.W_OK | os.X_OK):
            raise PermissionError(f"{location} is not writable")
    else:
        # Object storage: one HEAD request (a missing key is an answer; no answer is not).
        storage.exists(".santral-readyz")


def readiness() -> dict[str, str]:
    results: dict[str, str] = {}
    checks = [(f"database:{alias}", check_database, alias) for alias in connections]
    checks += [(f"cache:{alias}", check_cache, alias) for alias in settings.CACHES]
    checks.append(("storage", lambda _: check_storage(), None))
    for name, check, argument in checks:
        try:
            check(argument)
        except Exception as error:
            logger.warning("readyz: %s is not reachable: %s", name, error)
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    results = readiness()
    ready = all(value == "ok" for value in results.values())
    return JsonResponse({"ready": ready, "checks": results}, status=200 if ready else 503)
