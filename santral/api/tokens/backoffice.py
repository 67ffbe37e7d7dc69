"""The council's API tokens in the back office: list, create (shown once), revoke.

Council admins for their councils, the platform admin for any (MANAGE_MEMBERSHIPS: tokens
are permissions). The new token is rendered in the answer to the POST that created it, never
behind a GET that could be replayed or cached.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from santral.councils.permissions import Capability, councils_with_capability

from ..models import ApiToken, TokenScope
from .services import allowed_scopes, api_token_create, api_token_revoke, can_manage_api_tokens

PAGE_SIZE = 25
DEFAULT_DAYS = 90


def token_councils(user):
    return councils_with_capability(user, Capability.MANAGE_MEMBERSHIPS)


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Ad / amaç"), max_length=100)
    scope = forms.ChoiceField(label=gettext_lazy("Yetki alanı"), choices=())
    expires_on = forms.DateField(
        label=gettext_lazy("Son geçerlilik günü"),
        help_text=gettext_lazy("En çok bir yıl sonrası; o günün sonunda (Türkiye saati) biter."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, scopes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(TokenScope.choices)
        self.fields["scope"].choices = [(scope, labels[scope]) for scope in scopes]

    def clean_expires_on(self) -> datetime.date:
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day <= today:
            raise ValidationError(_("Son geçerlilik günü yarın ya da daha sonra olmalı."))
        if day > today + datetime.timedelta(days=365):
            raise ValidationError(_("Bir anahtar en çok bir yıl geçerli olabilir."))
        return day


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def token_index_view(request):
    councils = token_councils(request.user)
    if not councils.exists():
        raise Http404
    if councils.count() == 1:
        return redirect("santral_api_tokens", council_id=councils.get().pk)
    return TemplateResponse(
        request, "api/backoffice/token_councils.html", {"councils": councils.order_by("name")}
    )


def token_list_view(request, council_id: int):
    council = get_object_or_404(token_councils(request.user), pk=council_id)
    if not can_manage_api_tokens(request.user, council):
        raise Http404
    scopes = allowed_scopes(request.user, council)
    initial = {"expires_on": timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS)}
    form = TokenForm(scopes=scopes, initial=initial)
    created_token = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            token = get_object_or_404(
                ApiToken.objects.filter(council=council), pk=request.POST.get("token_id") or 0
            )
            api_token_revoke(actor=request.user, token=token)
            messages.success(request, _("Anahtar iptal edildi; artık hiçbir istekte geçmez."))
            return redirect("santral_api_tokens", council_id=council.pk)
        if action != "create":
            raise Http404
        form = TokenForm(request.POST, scopes=scopes)
        if form.is_valid():
            try:
                _token, created_token = api_token_create(
                    actor=request.user,
                    council=council,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=_end_of_day(form.cleaned_data["expires_on"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                form = TokenForm(scopes=scopes, initial=initial)
    tokens = Paginator(
        ApiToken.objects.filter(council=council).select_related("created_by", "revoked_by"),
        PAGE_SIZE,
    ).get_page(request.GET.get("sayfa"))
    response = TemplateResponse(
        request,
        "api/backoffice/tokens.html",
        {
            "council": council,
            "form": form,
            "tokens": tokens,
            "created_token": created_token,
            "now": timezone.now(),
        },
    )
    if created_token:
        response["Cache-Control"] = "no-store"
    return response
