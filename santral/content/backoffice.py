"""Back-office pages of the information hub: WordPress import upload, two-step moderation switch.

Councils are looked up inside the user's own councils: another council answers 404.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from santral.councils.permissions import (
    Capability,
    can_manage_memberships,
    councils_with_capability,
)

from .files import max_upload_bytes
from .models import CouncilContentSettings, Reshare
from .selectors import LIST_KINDS, filtered_items
from .services import content_reshare, content_unshare, council_moderation_set
from .wordpress import wordpress_import


class WordPressImportForm(forms.Form):
    council = forms.ModelChoiceField(label=gettext_lazy("Konsey"), queryset=None)
    export = forms.FileField(
        label=gettext_lazy("WordPress dışa aktarma dosyası (.xml)"),
        help_text=gettext_lazy(
            "WordPress → Araçlar → Dışa aktar → Tüm içerik. Ekler bu yoldan aktarılmaz; "
            "onlar için sunucuda manage.py import_wordpress --media kullanın."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_with_capability(user, Capability.PUBLISH_CONTENT)

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if upload.size > max_upload_bytes():
            raise ValidationError(_("Dosya çok büyük."))
        return upload


def wordpress_import_view(request):
    councils = councils_with_capability(request.user, Capability.PUBLISH_CONTENT)
    if not councils.exists():
        raise PermissionDenied
    report = None
    form = WordPressImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = wordpress_import(
                actor=request.user,
                council=form.cleaned_data["council"],
                xml=form.cleaned_data["export"].read(),
            )
        except ValidationError as error:
            form.add_error("export", error)
        else:
            messages.success(
                request,
                _("Aktarım bitti: %(created)s öğe aktarıldı, %(errors)s hata.")
                % {"created": len(report.created), "errors": len(report.errors)},
            )
    return TemplateResponse(
        request, "content/backoffice/wordpress_import.html", {"form": form, "report": report}
    )


def moderation_view(request, council_id: int):
    """Switch two-step moderation on or off for one council (council admins)."""
    council = get_object_or_404(
        councils_with_capability(request.user, Capability.MANAGE_MEMBERSHIPS), pk=council_id
    )
    if not can_manage_memberships(request.user, council):
        raise Http404
    current = CouncilContentSettings.objects.filter(
        council=council, moderation_required=True
    ).exists()
    if request.method == "POST":
        enabled = request.POST.get("moderation_required") == "on"
        council_moderation_set(actor=request.user, council=council, enabled=enabled)
        messages.success(request, _("Onay ayarı kaydedildi."))
        return redirect("santral_content_moderation", council_id=council.pk)
    return TemplateResponse(
        request,
        "content/backoffice/moderation.html",
        {"council": council, "moderation_required": current},
    )


def moderation_index_view(request):
    councils = councils_with_capability(request.user, Capability.MANAGE_MEMBERSHIPS)
    if not councils.exists():
        raise PermissionDenied
    return redirect("santral_content_moderation", council_id=councils.order_by("pk").first().pk)


SHARED_PAGE_SIZE = 25


def shared_items_view(request):
    """Items other councils shared with the network, to re-share on one's own council pages."""
    from django.core.paginator import Paginator
    from wagtail.models import Page

    councils = list(councils_with_capability(request.user, Capability.PUBLISH_CONTENT))
    if not councils:
        raise PermissionDenied
    council_ids = {council.pk for council in councils}
    if request.method == "POST":
        council = next((c for c in councils if str(c.pk) == request.POST.get("council", "")), None)
        page = Page.objects.filter(pk=request.POST.get("page") or 0, live=True).first()
        if council is None or page is None:
            raise Http404
        try:
            if request.POST.get("action") == "unshare":
                content_unshare(actor=request.user, council=council, page=page)
            else:
                content_reshare(actor=request.user, council=council, page=page.specific)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Paylaşım güncellendi."))
        return redirect(request.get_full_path())
    kind = request.GET.get("tur", "news")
    if kind not in LIST_KINDS:
        kind = "news"
    items = filtered_items(LIST_KINDS[kind], shared_only=True).exclude(council_id__in=council_ids)
    page_obj = Paginator(items, SHARED_PAGE_SIZE).get_page(request.GET.get("p"))
    shared_by = {}
    for council_id, page_id in Reshare.objects.filter(
        council_id__in=council_ids, page_id__in=[item.pk for item in page_obj.object_list]
    ).values_list("council_id", "page_id"):
        shared_by.setdefault(page_id, set()).add(council_id)
    rows = [
        {
            "item": item,
            "councils": [(c, c.pk in shared_by.get(item.pk, set())) for c in councils],
        }
        for item in page_obj.object_list
    ]
    return TemplateResponse(
        request,
        "content/backoffice/shared.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "kind": kind,
            "kinds": [
                (key, value.model._meta.verbose_name_plural) for key, value in LIST_KINDS.items()
            ],
        },
    )
