"""Input and output of the write API. Input is hostile: exact JSON types, bounded strings,
unknown fields refused (a typo must not be silently ignored)."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from santral.content.models import DocumentType, Language, Scope
from santral.events.models import RegistrationMode

MAX_FILES = 5


class _Typed:
    """Refuse JSON values of the wrong type (DRF would turn 5 into "5" or "1" into True);
    multipart bodies carry only text, so there the field's own parsing applies."""

    json_types: tuple = (str,)
    type_message = _("Bu alan metin olmalı.")

    def to_internal_value(self, data):
        if not self.context.get("multipart"):
            if isinstance(data, bool) and bool not in self.json_types:
                raise serializers.ValidationError(self.type_message)
            if not isinstance(data, self.json_types):
                raise serializers.ValidationError(self.type_message)
        return super().to_internal_value(data)


class Text(_Typed, serializers.CharField):
    pass


class Choice(_Typed, serializers.ChoiceField):
    pass


class Flag(_Typed, serializers.BooleanField):
    json_types = (bool,)
    type_message = _("Bu alan true ya da false olmalı.")


class Number(_Typed, serializers.IntegerField):
    json_types = (int,)
    type_message = _("Bu alan bir tam sayı olmalı.")


class Url(_Typed, serializers.URLField):
    pass


class StrictSerializer(serializers.Serializer):
    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(
                {"non_field_errors": [_("İstek gövdesi bir JSON nesnesi olmalı.")]}
            )
        unknown = sorted(str(name) for name in data if name not in self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name[:64]: [_("Bilinmeyen alan.")] for name in unknown[:20]}
            )
        return super().to_internal_value(data)


class ContentWrite(StrictSerializer):
    title = Text(max_length=255)
    intro = Text(max_length=2000, required=False, allow_blank=True)
    body = Text(
        max_length=100_000,
        required=False,
        allow_blank=True,
        help_text="HTML (h2, h3, b, i, ol, ul, a, hr); the rest is removed when stored.",
    )
    scope = Choice(choices=Scope.choices, required=False)
    language = Choice(choices=Language.choices, required=False)
    is_shared = Flag(required=False)
    owner_body = Number(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    publish = Flag(required=False, default=False, help_text="Publish this version at once.")


class NewsWrite(ContentWrite):
    pass


class EventWrite(ContentWrite):
    start_at = serializers.DateTimeField(help_text="ISO 8601; without an offset: Europe/Istanbul.")
    end_at = serializers.DateTimeField()
    venue = Text(max_length=200)
    address = Text(max_length=2000, required=False, allow_blank=True)
    partners = Text(max_length=500, required=False, allow_blank=True)
    is_public = Flag(required=False)
    capacity = Number(required=False, allow_null=True, min_value=0, max_value=1_000_000)
    registration_mode = Choice(choices=RegistrationMode.choices, required=False)
    registration_url = Url(max_length=200, required=False, allow_blank=True)


class DocumentWrite(ContentWrite):
    document_type = Choice(choices=DocumentType.choices)
    document_date = serializers.DateField()
    number = Text(max_length=64, required=False, allow_blank=True)


class DocumentWriteUpload(DocumentWrite):
    """The multipart form that creates a document page (schema only: files are read apart)."""

    files = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=MAX_FILES)


class WrittenContent(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    council = serializers.CharField(source="council.slug", allow_null=True)
    intro = serializers.CharField()
    body = serializers.CharField()
    scope = serializers.CharField()
    language = serializers.CharField()
    is_shared = serializers.BooleanField()
    owner_body = serializers.IntegerField(source="owner_body_id", allow_null=True)
    live = serializers.BooleanField()
    is_archived = serializers.BooleanField()
    has_unpublished_changes = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        if not page.live:
            return None
        request = self.context.get("request")
        url = page.get_url(request=request)
        return request.build_absolute_uri(url) if request and url else url


class WrittenNews(WrittenContent):
    pass


class WrittenEvent(WrittenContent):
    start_at = serializers.DateTimeField()
    end_at = serializers.DateTimeField()
    venue = serializers.CharField()
    address = serializers.CharField()
    partners = serializers.CharField()
    is_public = serializers.BooleanField()
    capacity = serializers.IntegerField(allow_null=True)
    registration_mode = serializers.CharField()
    registration_url = serializers.CharField()


class WrittenDocument(WrittenContent):
    document_type = serializers.CharField()
    document_date = serializers.DateField()
    number = serializers.CharField()
    files = serializers.SerializerMethodField()

    def get_files(self, page) -> list[str]:
        return [item.document.title for item in page.files.all()]


class WrittenContentSummary(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    live = serializers.BooleanField()
    is_archived = serializers.BooleanField()
    has_unpublished_changes = serializers.BooleanField()
    last_published_at = serializers.DateTimeField(allow_null=True)


class BudgetImportUpload(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV or XLSX in the standard columns (docs/budget-import.md)."
    )


class BudgetImportRow(serializers.Serializer):
    row = serializers.IntegerField()
    entry_on = serializers.DateField()
    kurumsal = serializers.CharField()
    functional = serializers.CharField()
    financing = serializers.CharField()
    economic = serializers.CharField()
    kind = serializers.CharField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    description = serializers.CharField()
    already_imported = serializers.BooleanField()


class BudgetImportPreview(serializers.Serializer):
    staged = serializers.CharField(help_text="SHA-256 of the staged file.")
    year = serializers.IntegerField()
    rows = serializers.IntegerField()
    new = serializers.IntegerField()
    skipped = serializers.IntegerField()
    totals = serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=2))
    previous = serializers.CharField(allow_null=True)
    sample = BudgetImportRow(many=True)
    confirm = serializers.CharField()


class BudgetImportRowError(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class WriteError(serializers.Serializer):
    detail = serializers.CharField(required=False)
    errors = BudgetImportRowError(many=True, required=False)


class ApiTokenInfo(serializers.Serializer):
    council = serializers.CharField(source="council.slug")
    name = serializers.CharField()
    scope = serializers.CharField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
