"""Background work of federation (docs/tasks.md): harvesting due sources.

Safe on many workers: each source is claimed by a conditional UPDATE (services.source_claim)
before it is fetched, so two workers never harvest one source at once; a worker that dies
leaves a claim that expires after CLAIM_LEASE.
"""

from django_tasks import task

from .services import harvest_due, harvest_source, source_claim


@task()
def harvest_due_sources() -> int:
    """Harvest every due active source; returns the number of runs."""
    return len(harvest_due())


@task()
def harvest_one_source(source_id: int) -> str:
    """Harvest one source now (if no other worker has it); returns the run's status."""
    source = source_claim(source_id)
    if source is None:
        return "claimed-elsewhere"
    return harvest_source(source).status
