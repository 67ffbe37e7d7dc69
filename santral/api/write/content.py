"""News, events and documents of the token's council: create, change, withdraw; read drafts.

Everything goes through santral/content/services.py, as the back office does: the same
permission checks (for the token's creator), revisions, sanitising and audit rows.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from santral.content.files import max_upload_bytes
from santral.content.models import (
    RESERVED_CHILD_SLUGS,
    DocumentPage,
    DocumentPageFile,
    FileText,
    NewsPage,
)
from santral.content.services import (
    content_archive,
    content_page_create,
    content_page_update,
    document_upload,
)
from santral.core.pagination import PageNumberPagination
from santral.core.text import turkish_slugify
from santral.councils.models import Body, CouncilHomePage
from santral.events.models import EventPage

from ..parsers import BoundedJSONParser
from . import serializers as s
from .base import TokenApiView

ERRORS = {400: s.WriteError, 401: s.WriteError, 403: s.WriteError}
WITH_404 = {**ERRORS, 404: s.WriteError}
SUMMARY_FIELDS = (
    "id",
    "title",
    "live",
    "is_archived",
    "has_unpublished_changes",
    "last_published_at",
)


def _unique_slug(parent, title: str) -> str:
    base = turkish_slugify(title or "icerik", max_length=70) or "icerik"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_CHILD_SLUGS:
        slug, number = f"{base}-{number}", number + 1
    return slug


class _ContentApi(TokenApiView):
    area = "content"
    model = NewsPage
    input_class = s.NewsWrite
    output_class = s.WrittenNews
    kind = "news"
    parser_classes = [BoundedJSONParser]

    def validated(self, data, *, partial=False, multipart=False) -> dict:
        serializer = self.input_class(
            data=data, partial=partial, context={"request": self.request, "multipart": multipart}
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        if "owner_body" in fields:
            body_id = fields.pop("owner_body")
            body = None
            if body_id is not None:
                body = Body.objects.filter(council=self.council, pk=body_id).first()
                if body is None:
                    raise exceptions.ValidationError(
                        {"owner_body": [_("Seçilen kurul bu konseye ait değil.")]}
                    )
            fields["owner_body"] = body
        return fields

    def page_or_404(self, page_id: int):
        return get_object_or_404(self.model.objects.filter(council=self.council), pk=page_id)

    def output(self, page) -> dict:
        return self.output_class(page, context={"request": self.request}).data


class _ContentListApi(_ContentApi):
    def get(self, request, council_slug: str):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(
            self.model.objects.filter(council=self.council).order_by("-pk").only(*SUMMARY_FIELDS),
            request,
            view=self,
        )
        return paginator.get_paginated_response(s.WrittenContentSummary(page, many=True).data)

    def post(self, request, council_slug: str):
        fields = self.validated(request.data)
        publish = fields.pop("publish", False)
        home = CouncilHomePage.objects.get(council=self.council)
        page = self.model(slug=_unique_slug(home, fields["title"]), **fields)
        created = self.run_write(
            f"{self.kind}.create",
            lambda: content_page_create(
                actor=self.token.created_by, parent=home, page=page, publish=publish
            ),
            details={"published": publish},
        )
        return Response(self.output(created), status=status.HTTP_201_CREATED)


class _ContentDetailApi(_ContentApi):
    def get(self, request, council_slug: str, page_id: int):
        page = self.page_or_404(page_id)
        return Response(self.output(page.get_latest_revision_as_object()))

    def patch(self, request, council_slug: str, page_id: int):
        page = self.page_or_404(page_id)
        fields = self.validated(request.data, partial=True)
        publish = fields.pop("publish", False)
        latest = page.get_latest_revision_as_object()
        changed = self.run_write(
            f"{self.kind}.update",
            lambda: content_page_update(
                actor=self.token.created_by, page=latest, publish=publish, **fields
            ),
            details={"fields": sorted(fields), "published": publish},
        )
        return Response(self.output(changed))


class _ContentWithdrawApi(_ContentApi):
    def post(self, request, council_slug: str, page_id: int):
        page = self.page_or_404(page_id)
        if not page.live:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _("Yayımlanmamış içerik geri çekilemez; zaten yayında değil.")
                    ]
                }
            )
        if page.is_archived:
            return Response(self.output(page))
        withdrawn = self.run_write(
            f"{self.kind}.withdraw",
            lambda: content_archive(actor=self.token.created_by, page=page),
        )
        return Response(self.output(withdrawn))


def _documented(cls, *, list_view=False, withdraw=False, upload=None):
    name = cls.kind
    tags = ["write"]
    if withdraw:
        views = {
            "post": extend_schema(
                summary=f"Withdraw (archive) a published {name} item",
                request=None,
                responses={200: cls.output_class, **WITH_404},
                tags=tags,
            )
        }
    elif list_view:
        views = {
            "get": extend_schema(
                summary=f"The council's {name} items, drafts included (newest first)",
                responses={200: s.WrittenContentSummary(many=True), **ERRORS},
                tags=tags,
            ),
            "post": extend_schema(
                summary=f"Create a {name} item (a draft unless publish is true)",
                request=upload or cls.input_class,
                responses={201: cls.output_class, **ERRORS},
                tags=tags,
            ),
        }
    else:
        views = {
            "get": extend_schema(
                summary=f"One {name} item as its latest version",
                responses={200: cls.output_class, **WITH_404},
                tags=tags,
            ),
            "patch": extend_schema(
                summary=f"Change a {name} item (a new version; published when publish is true)",
                request=cls.input_class,
                responses={200: cls.output_class, **WITH_404},
                tags=tags,
            ),
        }
    return extend_schema_view(**views)(cls)


class _News:
    model = NewsPage
    input_class = s.NewsWrite
    output_class = s.WrittenNews
    kind = "news"


class _Events:
    model = EventPage
    input_class = s.EventWrite
    output_class = s.WrittenEvent
    kind = "event"


class _Documents:
    model = DocumentPage
    input_class = s.DocumentWrite
    output_class = s.WrittenDocument
    kind = "document"


NewsListApi = _documented(type("NewsListApi", (_News, _ContentListApi), {}), list_view=True)
NewsDetailApi = _documented(type("NewsDetailApi", (_News, _ContentDetailApi), {}))
NewsWithdrawApi = _documented(
    type("NewsWithdrawApi", (_News, _ContentWithdrawApi), {}), withdraw=True
)
EventListApi = _documented(type("EventListApi", (_Events, _ContentListApi), {}), list_view=True)
EventDetailApi = _documented(type("EventDetailApi", (_Events, _ContentDetailApi), {}))
EventWithdrawApi = _documented(
    type("EventWithdrawApi", (_Events, _ContentWithdrawApi), {}), withdraw=True
)
DocumentDetailApi = _documented(type("DocumentDetailApi", (_Documents, _ContentDetailApi), {}))
DocumentWithdrawApi = _documented(
    type("DocumentWithdrawApi", (_Documents, _ContentWithdrawApi), {}), withdraw=True
)


class _DocumentListBase(_Documents, _ContentListApi):
    """A document page needs its files: created from a multipart form (fields + `files`)."""

    def get_parsers(self):
        if self.request is not None and self.request.method == "POST":
            return [MultiPartParser()]
        return super().get_parsers()

    def post(self, request, council_slug: str):
        limit = max_upload_bytes() * s.MAX_FILES + 256 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            raise exceptions.ValidationError(
                {
                    "files": [
                        _("İstek çok büyük: en çok %(count)s dosya, her biri sınırın altında.")
                        % {"count": s.MAX_FILES}
                    ]
                }
            )
        uploads = request.FILES.getlist("files")
        if not uploads or len(uploads) > s.MAX_FILES:
            raise exceptions.ValidationError(
                {
                    "files": [
                        _("1 ile %(count)s arasında dosya gönderin (alan adı: files).")
                        % {"count": s.MAX_FILES}
                    ]
                }
            )
        fields_in = {key: request.data.get(key) for key in request.data if key != "files"}
        if set(request.FILES) - {"files"}:
            raise exceptions.ValidationError(
                {
                    name[:64]: [_("Bilinmeyen alan.")]
                    for name in sorted(set(request.FILES) - {"files"})[:20]
                }
            )
        fields = self.validated(fields_in, multipart=True)
        publish = fields.pop("publish", False)
        home = CouncilHomePage.objects.get(council=self.council)
        actor = self.token.created_by

        def work():
            page = DocumentPage(slug=_unique_slug(home, fields["title"]), **fields)
            files = []
            for upload in uploads:
                try:
                    document = document_upload(
                        actor=actor, council=self.council, uploaded_file=upload
                    )
                except DjangoValidationError as error:
                    raise DjangoValidationError(
                        {"files": [f"{upload.name[:100]}: {m}" for m in error.messages]}
                    ) from None
                stored.append(document.file.name)
                stored.extend(
                    name
                    for name in FileText.objects.filter(document=document).values_list(
                        "thumbnail", flat=True
                    )
                    if name
                )
                files.append(DocumentPageFile(document=document))
            page.files = files
            return content_page_create(actor=actor, parent=home, page=page, publish=publish)

        stored: list[str] = []
        try:
            created = self.run_write(
                "document.create", work, details={"published": publish, "files": len(uploads)}
            )
        except Exception:
            # The rows were rolled back; the bytes already written to storage are not.
            for name in stored:
                default_storage.delete(name)
            raise
        return Response(self.output(created), status=status.HTTP_201_CREATED)


DocumentListApi = _documented(
    type("DocumentListApi", (_DocumentListBase,), {}),
    list_view=True,
    upload={"multipart/form-data": s.DocumentWriteUpload},
)
