"""The search index: one denormalised row per searchable item, whatever its source.

The full-text part lives beside the table and depends on the database: on
PostgreSQL a ``vector tsvector`` column with a GIN index (added by migration
0002), on SQLite the FTS5 table ``search_fts`` (rowid = SearchDocument.id).
Both are written only through ``santral.search.backends``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Herkese açık")
    INTERNAL = "internal", _("Konsey içi")


class Scope(models.TextChoices):
    """The content scope of issue 3: a council's own, national or international material."""

    LOCAL = "local", _("Yerel")
    NATIONAL = "national", _("Ulusal")
    INTERNATIONAL = "international", _("Uluslararası")


class SearchDocument(models.Model):
    """One entry in the index, written by a provider (see ``santral.search.providers``)."""

    source = models.CharField(max_length=120, db_index=True)  # "councils.council:12"
    kind = models.CharField(_("tür"), max_length=32, db_index=True)
    title = models.CharField(_("başlık"), max_length=500)
    body = models.TextField(_("metin"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    council = models.ForeignKey(
        "councils.Council", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        "councils.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(_("kapsam"), max_length=16, choices=Scope.choices)
    language = models.CharField(max_length=8, default="tr")
    visibility = models.CharField(max_length=16, choices=Visibility.choices)
    date = models.DateTimeField(null=True, blank=True)
    # Days since 0001-01-01: recency arithmetic that every database does the same way.
    day = models.IntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("arama kaydı")
        verbose_name_plural = _("arama kayıtları")
        # No index on visibility: nearly every row is public, and PostgreSQL would walk such
        # an index instead of the full-text one (see santral/search/postgres_plans.py).

    def __str__(self) -> str:
        return self.title


class SearchTopic(models.Model):
    """A topic of an indexed item (a row per topic, so topics can be counted)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="search_topic_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SearchWord(models.Model):
    """The vocabulary: every indexed word (folded, or Turkish form marked "0") and how many
    items (public items) hold it. Typo tolerance and completions read it (``typos.py``)."""

    word = models.CharField(max_length=64, unique=True)
    count = models.IntegerField(default=0)
    public = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.word


class SearchWordKey(models.Model):
    """The symmetric-delete dictionary over the vocabulary: a word under each of its keys.

    ``word_id`` is no foreign key: keys of a word that left the vocabulary stay until the
    next rebuild and join to nothing."""

    pk = models.CompositePrimaryKey("key", "word_id")
    key = models.CharField(max_length=16)
    word_id = models.IntegerField()

    def __str__(self) -> str:
        return self.key


class SearchTerm(models.Model):
    """The title-word vocabulary of the previous version (before migration 0007), unused now.

    Kept for one release so that the previous version, still serving during a rolling
    upgrade, finds its table (santral/ops/migration_safety.py); the next release deletes it.
    """

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term
