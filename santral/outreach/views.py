"""Public pages of outreach: the representation dashboard (with CSV) and the newsletter
subscription flow (subscribe, confirm, one-click unsubscribe). A GET never writes."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from santral.core.spreadsheets import SafeCSVWriter
from santral.councils.models import Council

from .charts import ratio_trend, share_bars
from .forms import DashboardFilterForm, SubscribeForm
from .models import Subscriber
from .selectors import public_topics, representation_report
from .services import (
    CONSENT_TEXT_VERSION,
    subscription_confirm,
    subscription_request,
    subscription_unsubscribe,
)


def _council(slug: str) -> Council:
    return get_object_or_404(
        Council.objects.listed().select_related("province", "district"), slug=slug
    )


def _report(request, council: Council):
    form = DashboardFilterForm(request.GET or None, council=council)
    filters = {}
    threshold = None
    if form.is_bound and form.is_valid():
        filters = {
            "starts_on": form.cleaned_data.get("baslangic"),
            "ends_on": form.cleaned_data.get("bitis"),
            "body": form.cleaned_data.get("kurul"),
            "event": form.cleaned_data.get("etkinlik"),
        }
        threshold = form.cleaned_data.get("esik")
    report = representation_report(council=council, threshold=threshold, **filters)
    return form, report


def representation_view(request, council_slug: str):
    """Whom the council reaches and whom it misses, with charts and the same data as tables."""
    council = _council(council_slug)
    form, report = _report(request, council)
    return render(
        request,
        "outreach/representation.html",
        {
            "council": council,
            "form": form,
            "report": report,
            "bars": share_bars(report, chart_id="share-chart"),
            "trend": ratio_trend(report, chart_id="trend-chart"),
            "query": request.GET.urlencode(),
        },
    )


def _pct(value) -> str:
    return "" if value is None else f"{value:.2f}"


def representation_csv_view(request, council_slug: str):
    council = _council(council_slug)
    form, report = _report(request, council)
    if form.is_bound and not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponseBadRequest("\n".join(problems), content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="temsil-{council.slug}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with the BOM
    writer = SafeCSVWriter(response)  # text cells neutralised (santral/core/spreadsheets.py)
    writer.writerow(
        [
            _("Hedef kitle"),
            _("Nüfustaki pay (%)"),
            _("Kaynak"),
            _("Yıl"),
            _("Katılımcı"),
            _("Sayıldığı etkinliklerin toplam katılımcısı"),
            _("Katılımdaki pay (%)"),
            _("Temsil oranı"),
            _("Eşiğin altında"),
        ]
    )
    for row in report.rows:
        writer.writerow(
            [
                row.audience.name,
                _pct(row.population_share) if row.has_source else _("henüz kaynak yok"),
                row.audience.baseline_source,
                row.audience.baseline_year or "",
                row.participants,
                row.counted_total,
                _pct(row.participation_share),
                "" if row.ratio is None else f"{row.ratio:.2f}",
                _("evet") if row.is_flagged else _("hayır"),
            ]
        )
    return response


def subscribe_view(request, council_slug: str):
    council = _council(council_slug)
    topics = public_topics(council=council)
    form = SubscribeForm(request.POST or None, topics=topics)
    if request.method == "POST" and form.is_valid():
        try:
            subscription_request(
                council=council,
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                consent_given=form.cleaned_data["consent"],
                phone=form.cleaned_data.get("phone") or "",
                wants_sms=form.cleaned_data.get("wants_sms", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("outreach:subscribe-sent", council_slug=council.slug)
    return render(
        request,
        "outreach/subscribe.html",
        {
            "council": council,
            "form": form,
            "topics": topics,
            "consent_version": CONSENT_TEXT_VERSION,
        },
    )


def subscribe_sent_view(request, council_slug: str):
    council = _council(council_slug)
    return render(request, "outreach/subscribe_sent.html", {"council": council})


def confirm_view(request, council_slug: str, token: str):
    """GET shows a button (mail scanners follow links; a GET must not subscribe anyone)."""
    council = _council(council_slug)
    if request.method == "POST":
        try:
            subscription_confirm(council=council, token=token)
        except ValidationError as error:
            return render(
                request,
                "outreach/message.html",
                {
                    "council": council,
                    "title": _("Onay bağlantısı geçersiz"),
                    "text": error.messages[0],
                },
                status=404,
            )
        return render(
            request,
            "outreach/message.html",
            {
                "council": council,
                "title": _("Aboneliğiniz onaylandı"),
                "text": _("Teşekkürler. Seçtiğiniz konulardaki bültenler bu adrese gönderilecek."),
            },
        )
    if not Subscriber.objects.filter(council=council, confirm_token=token).exists():
        raise Http404
    return render(request, "outreach/confirm.html", {"council": council})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a CSRF token;
# the unguessable token in the URL is the authority.
def unsubscribe_view(request, council_slug: str, token: str):
    council = _council(council_slug)
    if request.method == "POST":
        try:
            subscription_unsubscribe(council=council, token=token)
        except ValidationError:
            raise Http404 from None
        return render(
            request,
            "outreach/message.html",
            {
                "council": council,
                "title": _("Abonelikten çıktınız"),
                "text": _("Bu adrese %(council)s bülteni artık gönderilmeyecek.")
                % {"council": council.name},
            },
        )
    if not Subscriber.objects.filter(council=council, unsubscribe_token=token).exists():
        raise Http404
    return render(request, "outreach/unsubscribe.html", {"council": council})
