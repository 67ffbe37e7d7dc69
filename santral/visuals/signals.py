"""Publishing an event or news page queues the card it shares (docs/visuals.md); posters and
the other sizes are made on demand (`manage.py generate_visuals`)."""

from django.conf import settings
from django.db import transaction
from wagtail.signals import page_published

from .selectors import PAGE_KINDS


def queue_materials_after_publish(sender, instance, **kwargs) -> None:
    from .tasks import generate_item_materials

    kind = PAGE_KINDS.get(sender._meta.model_name)
    if kind is None or not getattr(settings, "SANTRAL_VISUALS_AUTO_GENERATE", False):
        return
    backend = generate_item_materials.get_backend()
    if type(backend).__name__ == "ImmediateBackend":
        return  # would render inside the publishing request
    council_id = instance.council_id
    if council_id is None:
        return
    transaction.on_commit(
        lambda: generate_item_materials.enqueue(
            council_id, str(kind), str(instance.pk), sharing_only=True
        )
    )


def connect() -> None:
    from santral.content.models import NewsPage
    from santral.events.models import EventPage

    for model in (EventPage, NewsPage):
        page_published.connect(
            queue_materials_after_publish, sender=model, dispatch_uid=f"visuals-{model.__name__}"
        )
