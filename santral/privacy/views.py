"""Privacy pages: the platform's notice and its versions, withdrawing a consent, "my data",
and the platform admins' list of erasure requests. Thin: selectors read, services write."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .erasure import erasure_refuse, person_erase
from .models import Consent, ErasureRequest, ErasureStatus, PrivacyNotice
from .selectors import (
    erasure_open_request,
    erasure_requests_for_staff,
    notice_current,
    notice_versions,
    person_export,
)
from .services import consent_withdraw, erasure_request_create


@require_safe
def platform_notice_view(request):
    """The platform's own notice (accounts), in the reader's language, with earlier versions."""
    current = notice_current(None)
    if current is None:
        raise Http404
    text, language = current.localised()
    return render(
        request,
        "privacy/notice.html",
        {
            "notice": current,
            "text": text,
            "text_language": language,
            "versions": notice_versions(None),
        },
    )


@require_safe
def notice_version_view(request, pk: int):
    """One version exactly as it was agreed to (a consent links here)."""
    notice = get_object_or_404(PrivacyNotice.objects.select_related("council"), pk=pk)
    if notice.council is not None and notice.council.status != "active":
        raise Http404
    text, language = notice.localised()
    return render(
        request,
        "privacy/notice.html",
        {"notice": notice, "text": text, "text_language": language, "versions": []},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def consent_withdraw_view(request, token: str):
    """The link in every e-mail: GET asks to confirm (a GET never writes), POST withdraws."""
    consent = get_object_or_404(Consent.objects.select_related("council", "notice"), token=token)
    if request.method == "POST":
        consent_withdraw(consent=consent)
        messages.success(request, _("Onayınızı geri aldınız. Bu amaçla size artık yazmayacağız."))
        return redirect("privacy:withdraw", token=token)
    return render(request, "privacy/withdraw.html", {"consent": consent})


@login_required
@require_safe
def my_data_view(request):
    """Everything held about the signed-in person, readable; JSON with ?bicim=json."""
    data = person_export(request.user)
    if request.GET.get("bicim") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="verilerim-{stamp}.json"'
        return response
    return render(
        request,
        "privacy/my_data.html",
        {"data": data, "open_request": erasure_open_request(request.user)},
    )


@login_required
@require_POST
def erasure_request_view(request):
    erasure_request_create(user=request.user)
    messages.success(
        request,
        _("Silme talebiniz alındı. En geç 30 gün içinde yanıtlanacak ve size bildirilecek."),
    )
    return redirect("privacy:my_data")


def _ensure_platform_admin(request) -> None:
    if not getattr(request.user, "is_platform_admin", False):
        raise PermissionDenied


@login_required
@require_safe
def erasure_requests_view(request):
    """Platform admins: every request, the open ones first by their legal deadline."""
    _ensure_platform_admin(request)
    return render(
        request,
        "privacy/requests.html",
        {"requests": erasure_requests_for_staff(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def erasure_answer_view(request, pk: int):
    _ensure_platform_admin(request)
    erasure = get_object_or_404(ErasureRequest, pk=pk, status=ErasureStatus.OPEN)
    try:
        if request.POST.get("karar") == "sil":
            pseudonym = person_erase(actor=request.user, user=erasure.user, request=erasure)
            messages.success(
                request, _("Hesap silindi; kayıtlarda %(name)s görünüyor.") % {"name": pseudonym}
            )
        else:
            erasure_refuse(
                actor=request.user, request=erasure, answer=request.POST.get("yanit", "")
            )
            messages.success(request, _("Talep gerekçesiyle reddedildi."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("privacy:requests")
