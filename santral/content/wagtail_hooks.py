"""The back office obeys the same content rules as the services.

Wagtail's page permissions (derived per council in councils/wagtail_sync.py)
already keep an editor inside their council's subtree; these hooks check the
same predicates once more before a page is created, edited or published, and
refuse direct publishing where the council requires two-step moderation.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .models import SantralContentPage
from .services import council_of_page, may_edit_in, may_publish_in


def _is_content(page_or_class) -> bool:
    cls = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific)
    return issubclass(cls, SantralContentPage)


@hooks.register("before_create_page")
def check_create(request, parent_page, page_class):
    if _is_content(page_class) and not may_edit_in(request.user, council_of_page(parent_page)):
        raise PermissionDenied


@hooks.register("before_edit_page")
def check_edit(request, page):
    if _is_content(page) and not may_edit_in(request.user, council_of_page(page)):
        raise PermissionDenied


@hooks.register("before_publish_page")
def check_publish(request, page):
    if _is_content(page) and not may_publish_in(request.user, council_of_page(page)):
        raise PermissionDenied
