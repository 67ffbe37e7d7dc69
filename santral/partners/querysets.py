from django.db import models


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def linked_to(self, council):
        return self.filter(affiliations__council=council).distinct()


class ProjectQuerySet(models.QuerySet):
    def for_council(self, council):
        return self.filter(council=council)

    def public(self):
        return self.filter(is_public=True)


class SupportRequestQuerySet(models.QuerySet):
    def for_council(self, council):
        return self.filter(council=council)

    def open(self):
        """Sent and not yet closed: waiting for an answer or for delivery."""
        return self.filter(status__in=["sent", "answered"]).exclude(answer="declined")
