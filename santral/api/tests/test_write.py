"""The write API with council tokens (docs/api-tokens.md): scope, council, revocation,
expiry, hostile bodies, audit rows naming the token; a GET never writes."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from santral.api.models import ApiToken
from santral.api.tokens.services import api_token_create, api_token_revoke
from santral.content.factories import make_news
from santral.content.models import DocumentPage, NewsPage
from santral.content.pdf import simple_pdf
from santral.core.models import AuditRecord
from santral.councils.factories import BodyFactory
from santral.events.models import EventPage

pytestmark = pytest.mark.django_db

SAMPLE_CSV = Path(__file__).resolve().parents[3] / "docs" / "samples" / "budget-import-sample.csv"
WRITES = ("INSERT", "UPDATE", "DELETE")


def make_token(actor, council, scope="content", days=30):
    _row, raw = api_token_create(
        actor=actor,
        council=council,
        name="Web sitesi",
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return raw


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client, url, body, raw, method="post"):
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", **bearer(raw)
    )


def news_url(council, page_id=None, tail=""):
    base = f"/api/v1/write/councils/{council.slug}/news/"
    return base + (f"{page_id}/" if page_id else "") + tail


def db_writes(queries):
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def _stored_files() -> set[str]:
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def uses_of(raw):
    prefix = raw.split("_")[1]
    return AuditRecord.objects.filter(action="api_token.use", after__token=prefix)


def test_content_token_creates_reads_updates_and_withdraws_news(client, cast, caplog):
    caplog.set_level("INFO", logger="santral.api.tokens")
    raw = make_token(cast.admin_a, cast.council_a)
    body = {"title": "Gençlik Meclisi toplandı", "intro": "İlk toplantı.", "body": "<p>Metin</p>"}
    created = post_json(client, news_url(cast.council_a), body, raw)
    assert created.status_code == 201, created.content
    page_id = created.json()["id"]
    page = NewsPage.objects.get(pk=page_id)
    assert page.council_id == cast.council_a.pk and not page.live
    assert created["Cache-Control"] == "private, no-store"

    # A read: answered, logged, nothing written to the database (not even last_used_at).
    token = ApiToken.objects.get(prefix=raw.split("_")[1])
    last_used = token.last_used_at
    assert last_used is not None
    with CaptureQueriesContext(connection) as queries:
        read = client.get(news_url(cast.council_a, page_id), **bearer(raw))
        listed = client.get(news_url(cast.council_a), **bearer(raw))
    assert read.status_code == 200 and read.json()["title"] == "Gençlik Meclisi toplandı"
    assert [item["id"] for item in listed.json()["results"]] == [page_id]
    assert db_writes(queries) == []
    token.refresh_from_db()
    assert token.last_used_at == last_used
    reads = [r.getMessage() for r in caplog.records if r.name == "santral.api.tokens"]
    assert len(reads) == 2 and all(f"token={token.prefix}" in line for line in reads)
    assert all(raw not in line for line in reads)

    changed = post_json(
        client,
        news_url(cast.council_a, page_id),
        {"title": "Yeni başlık", "publish": True},
        raw,
        method="patch",
    )
    assert changed.status_code == 200, changed.content
    page.refresh_from_db()
    assert page.live and page.title == "Yeni başlık"
    assert changed.json()["url"].startswith("http://testserver/")

    withdrawn = client.post(news_url(cast.council_a, page_id, "withdraw/"), **bearer(raw))
    assert withdrawn.status_code == 200, withdrawn.content
    page.refresh_from_db()
    assert page.is_archived and not page.is_listed

    operations = list(uses_of(raw).order_by("pk").values_list("after__operation", flat=True))
    assert operations == ["news.create", "news.update", "news.withdraw"]
    use = uses_of(raw).first()
    assert use.actor == cast.admin_a and use.council_id == cast.council_a.pk
    assert use.target_repr.startswith("Web sitesi (snt_")
    assert AuditRecord.objects.filter(action="content.create", target_id=str(page_id)).exists()


def test_events_and_documents_are_written_through_the_content_services(client, cast):
    raw = make_token(cast.admin_a, cast.council_a)
    event = post_json(
        client,
        f"/api/v1/write/councils/{cast.council_a.slug}/events/",
        {
            "title": "Kadın Meclisi paneli",
            "start_at": "2026-12-20T14:00:00+03:00",
            "end_at": "2026-12-20T16:00:00+03:00",
            "venue": "Konsey salonu",
            "capacity": 40,
            "publish": True,
        },
        raw,
    )
    assert event.status_code == 201, event.content
    assert EventPage.objects.get(pk=event.json()["id"]).live
    latest = EventPage.objects.get(pk=event.json()["id"]).get_latest_revision().pk
    backwards = post_json(
        client,
        f"/api/v1/write/councils/{cast.council_a.slug}/events/{event.json()['id']}/",
        {"end_at": "2026-12-19T10:00:00+03:00", "venue": "Başka salon"},
        raw,
        method="patch",
    )
    assert backwards.status_code == 400
    assert "Bitiş" in backwards.json()["end_at"][0]
    assert EventPage.objects.get(pk=event.json()["id"]).get_latest_revision().pk == latest

    url = f"/api/v1/write/councils/{cast.council_a.slug}/documents/"
    pdf = simple_pdf("Karar", ["Meclis kararı metni"])
    made = client.post(
        url,
        {
            "title": "Karar 2026/12",
            "document_type": "decision",
            "document_date": "2026-11-26",
            "files": [SimpleUploadedFile("karar.pdf", pdf, content_type="application/pdf")],
        },
        **bearer(raw),
    )
    assert made.status_code == 201, made.content
    assert made.json()["files"] == ["karar"]
    assert DocumentPage.objects.get(pk=made.json()["id"]).council_id == cast.council_a.pk

    # A file that is not what it claims: 400 in Turkish, no page, no stored document.
    pages = DocumentPage.objects.count()
    files_before = _stored_files()
    uses = AuditRecord.objects.filter(action="api_token.use").count()
    bad = client.post(
        url,
        {
            "title": "Sahte",
            "document_type": "decision",
            "document_date": "2026-11-26",
            "files": [
                SimpleUploadedFile("iyi.pdf", pdf, content_type="application/pdf"),
                SimpleUploadedFile("sahte.pdf", b"MZ not a pdf", content_type="application/pdf"),
            ],
        },
        **bearer(raw),
    )
    assert bad.status_code == 400
    assert "sahte.pdf" in bad.json()["files"][0]
    assert DocumentPage.objects.count() == pages
    assert _stored_files() == files_before  # the good file's bytes were removed again
    assert AuditRecord.objects.filter(action="api_token.use").count() == uses


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"title": 5}, "title", "metin"),
        ({"title": "x" * 300}, "title", "255"),
        ({"title": "Başlık", "publish": "evet"}, "publish", "true"),
        ({"title": "Başlık", "scope": "galaxy"}, "scope", "geçerli"),
        ({"title": "Başlık", "body": "x" * 100_001}, "body", "100000"),
        ({"title": "Başlık", "parent": 3}, "parent", "Bilinmeyen"),
        ({"title": "Başlık", "owner_body": "other"}, "owner_body", "konseye ait değil"),
        (["title"], "non_field_errors", "nesne"),
        ({}, "title", "zorunlu"),
    ],
)
def test_hostile_bodies_answer_400_in_turkish_and_write_nothing(client, cast, body, field, words):
    raw = make_token(cast.admin_a, cast.council_a)
    if isinstance(body, dict) and body.get("owner_body") == "other":
        body["owner_body"] = BodyFactory(council=cast.council_b).pk
    before = (NewsPage.objects.count(), AuditRecord.objects.count())
    response = post_json(client, news_url(cast.council_a), body, raw)
    assert response.status_code == 400, response.content
    messages = " ".join(str(m) for m in response.json()[field])
    assert words in messages, messages
    assert (NewsPage.objects.count(), AuditRecord.objects.count()) == before


def test_another_councils_page_answers_404_and_is_untouched(client, cast):
    raw = make_token(cast.admin_a, cast.council_a)
    theirs = make_news(cast.council_b, title="Çukurova haberi")
    patch = post_json(client, news_url(cast.council_a, theirs.pk), {"title": "Ele"}, raw, "patch")
    withdraw = client.post(news_url(cast.council_a, theirs.pk, "withdraw/"), **bearer(raw))
    read = client.get(news_url(cast.council_a, theirs.pk), **bearer(raw))
    assert [patch.status_code, withdraw.status_code, read.status_code] == [404, 404, 404]
    theirs.refresh_from_db()
    assert theirs.title == "Çukurova haberi" and not theirs.is_archived


def test_a_token_of_council_a_cannot_write_to_b(client, cast):
    raw = make_token(cast.admin_a, cast.council_a)
    before = (NewsPage.objects.filter(council=cast.council_b).count(), uses_of(raw).count())
    response = post_json(client, news_url(cast.council_b), {"title": "Sızma"}, raw)
    assert response.status_code == 403
    assert "kendi konseyi" in response.json()["detail"]
    assert (NewsPage.objects.filter(council=cast.council_b).count(), uses_of(raw).count()) == before


def test_scopes_content_cannot_touch_money_and_read_only_tokens_cannot_write(client, cast):
    money_url = f"/api/v1/write/councils/{cast.council_a.slug}/budget/2026/imports/"
    upload = {"file": SimpleUploadedFile("butce.csv", SAMPLE_CSV.read_bytes())}
    content = make_token(cast.admin_a, cast.council_a, "content")
    content_read = make_token(cast.admin_a, cast.council_a, "content_read")
    finance_read = make_token(cast.admin_a, cast.council_a, "finance_read")
    finance = make_token(cast.platform_admin, cast.council_a, "finance")
    news_before = NewsPage.objects.count()
    assert client.post(money_url, upload, **bearer(content)).status_code == 403
    upload["file"].seek(0)
    assert client.post(money_url, upload, **bearer(finance_read)).status_code == 403
    assert (
        post_json(client, news_url(cast.council_a), {"title": "X"}, content_read).status_code == 403
    )
    assert post_json(client, news_url(cast.council_a), {"title": "X"}, finance).status_code == 403
    assert client.get(news_url(cast.council_a), **bearer(finance)).status_code == 403
    assert client.get(news_url(cast.council_a), **bearer(content_read)).status_code == 200
    assert NewsPage.objects.count() == news_before
    assert not AuditRecord.objects.filter(action="api_token.use").exists()


def test_revoked_and_expired_tokens_stop_on_the_very_next_request(client, cast):
    raw = make_token(cast.admin_a, cast.council_a)
    assert client.get(news_url(cast.council_a), **bearer(raw)).status_code == 200
    api_token_revoke(actor=cast.admin_a, token=ApiToken.objects.get(prefix=raw.split("_")[1]))
    refused = post_json(client, news_url(cast.council_a), {"title": "Geç kaldı"}, raw)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Bu API anahtarı iptal edilmiş."
    assert refused["WWW-Authenticate"].startswith("Bearer")

    other = make_token(cast.admin_a, cast.council_a)
    assert client.get(news_url(cast.council_a), **bearer(other)).status_code == 200
    ApiToken.objects.filter(prefix=other.split("_")[1]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = client.get(news_url(cast.council_a), **bearer(other))
    assert expired.status_code == 401
    assert "süresi dolmuş" in expired.json()["detail"]
    assert not NewsPage.objects.filter(title="Geç kaldı").exists()


def test_the_token_stops_when_its_creator_loses_the_role(client, cast):
    from santral.councils.models import Membership

    raw = make_token(cast.admin_a, cast.council_a)
    assert client.get(news_url(cast.council_a), **bearer(raw)).status_code == 200
    Membership.objects.filter(user=cast.admin_a, council=cast.council_a).delete()
    response = post_json(client, news_url(cast.council_a), {"title": "X"}, raw)
    assert response.status_code == 403
    assert "yetkisi artık" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "header"),
    [
        ("?token=abc", None),
        ("?x={raw}", None),
        ("", "Basic dXNlcjpwYXNz"),
        ("", "Bearer snt_000000000000_" + "a" * 43),
        ("", "Bearer"),
        ("", None),
    ],
)
def test_bad_credentials_answer_401_in_turkish(client, cast, query, header):
    raw = make_token(cast.admin_a, cast.council_a)
    client.force_login(cast.admin_a)  # a session never opens the write API
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    if query:
        extra = bearer(raw)
    response = client.post(
        news_url(cast.council_a) + query.format(raw=raw),
        data=json.dumps({"title": "X"}),
        content_type="application/json",
        **extra,
    )
    assert response.status_code == 401, response.content
    assert response.json()["detail"]
    assert not NewsPage.objects.filter(title="X").exists()


def test_budget_files_are_staged_and_previewed_never_posted(client, cast):
    from santral.budget.models import LedgerEntry

    raw = make_token(cast.platform_admin, cast.council_a, "finance")
    url = f"/api/v1/write/councils/{cast.council_a.slug}/budget/2026/imports/"
    staged = client.post(
        url, {"file": SimpleUploadedFile("butce.csv", SAMPLE_CSV.read_bytes())}, **bearer(raw)
    )
    assert staged.status_code == 201, staged.content
    data = staged.json()
    assert data["rows"] > 0 and data["new"] == data["rows"]
    assert "mali sorumlu onaylar" in data["confirm"]
    assert not LedgerEntry.objects.filter(council=cast.council_a).exists()
    assert uses_of(raw).get().after["operation"] == "budget.import_stage"

    reader = make_token(cast.admin_a, cast.council_a, "finance_read")
    with CaptureQueriesContext(connection) as queries:
        preview = client.get(f"{url}{data['staged']}/", **bearer(reader))
    assert preview.status_code == 200, preview.content
    assert preview.json()["totals"] == data["totals"]
    assert db_writes(queries) == []
    assert client.get(f"{url}{'0' * 64}/", **bearer(reader)).status_code == 404
    broken = client.post(
        url, {"file": SimpleUploadedFile("bozuk.csv", b"Tarih;Tutar\nfoo;bar\n")}, **bearer(raw)
    )
    assert broken.status_code == 400 and broken.json()["errors"]


def test_tokens_are_never_stored_in_clear(client, cast):
    raw = make_token(cast.admin_a, cast.council_a)
    post_json(client, news_url(cast.council_a), {"title": "Bir haber"}, raw)
    secret = raw.split("_", 2)[2]
    with connection.cursor() as cursor:
        for table in ("santral_api_apitoken", "core_auditrecord"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed table names)
            for row in cursor.fetchall():
                assert not any(secret in str(value) for value in row), table
    row = ApiToken.objects.get(prefix=raw.split("_")[1])
    assert len(row.secret_hash) == 64 and row.secret_hash not in raw


def test_a_token_is_not_a_back_office_session(cast):
    from django.test import Client

    raw = make_token(cast.admin_a, cast.council_a)
    anonymous = Client()
    response = anonymous.get("/admin/", **bearer(raw))
    assert response.status_code == 302 and "login" in response["Location"]
    response = anonymous.post(
        f"/admin/api-anahtarlari/{cast.council_a.pk}/", {"action": "create"}, **bearer(raw)
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert ApiToken.objects.count() == 1


def test_the_schema_documents_the_write_api_with_the_bearer_scheme(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    schema = json.loads(response.content)
    assert "/api/v1/write/councils/{council_slug}/news/" in schema["paths"]
    assert "/api/v1/write/councils/{council_slug}/budget/{year}/imports/" in schema["paths"]
    scheme = schema["components"]["securitySchemes"]["santralToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    create = schema["paths"]["/api/v1/write/councils/{council_slug}/news/"]["post"]
    assert create["security"] == [{"santralToken": []}]
