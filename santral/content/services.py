"""Writes for content: pages, files, archive, re-share. Each checks permission and is audited.

The Wagtail back office enforces the same rules through the page permissions
that councils/wagtail_sync.py derives from memberships and through the hooks in
wagtail_hooks.py; these services are what imports, demo data, tests and our own
views call.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.text import clean_name
from santral.councils.models import Council, CouncilHomePage, HubHomePage
from santral.councils.permissions import (
    can_approve_content,
    can_edit_content,
    can_manage_memberships,
    can_publish_content,
    is_platform_admin,
)

from .files import (
    CAPTION_KINDS,
    DOCUMENT_KINDS,
    IMAGE_KINDS,
    check_upload,
    extract_text,
    pdf_thumbnail,
    sniff_kind,
)
from .models import (
    CouncilContentSettings,
    FileText,
    Reshare,
    SantralContentPage,
    TranslationLanguage,
    TranslationVariant,
    council_id_for_path,
)
from .richtext import sanitize_stored_html


def may_edit_in(actor, council: Council | None) -> bool:
    """Council content needs the council's edit capability; platform content a platform admin."""
    if council is None:
        return is_platform_admin(actor)
    return can_edit_content(actor, council)


def moderation_required(council: Council | None) -> bool:
    if council is None:
        return False
    return CouncilContentSettings.objects.filter(council=council, moderation_required=True).exists()


def may_publish_in(actor, council: Council | None) -> bool:
    """Publishing needs the publish capability, and the approve one when the council moderates."""
    if council is None:
        return is_platform_admin(actor)
    if not can_publish_content(actor, council):
        return False
    return not moderation_required(council) or can_approve_content(actor, council)


@transaction.atomic
def council_moderation_set(*, actor, council: Council, enabled: bool) -> CouncilContentSettings:
    """Switch two-step moderation on or off for a council.

    On: a Wagtail workflow whose one task is approval by the council's admin group
    is attached to the council's home page, so editors' "submit for moderation"
    reaches the admins; publishing without approval is refused (wagtail_hooks).
    """
    if actor is not None:
        ensure(
            can_manage_memberships(actor, council),
            _("Bu konseyin onay ayarını değiştirme yetkiniz yok."),
        )
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from santral.councils.wagtail_sync import sync_council_groups

    settings_row, _created = CouncilContentSettings.objects.select_for_update().get_or_create(
        council=council
    )
    before = settings_row.moderation_required
    settings_row.moderation_required = enabled
    settings_row.save()
    home = CouncilHomePage.objects.get(council=council)
    if enabled:
        groups = sync_council_groups(council)
        admin_group = groups["council_admin"]
        # Editors read the name on their button ("Onaya gönder: …"): the council's name, not
        # a key. The council's admin group (one per council) is what finds the task again.
        name = f"{council.name}: konsey yöneticisi onayı"[:255]
        task = GroupApprovalTask.objects.filter(groups=admin_group).order_by("pk").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=name)
        elif task.name != name:
            task.name = name
            task.save(update_fields=["name"])
        task.groups.set([admin_group])
        workflow = Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
        if workflow is None:
            workflow = Workflow.objects.create(name=name)
        elif workflow.name != name:
            workflow.name = name
            workflow.save(update_fields=["name"])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    else:
        WorkflowPage.objects.filter(page=home).delete()
    if before != enabled:
        audit_record(
            actor=actor,
            action="content.moderation",
            target=council,
            council_id=council.pk,
            before={"moderation_required": before},
            after={"moderation_required": enabled},
        )
    return settings_row


def council_of_page(page: Page) -> Council | None:
    """The council whose subtree holds this page (None for the hub and platform material)."""
    specific = page.specific
    if isinstance(specific, CouncilHomePage):
        return specific.council
    council_id = council_id_for_path(page.path)
    return Council.objects.get(pk=council_id) if council_id else None


def _check_actor(actor, council: Council | None, *, publish: bool) -> None:
    if actor is None:  # system writes: demo data and command-line imports
        return
    ensure(
        may_edit_in(actor, council),
        _("Bu konseyin içeriğini düzenleme yetkiniz yok."),
    )
    if publish:
        ensure(may_publish_in(actor, council), _("Bu konseyde yayımlama yetkiniz yok."))


@transaction.atomic
def content_page_create(
    *, actor, parent: Page, page: SantralContentPage, publish: bool = False
) -> SantralContentPage:
    """Add a content page under a council's home page (or under the hub for platform material).

    The page is saved as a draft revision; with publish=True the revision goes live.
    Raises PermissionDenied or ValidationError (Turkish).
    """
    parent = parent.specific
    if not isinstance(parent, (CouncilHomePage, HubHomePage, SantralContentPage)):
        raise ValidationError(_("İçerik yalnızca bir konseyin ya da merkezin altına eklenebilir."))
    council = council_of_page(parent)
    _check_actor(actor, council, publish=publish)
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision(user=actor if getattr(actor, "pk", None) else None)
    if publish:
        revision.publish(user=actor if getattr(actor, "pk", None) else None)
        page.refresh_from_db()
    audit_record(
        actor=actor,
        action="content.create",
        target=page,
        council_id=council.pk if council else None,
        after={"title": page.title, "type": page._meta.model_name, "live": page.live},
    )
    return page


@transaction.atomic
def content_page_update(
    *, actor, page: SantralContentPage, publish: bool = False, **fields
) -> SantralContentPage:
    """Change a page's fields as a new revision; publish it when asked (and allowed)."""
    council = council_of_page(page)
    _check_actor(actor, council, publish=publish)
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()
    revision = page.save_revision(user=actor if getattr(actor, "pk", None) else None)
    if publish:
        revision.publish(user=actor if getattr(actor, "pk", None) else None)
        page.refresh_from_db()
    audit_record(
        actor=actor,
        action="content.update",
        target=page,
        council_id=council.pk if council else None,
        after={"fields": sorted(fields), "published": publish},
    )
    return page


@transaction.atomic
def content_page_publish(*, actor, page: SantralContentPage) -> SantralContentPage:
    council = council_of_page(page)
    _check_actor(actor, council, publish=True)
    revision = page.get_latest_revision() or page.save_revision(user=None)
    revision.publish(user=actor if getattr(actor, "pk", None) else None)
    page.refresh_from_db()
    audit_record(
        actor=actor,
        action="content.publish",
        target=page,
        council_id=council.pk if council else None,
    )
    return page


@transaction.atomic
def content_archive(*, actor, page: SantralContentPage, archived: bool = True):
    """Archive (or bring back) a published item: it leaves the lists, its URL keeps working."""
    council = council_of_page(page)
    _check_actor(actor, council, publish=True)
    page = page.specific_class.objects.get(pk=page.pk)
    page.is_archived = archived
    revision = page.save_revision(user=actor if getattr(actor, "pk", None) else None)
    revision.publish(user=actor if getattr(actor, "pk", None) else None)
    page.refresh_from_db()
    audit_record(
        actor=actor,
        action="content.archive" if archived else "content.unarchive",
        target=page,
        council_id=council.pk if council else None,
    )
    return page


@transaction.atomic
def content_reshare(*, actor, council: Council, page: SantralContentPage) -> Reshare:
    """Show another council's shared, published item on this council's lists (attributed)."""
    ensure(can_publish_content(actor, council), _("Bu konsey adına paylaşım yapma yetkiniz yok."))
    if not (page.live and page.is_shared) or page.is_archived:
        raise ValidationError(_("Yalnızca ağ ile paylaşılmış, yayımdaki içerikler paylaşılabilir."))
    if page.council_id == council.pk:
        raise ValidationError(_("Konseyin kendi içeriği zaten kendi sayfalarında görünür."))
    reshare, created = Reshare.objects.get_or_create(
        council=council, page=page, defaults={"created_by": actor}
    )
    if created:
        audit_record(actor=actor, action="content.reshare", target=page, council_id=council.pk)
    return reshare


@transaction.atomic
def content_unshare(*, actor, council: Council, page: Page) -> None:
    ensure(can_publish_content(actor, council), _("Bu konsey adına paylaşım yapma yetkiniz yok."))
    deleted, _rows = Reshare.objects.filter(council=council, page=page).delete()
    if deleted:
        audit_record(actor=actor, action="content.unshare", target=page, council_id=council.pk)


@transaction.atomic
def content_translation_set(
    *,
    actor,
    page: SantralContentPage,
    language: str,
    variant: str = TranslationVariant.STANDARD,
    title: str,
    summary: str = "",
    body: str = "",
    publish: bool = False,
) -> SantralContentPage:
    """Add or replace the page's translation for (language, variant) as a new page revision.

    Starts from the latest revision, so unpublished changes are kept; without
    publish=True the translation stays a draft (not public) like any page edit.
    The title is cleaned like every name and the body (Wagtail rich text) sanitised when
    stored as well as on output, like the page's own.
    Raises PermissionDenied or ValidationError (Turkish); nothing is written then.
    """
    council = council_of_page(page)
    _check_actor(actor, council, publish=publish)
    if language not in TranslationLanguage.values:
        raise ValidationError(_("Çeviri dili Türkçe, İngilizce ya da Arapça olmalı."))
    if variant not in TranslationVariant.values:
        raise ValidationError(_("Çeviri sürümü bilinmiyor."))
    if not title.strip():
        raise ValidationError(_("Çevirinin başlığı boş olamaz."))
    current = page.specific.get_latest_revision_as_object()
    model = current.translations.model
    kept = [
        translation
        for translation in current.translations.all()
        if (translation.language, translation.variant) != (language, variant)
    ]
    current.translations = [
        *kept,
        model(
            language=language,
            variant=variant,
            title=clean_name(title),
            summary=summary,
            body=sanitize_stored_html(body),
        ),
    ]
    current.full_clean()
    user = actor if getattr(actor, "pk", None) else None
    revision = current.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    audit_record(
        actor=actor,
        action="content.translation",
        target=current,
        council_id=council.pk if council else None,
        after={"language": language, "variant": variant, "published": publish},
    )
    return page.specific_class.objects.get(pk=page.pk)


# --- files -------------------------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_text_refresh(*, document) -> FileText | None:
    """Read a stored document once more: its real type, plain text and (PDF) thumbnail.

    Does nothing when the file is unchanged since the last reading.
    """
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    digest = _digest(data)
    existing = FileText.objects.filter(document=document).first()
    if existing is not None and existing.file_hash == digest:
        return existing
    try:
        kind = sniff_kind(data)
    except ValidationError:
        kind = ""
    text = extract_text(kind, data)
    row = existing or FileText(document=document)
    row.kind = kind
    row.text = text
    row.file_hash = digest
    if row.thumbnail:
        row.thumbnail.delete(save=False)
    if kind == "pdf":
        png = pdf_thumbnail(data)
        if png:
            row.thumbnail.save(f"document-{document.pk}.png", ContentFile(png), save=False)
    row.save()
    return row


@transaction.atomic
def document_upload(
    *,
    actor,
    council: Council | None,
    uploaded_file,
    title: str = "",
    allowed: frozenset[str] = DOCUMENT_KINDS,
):
    """Store a PDF or office file as a Wagtail document after checking its content.

    Raises ValidationError (Turkish) for a refused file; nothing is stored then.
    """
    _check_actor(actor, council, publish=False)
    check_upload(uploaded_file, allowed=allowed)
    Document = get_document_model()
    name = uploaded_file.name.rsplit("/", 1)[-1]
    document = Document(
        title=title or name.rsplit(".", 1)[0],
        uploaded_by_user=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(name, uploaded_file, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="content.file_upload",
        target=document,
        council_id=council.pk if council else None,
    )
    return document


def captions_upload(*, actor, council: Council | None, uploaded_file, title: str = ""):
    """Store a WebVTT captions file (content must start with "WEBVTT") as a Wagtail document."""
    return document_upload(
        actor=actor,
        council=council,
        uploaded_file=uploaded_file,
        title=title,
        allowed=CAPTION_KINDS,
    )


@transaction.atomic
def image_upload(*, actor, council: Council | None, uploaded_file, title: str = ""):
    """Store a JPEG, PNG or WebP image as a Wagtail image (renditions come from Wagtail)."""
    _check_actor(actor, council, publish=False)
    check_upload(uploaded_file, allowed=IMAGE_KINDS)
    Image = get_image_model()
    name = uploaded_file.name.rsplit("/", 1)[-1]
    image = Image(
        title=title or name.rsplit(".", 1)[0],
        uploaded_by_user=actor if getattr(actor, "pk", None) else None,
    )
    image.file.save(name, uploaded_file, save=False)
    image.save()
    return image


FILE_ROLES = frozenset({"council_admin", "editor"})
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


@transaction.atomic
def council_collection_grant(*, council_id: int, group) -> None:
    """Give a council group add/change/choose rights on its council's own file collection."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    council = Council.objects.filter(pk=council_id).first()
    if council is None:
        return
    root = Collection.get_first_root_node()
    name = f"{council.name} ({council.slug})"
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
