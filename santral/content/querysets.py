from django.db import models
from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class ContentPageQuerySet(PageQuerySet):
    def for_council(self, council):
        return self.filter(council=council)

    def listed(self):
        """Published, not archived: what public lists, feeds and the API show."""
        return self.filter(is_listed=True)

    def shared(self):
        return self.filter(is_shared=True)

    def with_relations(self):
        return self.select_related("council", "council__province").prefetch_related(
            models.Prefetch("topics")
        )


ContentPageManager = PageManager.from_queryset(ContentPageQuerySet)
