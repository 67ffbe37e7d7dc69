"""Keep the extracted text and thumbnail of every uploaded document up to date, and make the
image renditions a published page shows when it is published (so that no GET writes one)."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

from santral.councils.wagtail_sync import GROUP_PREFIX

from .services import FILE_ROLES, council_collection_grant, file_text_refresh

# Sent once for many new pages written in bulk (santral.federation.bulk) instead of one
# `page_published` a page: receivers (search) handle the whole list at once. Arguments:
# `pages` (specific, live, of one model, in-memory topics) and `parent` (their parent page).
pages_published_in_bulk = Signal()


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    file_text_refresh(document=instance)


@receiver(post_save, sender=Group)
def council_group_saved(sender, instance, created, **kwargs):
    """Council editors and admins upload files and images into their council's collection."""
    if kwargs.get("raw") or not created or not instance.name.startswith(GROUP_PREFIX):
        return
    council_id, _sep, role = instance.name[len(GROUP_PREFIX) :].partition(":")
    if role in FILE_ROLES and council_id.isdigit():
        council_collection_grant(council_id=int(council_id), group=instance)


@receiver(page_unpublished)
def content_unpublished(sender, instance, **kwargs):
    """Unpublishing (by hand or when a page expires) takes the item out of every list."""
    if hasattr(instance, "is_listed"):
        type(instance).objects.filter(pk=instance.pk).update(is_listed=False)


# Every size the public templates ask of a page's image (cards, council home, the page itself,
# the og:image of a shared link); made at publishing, so the first visitor's GET writes nothing.
PAGE_IMAGE_RENDITIONS = {
    "lead_image": (
        "fill-480x270",
        "fill-640x360",
        "fill-1200x630",
        "width-400",
        "width-800",
        "width-1200",
    ),
    "cover_image": ("fill-160x220", "width-400", "fill-1200x630"),
}


@receiver(page_published)
def page_image_renditions_prepare(sender, instance, **kwargs):
    for field, specs in PAGE_IMAGE_RENDITIONS.items():
        image = getattr(instance, field, None)
        if image is not None:
            image.get_renditions(*specs)
