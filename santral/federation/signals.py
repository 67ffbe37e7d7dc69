"""Keep the shared-items change log (publishing.ShareChange) current."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from santral.content.models import NewsPage
from santral.events.models import EventPage

from .publishing import share_change_deleted, share_change_record


@receiver(page_published)
@receiver(page_unpublished)
def shared_page_changed(sender, instance, **kwargs):
    if isinstance(instance, (NewsPage, EventPage)):
        share_change_record(instance)


@receiver(post_delete, sender=NewsPage)
@receiver(post_delete, sender=EventPage)
def shared_page_deleted(sender, instance, **kwargs):
    share_change_deleted(instance)
