"""Background work of visuals (docs/tasks.md, docs/visuals.md): load by id, call the service."""

import logging

from django_tasks import task

from santral.councils.models import Council

from .services import materials_generate_for_item

logger = logging.getLogger(__name__)


@task()
def generate_item_materials(
    council_id: int, kind: str, key: str, sharing_only: bool = False
) -> int:
    """Render every template for one item (event, news, budget year, participation year);
    with `sharing_only`, only the card its page shares (what publishing queues).

    Returns the number of problems (texts that do not fit), each logged as a warning.
    """
    council = Council.objects.filter(pk=council_id).first()
    if council is None:
        return 0
    try:
        problems = materials_generate_for_item(
            council=council, kind=kind, key=key, sharing_only=sharing_only
        )
    except LookupError:  # unpublished or deleted meanwhile
        return 0
    for problem in problems:
        logger.warning("Visual material not made: %s", problem)
    return len(problems)
