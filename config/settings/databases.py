"""Database settings from URLs: persistent or pooled connections, an optional read replica.

Plain functions (not settings) so that tests can call them with any environment.
"""

from typing import Any

import dj_database_url

SQLITE_OPTIONS = {
    # WAL lets readers and the one writer work side by side; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue on the busy timeout instead of
    # failing with "database is locked" half-way through a transaction.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def parse_pool(value: str | None) -> dict[str, Any] | None:
    """DATABASE_POOL: empty/0 = no pool; "1"/"on" = psycopg's defaults; "MIN:MAX" = sizes."""
    value = (value or "").strip().lower()
    if value in {"", "0", "off", "false", "no"}:
        return None
    if value in {"1", "on", "true", "yes"}:
        return {"min_size": 2, "max_size": 4, "timeout": 10}
    low, _, high = value.partition(":")
    min_size, max_size = int(low), int(high or low)
    if not 0 <= min_size <= max_size or max_size < 1:
        raise ValueError(f"DATABASE_POOL={value!r}: expected MIN:MAX with 0 <= MIN <= MAX, MAX>=1")
    return {"min_size": min_size, "max_size": max_size, "timeout": 10}


def database_from_url(url: str, *, pool: str | None = None, conn_max_age: int = 60) -> dict:
    """One DATABASES entry. PostgreSQL keeps connections open (CONN_MAX_AGE, checked before
    reuse) or, with DATABASE_POOL, takes them from a psycopg 3 pool per process (Django 5.1+);
    the two exclude each other. SQLite opens a connection per request."""
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        return config
    pool_options = parse_pool(pool)
    if pool_options is not None and engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
        config.setdefault("OPTIONS", {})["pool"] = pool_options
    return config


def replica_from_url(url: str, *, primary: dict, pool: str | None = None) -> dict:
    """The read replica's entry. Its tables are the primary's (streaming replication), so in
    tests it mirrors the primary and migrations never run on it (santral.ops.db_router)."""
    config = database_from_url(url, pool=pool, conn_max_age=primary.get("CONN_MAX_AGE", 60))
    config["TEST"] = {"MIRROR": "default"}
    return config
