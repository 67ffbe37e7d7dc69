"""Counters any layer may increment; santral.ops exposes them at /metrics (docs/deploy.md).

Under gunicorn with several workers set PROMETHEUS_MULTIPROC_DIR (deploy/santral.env):
prometheus_client then keeps each worker's values in files there and /metrics adds them up.
"""

from prometheus_client import Counter

CACHE_LOOKUPS = Counter(
    "santral_cache_lookups_total",
    "Page and fragment cache lookups, by kind and result (hit/miss).",
    ["kind", "result"],
)


def cache_lookup(kind: str, hit: bool) -> None:
    CACHE_LOOKUPS.labels(kind=kind, result="hit" if hit else "miss").inc()
