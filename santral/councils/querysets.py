from django.db import models


class CouncilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def listed(self):
        """Councils shown in the public directory: all but those marked inactive."""
        return self.exclude(status="inactive")

    def with_location(self):
        return self.select_related("province", "district")


class BodyQuerySet(models.QuerySet):
    def for_council(self, council):
        return self.filter(council=council)

    def active(self):
        return self.filter(is_active=True)
