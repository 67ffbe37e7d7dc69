"""The permission matrix: every URL pattern of the resolver, for every role.

How it works
- `_patterns()` walks `get_resolver()`: Santral's own views, the API, allauth's, Wagtail's
  admin / documents / images / snippets, the i18n-prefixed public site. Each pattern must
  match exactly one rule of `RULES` (first match wins); a pattern without a rule FAILS
  `test_every_url_pattern_has_an_expectation`, so a new URL cannot escape review. A rule
  that no longer matches any pattern fails too (the table stays honest).
- A rule says who may read (GET answers 200, or a redirect where stated) and who may
  write; everybody else must be refused: anonymous users are sent to a login page (or get
  401/403), signed-in users get 403, 404 (another council's objects answer 404), a
  redirect to a login page, or Wagtail's "permission denied" (a redirect to the admin home).
- URLs are built by filling the path converters with council A's objects (`world` in
  tests/conftest.py); `values` of a rule overrides a converter where the name is ambiguous.
  A rule with `skip` covers its patterns with a written reason instead of requests.
- For every role that may not write, the matrix also POSTs: the answer must be a refusal
  (or 405), no INSERT/UPDATE/DELETE may reach the database apart from the audit row and
  the session, and the refusal must leave exactly one `access.refused` audit row
  (santral/core/refusals.py). Read-only public pages are POSTed once, anonymously: they
  must write nothing.

Roles. Santral's own patterns (back office, public site, API) run for all eight roles:
anonymous, member, editor, treasurer, council admin of council A, council admin of council
B, institution liaison, platform admin (plus "outsider", signed in with no role). Wagtail's
and allauth's own patterns run for anonymous, member, outsider, editor and council admin
only: they are Wagtail's/allauth's code under Wagtail's permission model; the other roles
would add run time, not coverage.

Run time (about a minute per database on two cores): every refusal is checked for every
role that must be refused, because that is where holes hide; a page a role may read is
rendered for one of its readers, chosen in turn over the patterns (every reader with
SANTRAL_FULL_MATRIX=1). The English prefix "/en/" is walked by anonymous users on the
public pages (same views, same rules). MATRIX_TIMING=1 prints the slowest requests.

Adding a URL: add (or extend) a rule in `RULES` with the roles that may read and write it;
if a converter has a new name, teach `_value()` or give the rule `values`.
"""

import os
import re
import time
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------------- roles

ANON, MEMBER, EDITOR, TREASURER, ADMIN, ADMIN_B, LIAISON, PLATFORM, OUTSIDER = (
    "anonymous",
    "member",
    "editor",
    "treasurer",
    "admin",
    "admin_b",
    "liaison",
    "platform",
    "outsider",
)
ALL_ROLES = (ANON, MEMBER, EDITOR, TREASURER, ADMIN, ADMIN_B, LIAISON, PLATFORM)
THIN_ROLES = (ANON, MEMBER, OUTSIDER, EDITOR, ADMIN)
EVERYONE = frozenset(ALL_ROLES) | {OUTSIDER}
SIGNED_IN = EVERYONE - {ANON}
NOBODY: frozenset[str] = frozenset()

# Who holds what in council A (the councils' role map, restated here as the expectation).
STAFF_A = frozenset({EDITOR, TREASURER, ADMIN, PLATFORM})  # access the back office of A
STAFF_ANY = STAFF_A | {ADMIN_B}  # access some back office
CONTENT_A = frozenset({EDITOR, ADMIN, PLATFORM})  # content, partners, outreach of A
MONEY_VIEW_A = STAFF_A
MONEY_MANAGE_A = frozenset({TREASURER, PLATFORM})
ADMIN_A = frozenset({ADMIN, PLATFORM})  # profile, bodies, members, moderation of A
PLATFORM_ONLY = frozenset({PLATFORM})
PAGES_A = frozenset({EDITOR, ADMIN, PLATFORM})  # Wagtail page permissions on A's subtree
MISSING = 999999  # an id that names nothing

OK = "ok"  # 200
REDIRECT = "redirect"  # a redirect that is not a refusal (e.g. an index to its one council)
REFUSED = "refused"
NOT_ALLOWED = "405"
BAD_REQUEST = "400"


@dataclass(frozen=True)
class Rule:
    """Expectation for every pattern whose route matches `route` (a regex, from the start)."""

    route: str
    why: str
    read: frozenset = NOBODY
    write: frozenset | None = None  # defaults to `read`
    ok: tuple = (OK,)  # what "may read" looks like
    post: str = "refused"  # "refused": POST by non-writers; "readonly": anon POST writes nothing
    values: dict = field(default_factory=dict)
    skip: str = ""
    thin: bool = False  # third-party pattern: the thin role list
    post_only: bool = False  # a POST-only view: GET answers 405 (or a refusal) to everyone
    # What a POST by a non-writer may answer; 405: the view takes no POST at all.
    refusals: tuple = (REFUSED, NOT_ALLOWED)

    @property
    def writers(self) -> frozenset:
        return self.read if self.write is None else self.write


def public(route, why, *, post="readonly", ok=(OK,), values=None, thin=False):
    return Rule(route, why, read=EVERYONE, post=post, ok=ok, values=values or {}, thin=thin)


def staff(route, why, read, write=None, *, ok=(OK,), values=None, thin=False, **extra):
    return Rule(route, why, read=read, write=write, ok=ok, values=values or {}, thin=thin, **extra)


def post_only(route, why, write, *, values=None, thin=False):
    """A view that only answers POST (require_POST): who may send it."""
    return Rule(route, why, write=write, values=values or {}, thin=thin, post_only=True)


def skip(route, why, *, thin=True):
    return Rule(route, why, skip=why, thin=thin)


def wagtail(route, why, read=NOBODY, write=None, *, ok=(OK,), values=None, **extra):
    return staff(route, why, read, write, ok=ok, values=values, thin=True, **extra)


# ---------------------------------------------------------------------------------- rules

RULES: list[Rule] = [
    # --- Santral's back office (inside Wagtail's admin) ---------------------------------
    staff(
        r"admin/uyelikler/$", "members index: staff of any council", STAFF_ANY, ok=(OK, REDIRECT)
    ),
    staff(
        r"admin/uyelikler/<int:council_id>/",
        "members of A: staff read, admins change",
        STAFF_A,
        ADMIN_A,
    ),
    staff(
        r"admin/denetim/",
        "audit trail: council admins (their councils), platform admin (all); read only",
        ADMIN_A | {ADMIN_B},
        NOBODY,
    ),
    staff(r"admin/icerik/wordpress/", "WordPress import: publishers", CONTENT_A | {ADMIN_B}),
    staff(r"admin/icerik/paylasilanlar/", "shared items: publishers", CONTENT_A | {ADMIN_B}),
    staff(
        r"admin/icerik/onay/$",
        "moderation index: council admins",
        ADMIN_A | {ADMIN_B},
        ok=(OK, REDIRECT),
    ),
    staff(r"admin/icerik/onay/<int:council_id>/", "moderation of A", ADMIN_A),
    staff(
        r"admin/api-anahtarlari/$",
        "API tokens index: council admins",
        ADMIN_A | {ADMIN_B},
        ok=(OK, REDIRECT),
    ),
    staff(r"admin/api-anahtarlari/<int:council_id>/", "API tokens of A (permissions)", ADMIN_A),
    staff(
        r"admin/butce/$", "budget index: money viewers", MONEY_VIEW_A | {ADMIN_B}, ok=(OK, REDIRECT)
    ),
    staff(r"admin/butce/kod-listesi/", "official code lists: platform admin", PLATFORM_ONLY),
    staff(
        r"admin/butce/<int:council_id>/<int:year>/$",
        "budget year of A",
        MONEY_VIEW_A,
        MONEY_MANAGE_A,
    ),
    staff(
        r"admin/butce/<int:council_id>/<int:year>/harcama/<int:pk>/",
        "one expenditure of A as steps: money viewers read, treasurers act",
        MONEY_VIEW_A,
        MONEY_MANAGE_A,
        values={"pk": "expenditure"},
    ),
    staff(
        r"admin/butce/<int:council_id>/<int:year>/indir/",
        "budget exports of A (POST reads)",
        MONEY_VIEW_A,
        values={"what": "rapor.csv"},
    ),
    staff(
        r"admin/destek-yazisi/<int:pk>/",
        "a support request of A",
        CONTENT_A,
        values={"pk": "support_request"},
    ),
    staff(
        r"admin/paydas-gecmisi/<int:pk>/",
        "an organisation's history in A",
        CONTENT_A,
        values={"pk": "organisation"},
    ),
    staff(
        r"admin/ortaklik-panosu/$",
        "partnership dashboard index",
        CONTENT_A | {ADMIN_B},
        ok=(OK, REDIRECT),
    ),
    staff(r"admin/ortaklik-panosu/<int:council_id>/", "partnership dashboard of A", CONTENT_A),
    staff(
        r"admin/kaynak-plani/$", "resource plans index", CONTENT_A | {ADMIN_B}, ok=(OK, REDIRECT)
    ),
    staff(
        r"admin/kaynak-plani/<int:pk>/",
        "an event's resource plan in A",
        CONTENT_A,
        values={"pk": "event"},
    ),
    staff(
        r"admin/kaynak-plani/kalem/<int:pk>/",
        "a resource line of A",
        CONTENT_A,
        values={"pk": "resource_line"},
    ),
    staff(
        r"admin/kaynaklar/$",
        "harvest sources index: council admins",
        ADMIN_A | {ADMIN_B},
        ok=(OK, REDIRECT),
    ),
    staff(r"admin/kaynaklar/merkez/", "hub harvest sources: platform admin", PLATFORM_ONLY),
    post_only(
        r"admin/kaynaklar/kaynak/<int:pk>/calistir/",
        "run a source of A now",
        ADMIN_A,
        values={"pk": "source"},
    ),
    staff(r"admin/kaynaklar/kaynak/<int:pk>/", "a source of A", ADMIN_A, values={"pk": "source"}),
    staff(r"admin/kaynaklar/<int:council_id>/", "harvest sources of A", ADMIN_A),
    staff(r"admin/iletisim/$", "outreach index", CONTENT_A | {ADMIN_B}, ok=(OK, REDIRECT)),
    post_only(
        r"admin/iletisim/<int:council_id>/(kitleler/varsayilan|katilim/<int:record_id>/sil|"
        r"bultenler/<int:newsletter_id>/(gonder|icerik|deneme))/",
        "outreach actions of A",
        CONTENT_A,
    ),
    staff(r"admin/iletisim/<int:council_id>/", "outreach of A", CONTENT_A),
    # Santral's own ModelViewSets (Wagtail generic views with Santral's permission policies)
    staff(r"admin/konseyler/(results/)?$", "councils list: staff", STAFF_ANY, NOBODY),
    staff(r"admin/konseyler/new/", "new council: platform admin", PLATFORM_ONLY),
    staff(
        r"admin/konseyler/edit/", "A's profile: council admin", ADMIN_A, values={"pk": "council"}
    ),
    staff(
        r"admin/konseyler/delete/",
        "delete a council: platform admin",
        PLATFORM_ONLY,
        values={"pk": "council"},
    ),
    staff(
        r"admin/konseyler/(history|history-results|usage)/",
        "A's history",
        STAFF_A,
        NOBODY,
        values={"pk": "council"},
    ),
    staff(r"admin/kurullar/(results/)?$", "bodies list: staff", STAFF_ANY, NOBODY),
    staff(r"admin/kurullar/new/", "new body: council admins", ADMIN_A | {ADMIN_B}),
    staff(
        r"admin/kurullar/(edit|delete)/",
        "a body of A: council admin",
        ADMIN_A,
        values={"pk": "body"},
    ),
    staff(
        r"admin/kurullar/(history|history-results|usage)/",
        "a body's history: managers",
        ADMIN_A,
        NOBODY,
        values={"pk": "body"},
    ),
    staff(
        r"admin/butce-kodlari/delete/",
        "codes are deactivated, never deleted",
        NOBODY,
        values={"pk": "code"},
    ),
    staff(
        r"admin/butce-kodlari/",
        "classification codes: platform admin",
        PLATFORM_ONLY,
        values={"pk": "code"},
    ),
    staff(r"admin/paydaslar/(results/)?$", "organisations list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/paydaslar/new/", "new organisation", CONTENT_A | {ADMIN_B}),
    staff(
        r"admin/paydaslar/delete/",
        "delete an organisation: platform admin",
        PLATFORM_ONLY,
        values={"pk": "organisation"},
    ),
    staff(
        r"admin/paydaslar/", "an organisation owned by A", CONTENT_A, values={"pk": "organisation"}
    ),
    staff(r"admin/paydasliklar/(results/)?$", "affiliations list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/paydasliklar/new/", "new affiliation", CONTENT_A | {ADMIN_B}),
    staff(r"admin/paydasliklar/", "an affiliation of A", CONTENT_A, values={"pk": "affiliation"}),
    staff(r"admin/iletisim-kisileri/(results/)?$", "contacts list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/iletisim-kisileri/new/", "new contact", CONTENT_A | {ADMIN_B}),
    staff(r"admin/iletisim-kisileri/", "a contact of A", CONTENT_A, values={"pk": "contact"}),
    staff(r"admin/irtibat-kisileri/(results/)?$", "liaisons list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/irtibat-kisileri/new/", "new liaison", CONTENT_A | {ADMIN_B}),
    staff(
        r"admin/irtibat-kisileri/edit/",
        "liaisons are added and removed, not edited",
        NOBODY,
        values={"pk": "liaison_link"},
    ),
    staff(r"admin/irtibat-kisileri/", "a liaison of A", CONTENT_A, values={"pk": "liaison_link"}),
    staff(r"admin/ortak-projeler/(results/)?$", "projects list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/ortak-projeler/new/", "new project", CONTENT_A | {ADMIN_B}),
    staff(r"admin/ortak-projeler/", "a project of A", CONTENT_A, values={"pk": "project"}),
    staff(
        r"admin/toplantilar/$",
        "meetings index: secretariat of any council",
        CONTENT_A | {ADMIN_B},
        NOBODY,
    ),
    staff(
        r"admin/toplantilar/yeni/", "new meeting: secretariat of any council", CONTENT_A | {ADMIN_B}
    ),
    staff(
        r"admin/(toplantilar|tavsiyeler)/<int:pk>/",
        "a meeting or recommendation (the world has none: 404 for everyone; "
        "santral/decisions/tests/test_backoffice.py covers council scoping)",
        NOBODY,
        values={"pk": MISSING},
    ),
    staff(r"admin/destek-yazilari/(results/)?$", "requests list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/destek-yazilari/new/", "new request", CONTENT_A | {ADMIN_B}),
    staff(r"admin/destek-yazilari/", "a request of A", CONTENT_A, values={"pk": "support_request"}),
    staff(r"admin/yazi-antetleri/(results/)?$", "letterheads list", CONTENT_A | {ADMIN_B}, NOBODY),
    staff(r"admin/yazi-antetleri/new/", "new letterhead", CONTENT_A | {ADMIN_B}),
    staff(
        r"admin/yazi-antetleri/delete/",
        "letterheads are never deleted (was: anyone's)",
        NOBODY,
        values={"pk": "letterhead"},
    ),
    staff(r"admin/yazi-antetleri/", "A's letterhead", CONTENT_A, values={"pk": "letterhead"}),
    staff(
        r"admin/acik-riza-metinleri/(edit|delete|usage)/",
        "consent texts never change",
        NOBODY,
        values={"pk": "consent"},
    ),
    staff(
        r"admin/acik-riza-metinleri/",
        "consent texts: platform admin",
        PLATFORM_ONLY,
        values={"pk": "consent"},
    ),
    # --- The API (read-only, public) ------------------------------------------------------
    public(
        r"api/v1/councils/<slug:slug>/budget/",
        "budget API: public when published",
        values={"slug": "council.slug", "year": 2026},
    ),
    public(
        r"api/v1/stakeholders/<slug:slug>/",
        "a public stakeholder",
        values={"slug": "organisation.slug"},
    ),
    public(
        r"api/v1/councils/<slug:council_slug>/projects/<slug:slug>/",
        "a public project",
        values={"slug": "project.slug"},
    ),
    public(
        r"api/v1/councils/<slug:slug>/representation/",
        "representation API",
        values={"slug": "council.slug"},
    ),
    staff(
        r"api/v1/write/",
        "write API: a council API token only; every session is refused (401)",
        NOBODY,
        values={"staged": "0" * 64},
    ),
    public(r"api/", "public read-only API"),
    # --- Public site ----------------------------------------------------------------------
    public(
        r"<slug:slug>/butce/<int:year>/rapor",
        "public budget export",
        values={"slug": "council.slug", "fmt": "csv"},
    ),
    staff(
        r"<slug:slug>/butce/<int:year>/defter",
        "ledger download: public only with transparency 'lines'; A shows totals",
        MONEY_VIEW_A,
        values={"slug": "council.slug", "fmt": "csv"},
    ),
    public(r"<slug:slug>/butce/", "public budget", values={"slug": "council.slug"}),
    # Open data (santral/opendata): public pages, catalogue files and downloads.
    public(
        r"<slug:slug>/(acik-veri|katalog)",
        "open-data pages and council catalogue",
        values={"slug": "council.slug", "key": "etkinlikler", "fmt": "jsonld"},
    ),
    public(r"(acik-veri/|katalog\.)", "open-data hub and catalogue", values={"fmt": "jsonld"}),
    public(
        r"<slug:council_slug>/(etkinlikler|yayinlar)\.",
        "open-data downloads",
        values={"fmt": "csv"},
    ),
    public(
        r"<slug:council_slug>/etkinlikler/<slug:event_slug>\.ics",
        "one public event as .ics (add to calendar)",
        values={"event_slug": "event.slug"},
    ),
    skip(
        r"etkinlikler/<slug:event_slug>\.ics",
        "a hub event as .ics: the world has no hub event; "
        "santral/events/tests/test_event_page_links.py covers it (public, 404 when internal)",
    ),
    public(r"paydaslar/<slug:slug>/", "public stakeholder", values={"slug": "organisation.slug"}),
    public(
        r"<slug:council_slug>/projeler/<slug:slug>/",
        "public project",
        values={"slug": "project.slug"},
    ),
    post_only(
        r"<slug:council_slug>/paylas/",
        "reshare a page: publishers of the council",
        CONTENT_A,
        values={"page_id": "news"},
    ),
    public(r"<slug:council_slug>/bulten/$", "subscribe form (anyone may write)", post="open"),
    public(
        r"<slug:council_slug>/bulten/onay/",
        "confirm link (token; GET only shows)",
        post="open",
        values={"token": "subscriber.confirm_token"},
    ),
    public(
        r"<slug:council_slug>/bulten/ayril/",
        "unsubscribe link (token)",
        post="open",
        values={"token": "subscriber.unsubscribe_token"},
    ),
    # The old /konseyler/<slug>/… addresses answer a permanent redirect to /<slug>/….
    public(
        r"konseyler/<slug:slug>/",
        "old council address: 301 (308 for POST) to the new one",
        ok=(REDIRECT,),
        values={"slug": "council.slug", "rest": "butce/2026/"},
    ),
    staff(r"kurum-paneli/$", "liaison dashboard", frozenset({LIAISON})),
    post_only(
        r"kurum-paneli/yazilar/<int:pk>/(yanit|taahhut)/",
        "liaison answers",
        frozenset({LIAISON}),
        values={"pk": "support_request"},
    ),
    staff(
        r"kurum-paneli/yazilar/",
        "a request to the liaison (POST reads)",
        frozenset({LIAISON}),
        values={"pk": "support_request"},
    ),
    public(r"gorunum/", "display preference (writes a cookie only)", post="open"),
    skip(
        r"tasarim/",
        "living style page: only with DEBUG, 404 otherwise (santral/core/tests/test_design.py)",
    ),
    staff(r"hesap/oturumlar/", "one's own sessions: sign out the others", SIGNED_IN),
    staff(r"hesabim/$", "member area: one's own registrations, subscriptions", SIGNED_IN, NOBODY),
    staff(r"hesabim/verilerim/$", "my data (KVKK): one's own, read only", SIGNED_IN, NOBODY),
    post_only(r"hesabim/verilerim/silme-talebi/", "ask for one's own erasure", SIGNED_IN),
    public(r"gizlilik/$", "the platform's privacy notice"),
    skip(
        r"gizlilik/(metin|riza)/",
        "a notice version is public; withdrawing a consent takes its secret token (404 "
        "otherwise): both in tests/test_privacy_consent.py",
        thin=False,
    ),
    staff(r"gizlilik/talepler/$", "erasure requests: platform admins", PLATFORM_ONLY),
    post_only(
        r"gizlilik/talepler/<int:pk>/",
        "answer an erasure request",
        PLATFORM_ONLY,
        values={"pk": MISSING},
    ),
    post_only(
        r"hesabim/kayitlar/<int:pk>/iptal/",
        "cancel one's own registration (others' answer 404)",
        NOBODY,
        values={"pk": MISSING},
    ),
    public(r"arama/", "search"),
    skip(
        r"(healthz|readyz)$",
        "operations probes for load balancers (docs/deploy.md): anyone, no data; "
        "santral/ops/tests/test_health.py covers both (200, and 503 when a service is down)",
    ),
    skip(
        r"metrics$",
        "Prometheus metrics: only allowed addresses or the bearer token, 404 otherwise; "
        "santral/ops/tests/test_metrics.py covers who may read them",
    ),
    public(r"(robots\.txt|erisilebilirlik/)", "robots.txt and the accessibility statement"),
    public(r"<slug:council_slug>/aydinlatma-metni/", "a council's privacy notice"),
    public(
        r"<slug:council_slug>/iletisim/$",
        "contact form (anyone may write; rate-limited, mails the council, stores nothing)",
        post="open",
    ),
    public(r"<slug:council_slug>/iletisim/gonderildi/", "contact form: thank-you page"),
    skip(
        r"<slug:council_slug>/kararlar/<int:pk>/",
        "a public recommendation: the world has none; santral/decisions/tests/test_public.py "
        "covers it (public; 404 when its meeting is closed or the id belongs to another council)",
    ),
    public(
        r"(konseyler|paydaslar|haberler|belgeler|yayinlar|paylasilanlar|akis|sitemap|"
        r"etkinlikler|kararlar|<slug:council_slug>/)",
        "public pages",
    ),
    # --- Wagtail's own admin ----------------------------------------------------------------
    wagtail(r"admin/$", "dashboard: staff", STAFF_ANY - {ADMIN_B} | {ADMIN}, NOBODY),
    wagtail(
        r"admin/login/",
        "Wagtail's login leads to allauth's (password, then TOTP)",
        EVERYONE,
        EVERYONE,
        ok=(OK, REDIRECT, REFUSED),
    ),
    skip(
        r"admin/password_reset/",
        "Wagtail's password reset is switched off (WAGTAIL_PASSWORD_RESET_ENABLED = False; "
        "allauth's reset is the one flow): every method answers 404 — "
        "santral/councils/tests/test_two_factor.py covers the reset",
    ),
    wagtail(r"admin/jsi18n/", "translations for scripts", EVERYONE, EVERYONE),
    post_only(r"admin/logout/", "sign out", SIGNED_IN, thin=True),
    post_only(
        r"admin/api/main/\^pages/<int:pk>/action/",
        "page actions API (copy A's page)",
        PAGES_A,
        values={"action_name": "copy"},
        thin=True,
    ),
    wagtail(r"admin/api/main/\^\w+/find/", "admin API lookups (need an id: 404)", NOBODY, NOBODY),
    wagtail(r"admin/api/main/", "admin API behind the choosers", PAGES_A, NOBODY),
    wagtail(
        r"admin/pages/workflow/confirm_cancellation/", "cancel a workflow (a confirmation)", PAGES_A
    ),
    wagtail(
        r"admin/pages/workflow/",
        "a workflow step (none in progress: 404)",
        NOBODY,
        values={"task_state_id": MISSING, "action_name": "approve", "task_id": MISSING},
    ),
    wagtail(
        r"admin/pages/<int:page_id>/revisions/<int:revision_id>/",
        "a revision of A's page",
        PAGES_A,
        values={"revision_id": "news.latest_revision_id"},
    ),
    wagtail(
        r"admin/pages/\^\(\?P<pk>",
        "revision comparison of A's page",
        PAGES_A,
        NOBODY,
        values={"url": "/admin/pages/{news.pk}/revisions/compare/earliest...latest/"},
    ),
    wagtail(
        r"admin/pages/<int:page_id>/workflow_history/detail/",
        "a workflow run (none)",
        NOBODY,
        values={"workflow_state_id": MISSING},
    ),
    post_only(
        r"admin/pages/<int:page_id>/(lock|unlock)/",
        "lock A's page: council admin",
        frozenset({ADMIN, PLATFORM}),
        thin=True,
    ),
    post_only(
        r"admin/pages/<int:page_to_move_id>/set_position/", "reorder A's pages", PAGES_A, thin=True
    ),
    wagtail(
        r"admin/pages/<int:page_id>/convert_alias/", "convert an alias (A's page is none)", NOBODY
    ),
    wagtail(
        r"admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        "move inside A",
        PAGES_A,
    ),
    wagtail(r"admin/pages/", "page explorer and editor on A's subtree", PAGES_A, ok=(OK, REDIRECT)),
    wagtail(
        r"admin/bulk/",
        "bulk actions (no such action for pages: 404)",
        NOBODY,
        values={"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
    ),
    wagtail(r"admin/choose-", "page and link choosers", PAGES_A),
    wagtail(
        r"admin/tag-autocomplete/<slug:app_name>/", "tag autocomplete (news has no tags)", NOBODY
    ),
    wagtail(r"admin/tag-autocomplete/", "tag autocomplete", PAGES_A),
    wagtail(r"admin/collections/", "collections: platform admin", PLATFORM_ONLY),
    post_only(
        r"admin/workflows/(remove|enable|tasks/enable)/",
        "workflows: platform admin",
        PLATFORM_ONLY,
        values={"workflow_pk": "workflow"},
        thin=True,
    ),
    wagtail(
        r"admin/workflows/task_chooser/(results/|<int:task_id>/)?$",
        "task chooser (lists task names)",
        PAGES_A,
        values={"task_id": "task"},
    ),
    wagtail(
        r"admin/workflows/task_chooser/create/",
        "task chooser: creating needs 'add task'",
        PAGES_A,
        PLATFORM_ONLY,
        refusals=(REFUSED, NOT_ALLOWED, BAD_REQUEST),
    ),
    wagtail(
        r"admin/workflows/tasks/add/",
        "workflow tasks",
        PLATFORM_ONLY,
        values={"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    ),
    wagtail(r"admin/workflows/tasks/", "workflow tasks", PLATFORM_ONLY, values={"pk": "task"}),
    wagtail(r"admin/workflows/", "workflows: platform admin", PLATFORM_ONLY),
    wagtail(
        r"admin/reports/locked/", "locked pages: those who may unlock", frozenset({ADMIN, PLATFORM})
    ),
    wagtail(r"admin/reports/", "Wagtail reports", PAGES_A),
    wagtail(r"admin/account/", "own account settings", PAGES_A | {TREASURER}),
    wagtail(r"admin/dismissibles/", "dismissed hints", PAGES_A | {TREASURER}),
    post_only(
        r"admin/editing-sessions/ping/",
        "editing session of A's page",
        PAGES_A,
        values={
            "app_label": "wagtailcore",
            "model_name": "page",
            "object_id": "news",
            "session_id": MISSING,
        },
        thin=True,
    ),
    post_only(
        r"admin/editing-sessions/release/",
        "release an editing session (own only)",
        PAGES_A,
        values={"session_id": MISSING},
        thin=True,
    ),
    wagtail(r"admin/block-preview/", "block preview (needs a block id: 404)", NOBODY),
    wagtail(r"admin/forms/submissions/", "form submissions (A's page is no form)", NOBODY),
    wagtail(r"admin/forms/", "form pages", PAGES_A),
    wagtail(
        r"admin/redirects/<int:redirect_id>/", "site-wide redirects: platform admin", PLATFORM_ONLY
    ),
    wagtail(r"admin/redirects/", "site-wide redirects: platform admin", PLATFORM_ONLY),
    wagtail(
        r"admin/settings/",
        "no setting models are registered",
        NOBODY,
        values={"app_name": "content", "model_name": "topic", "pk": MISSING},
    ),
    wagtail(r"admin/embeds/", "embed chooser", PAGES_A),
    wagtail(
        r"admin/snippets/choose/content/topic/create/",
        "new shared topic: platform admin",
        PLATFORM_ONLY,
    ),
    wagtail(r"admin/snippets/choose/", "shared topics chooser", PAGES_A),
    wagtail(r"admin/snippets/", "shared topics (snippets): platform admin", PLATFORM_ONLY),
    post_only(
        r"admin/documents/multiple/(create_from_uploaded_document|delete_upload)/",
        "an upload in progress",
        PAGES_A,
        values={"uploaded_file_id": MISSING},
        thin=True,
    ),
    post_only(
        r"admin/documents/multiple/<int:doc_id>/",
        "edit an upload (someone else's)",
        PLATFORM_ONLY,
        thin=True,
    ),
    wagtail(
        r"admin/documents/(edit|delete|usage|chooser/chosen)/",
        "a document another user uploaded",
        PLATFORM_ONLY,
    ),
    wagtail(r"admin/documents/", "documents", PAGES_A),
    post_only(
        r"admin/images/multiple/(create_from_uploaded_image|delete_upload)/",
        "an upload in progress",
        PAGES_A,
        values={"uploaded_file_id": MISSING},
        thin=True,
    ),
    wagtail(
        r"admin/images/<int:image_id>/preview/",
        "preview of an image of another user",
        PLATFORM_ONLY,
        values={"filter_spec": "original"},
    ),
    post_only(
        r"admin/images/multiple/<int:image_id>/",
        "edit an upload (someone else's)",
        PLATFORM_ONLY,
        thin=True,
    ),
    wagtail(
        r"admin/images/<int:image_id>/generate_url/", "URL generator (no dynamic serving)", NOBODY
    ),
    wagtail(
        r"admin/images/(<int:image_id>/|usage/|chooser/chosen/|chooser/<int:image_id>/)",
        "an image another user uploaded",
        PLATFORM_ONLY,
    ),
    wagtail(r"admin/images/", "images", PAGES_A),
    wagtail(r"admin/sites/", "sites: platform admin", PLATFORM_ONLY),
    wagtail(r"admin/users/", "users: platform admin", PLATFORM_ONLY),
    wagtail(r"admin/groups/", "groups: platform admin", PLATFORM_ONLY),
    wagtail(r"admin/sprite/", "icon sprite", EVERYONE, EVERYONE),
    # --- Wagtail's public views -------------------------------------------------------------
    public(
        r"documents/\^",
        "a document of a published page",
        values={"url": "/documents/{document.pk}/{document.filename}"},
        thin=True,
    ),
    skip(
        r"documents/authenticate_with_password/",
        "needs a password-restricted collection; Santral sets none (Wagtail's own view)",
    ),
    skip(
        r"_util/authenticate_with_password/",
        "needs a password-restricted page; Santral sets none (Wagtail's own view)",
    ),
    public(r"_util/login/", "Wagtail's login for private pages", post="open", thin=True),
    public(
        r"\^\(\(\?:",
        "Wagtail pages (hub, council home, news)",
        thin=False,
        values={"url": "{news.url}"},
    ),
    # --- allauth ----------------------------------------------------------------------------
    public(
        r"accounts/(\^confirm-email|\^password/reset)",
        "links with a key (a wrong key: 404)",
        post="open",
        ok=(OK, REDIRECT, REFUSED),
        thin=True,
        values={"key": "yanlis-anahtar", "uidb36": "1"},
    ),
    public(
        r"accounts/login/code/confirm/",
        "confirm a sign-in code: with no sign-in under way it leads back to the sign-in page",
        post="open",
        ok=(OK, REDIRECT, REFUSED),
        thin=True,
    ),
    public(
        r"accounts/(login|signup|password/reset|confirm-email|inactive|login/code)",
        "sign-in and sign-up pages",
        post="open",
        ok=(OK, REDIRECT),
        thin=True,
        values={"key": "yanlis-anahtar", "uidb36": "1"},
    ),
    public(
        r"accounts/logout/",
        "sign out (anonymous users are sent home)",
        post="open",
        ok=(OK, REDIRECT),
        thin=True,
    ),
    staff(
        r"accounts/2fa/",
        "own two-factor pages (answers depend on one's authenticators)",
        SIGNED_IN,
        ok=(OK, REDIRECT, REFUSED),
        thin=True,
    ),
    staff(
        r"accounts/",
        "own account and two-factor pages",
        SIGNED_IN,
        SIGNED_IN,
        ok=(OK, REDIRECT),
        thin=True,
    ),
    skip(r"admin/failwhale/", "raises on purpose (Wagtail's error test)"),
    skip(r"admin/test404/", "Wagtail's 404 template test view"),
    skip(r"admin/\^\.\*/\$", "catch-all 404 of the admin"),
]


# --------------------------------------------------------------------------- the walking


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str
    i18n: bool


def _walk(patterns, prefix="", namespace="", i18n=False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner_ns = namespace
            if pattern.namespace:
                inner_ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(
                pattern.url_patterns,
                prefix
                + (
                    "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
                ),
                inner_ns,
                i18n or isinstance(pattern.pattern, LocalePrefixPattern),
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Pattern(prefix + str(pattern.pattern), name, i18n)


def _patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns))


def _rule_for(pattern: Pattern) -> Rule | None:
    for rule in RULES:
        if re.match(rule.route, pattern.route):
            return rule
    return None


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")

# `pk` by the viewset it belongs to (when a rule does not say).
PK_BY_PREFIX = {
    "admin/konseyler/": "council",
    "admin/kurullar/": "body",
    "admin/butce-kodlari/": "code",
    "admin/paydaslar/": "organisation",
    "admin/paydasliklar/": "affiliation",
    "admin/iletisim-kisileri/": "contact",
    "admin/irtibat-kisileri/": "liaison_link",
    "admin/ortak-projeler/": "project",
    "admin/destek-yazilari/": "support_request",
    "admin/yazi-antetleri/": "letterhead",
    "admin/acik-riza-metinleri/": "consent",
    "admin/collections/": "collection",
    "admin/workflows/": "workflow",
    "admin/workflows/tasks/": "task",
    "admin/sites/": "site",
    "admin/users/": "user",
    "admin/groups/": "group",
    "admin/snippets/content/topic/": "content_topic",
    "admin/snippets/choose/content/topic/": "content_topic",
    "admin/documents/chooser/": "document",
    "admin/images/chooser/": "image",
    "admin/api/main/^pages/": "news",
    "admin/api/main/^documents/": "document",
    "admin/api/main/^images/": "image",
}
# Converters with the same meaning wherever they appear.
BY_NAME = {
    "council_id": "council",
    "council_slug": "council.slug",
    "year": 2026,
    "page_id": "news",
    "parent_page_id": "home",
    "page_to_move_id": "news",
    "destination_id": "home",
    "page_pk": "news",
    "audience_id": "audience",
    "record_id": "record",
    "plan_id": "plan",
    "action_id": "action",
    "newsletter_id": "newsletter",
    "message_id": "gateway",
    "event_id": "event",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "collection_id": "collection",
    "redirect_id": "redirect",
    "app_label": "content",
    "app_name": "content",
    "content_type_app_name": "content",
    "model_name": "newspage",
    "content_type_model_name": "newspage",
}


def _resolve_value(spec, world):
    if not isinstance(spec, str):
        return spec
    head, _, attr = spec.partition(".")
    if head not in world.objects:
        return spec
    return getattr(world[head], attr or "pk")


def _value(name: str, pattern: Pattern, rule: Rule, world):
    if name in rule.values:
        return _resolve_value(rule.values[name], world)
    if name == "pk":
        for prefix, key in sorted(PK_BY_PREFIX.items(), key=lambda item: -len(item[0])):
            if pattern.route.startswith(prefix):
                return world[key].pk
    if name in BY_NAME:
        return _resolve_value(BY_NAME[name], world)
    raise KeyError(f"{pattern.route}: no value for <{name}>; add it to the rule's values")


def _url(pattern: Pattern, rule: Rule, world) -> str:
    if "url" in rule.values:
        return rule.values["url"].format(**world.objects)
    route = pattern.route.replace("^", "").replace("$", "")

    def fill(match):
        return str(_value(match.group(2), pattern, rule, world))

    route = _NAMED_GROUP.sub(lambda m: str(_value(m.group(1), pattern, rule, world)), route)
    route = _CONVERTER.sub(fill, route)
    return "/" + route.replace("\\", "")


# ------------------------------------------------------------------------------ the roles


def _user(role: str, world):
    cast = world.cast
    return {
        ANON: None,
        MEMBER: cast.member_a,
        EDITOR: cast.editor_a,
        TREASURER: cast.treasurer_a,
        ADMIN: cast.admin_a,
        ADMIN_B: world.admin_b,
        LIAISON: world.liaison,
        PLATFORM: cast.platform_admin,
        OUTSIDER: cast.outsider,
    }[role]


_REFUSAL_TARGETS = {
    "account_login",
    "wagtailadmin_login",
    "wagtailadmin_home",
    "mfa_activate_totp",
    "mfa_authenticate",
}


def _outcome(response) -> str:
    status = response.status_code
    if status == 200:
        return OK
    if status in (401, 403, 404):
        return REFUSED
    if status in (400, 405):
        return str(status)
    if status in (301, 302, 303, 307, 308):
        from urllib.parse import urlsplit

        from django.urls import Resolver404, resolve

        try:
            target = resolve(urlsplit(response["Location"]).path).url_name
        except Resolver404:
            target = None
        return REFUSED if target in _REFUSAL_TARGETS else REDIRECT
    return f"status {status}"


def _expected(rule: Rule, role: str) -> tuple:
    if rule.post_only:
        return (NOT_ALLOWED, REFUSED)
    return rule.ok if role in rule.read else (REFUSED,)


_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_ALLOWED_WRITES = ("core_auditrecord", "django_session")


def _writes(queries) -> list[str]:
    found = []
    for query in queries:
        sql = query["sql"]
        if _WRITE.match(sql) and not any(table in sql.split("(")[0] for table in _ALLOWED_WRITES):
            found.append(sql[:160])
    return found


def _post_refused(client, url, role, refusals) -> list[str]:
    """POST as a role that may not write: a refusal, nothing written, one audit row."""
    from santral.core.models import AuditRecord

    last = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {})
    problems = []
    outcome = _outcome(response)
    if outcome not in refusals:
        problems.append(f"POST {url} as {role}: {response.status_code} ({outcome}), not refused")
    writes = _writes(queries.captured_queries)
    if writes:
        problems.append(f"POST {url} as {role} wrote: {writes}")
    if outcome == REFUSED:
        rows = list(AuditRecord.objects.filter(pk__gt=last, action="access.refused"))
        if len(rows) != 1 or rows[0].target_repr != f"POST {url}":
            problems.append(f"POST {url} as {role}: audit rows {[r.target_repr for r in rows]}")
    return problems


def _post_readonly(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {})
    problems = []
    if response.status_code >= 500:
        problems.append(f"POST {url} anonymously: {response.status_code}")
    writes = _writes(queries.captured_queries)
    if writes:
        problems.append(f"POST {url} anonymously wrote: {writes}")
    return problems


# ------------------------------------------------------------------------------ the tests


def test_every_url_pattern_has_an_expectation():
    patterns = _patterns()
    assert len(patterns) > 300, len(patterns)
    missing = [p.route for p in patterns if _rule_for(p) is None]
    assert not missing, f"{len(missing)} URL patterns have no rule in RULES:\n" + "\n".join(missing)
    used = {id(_rule_for(p)) for p in patterns}
    unused = [rule.route for rule in RULES if id(rule) not in used]
    assert not unused, f"rules that match no URL pattern: {unused}"


@dataclass(frozen=True)
class Check:
    role: str
    pattern: Pattern
    rule: Rule
    url: str
    get: bool
    post: str  # "refused", "readonly" or ""


def _plan(world) -> tuple[list[Check], list[str]]:
    """Every (role, pattern) pair to check, and the patterns whose URL cannot be built.

    Refusals are checked for every role that must be refused. A page that a role may read is
    checked for one of its readers, chosen in turn (all of them with SANTRAL_FULL_MATRIX=1):
    the readers share one code path, the refusals are where holes hide, and rendering every
    back-office page for every reader would cost minutes.
    """
    full = bool(os.environ.get("SANTRAL_FULL_MATRIX"))
    checks, problems = [], []
    for index, pattern in enumerate(_patterns()):
        rule = _rule_for(pattern)
        if rule is None or rule.skip:
            continue
        try:
            url = _url(pattern, rule, world)
        except KeyError as error:
            problems.append(str(error))
            continue
        roles = THIN_ROLES if rule.thin else ALL_ROLES
        readers = [role for role in roles if role in rule.read and not rule.post_only]
        sampled = readers[index % len(readers)] if readers else None
        for role in roles:
            get = full or role == sampled or role not in readers
            post = ""
            if rule.post == "refused" and role not in rule.writers:
                post = "refused"
            elif rule.post == "readonly" and role == ANON:
                post = "readonly"
            if get or post:
                checks.append(Check(role, pattern, rule, url, get, post))
    return checks, problems


def test_permission_matrix(client, world, settings):
    settings.SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE = 0  # record every refusal here
    checks, problems = _plan(world)
    assert not problems, "\n".join(problems)
    timings = []
    cpu = time.process_time()
    for role in (*ALL_ROLES, OUTSIDER):
        user = _user(role, world)
        client.logout()
        if user is not None:
            client.force_login(user)
        for check in (check for check in checks if check.role == role):
            started = time.perf_counter()
            problems.extend(_run(client, check))
            if user is not None and "logout" in check.pattern.route:
                client.force_login(user)
            timings.append((time.perf_counter() - started, role, check.url))
    if os.environ.get("MATRIX_TIMING"):
        wall = sum(seconds for seconds, *_ in timings)
        print(f"{len(checks)} checks, {wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
        for seconds, role, url in sorted(timings, reverse=True)[:25]:
            print(f"{seconds:6.3f} {role:10} {url}")
    if os.environ.get("MATRIX_DUMP"):
        with open(os.environ["MATRIX_DUMP"], "w") as dump:
            dump.write("\n".join(problems))
    assert len(checks) > 1000
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _run(client, check: Check) -> list[str]:
    problems = []
    rule, role, url = check.rule, check.role, check.url
    if check.get:
        english = check.pattern.i18n and role == ANON and EVERYONE <= rule.read
        prefixes = ["", "/en"] if english else [""]
        for prefix in prefixes:
            response = client.get(prefix + url)
            outcome = _outcome(response)
            if outcome not in _expected(rule, role):
                problems.append(
                    f"GET {prefix + url} as {role}: {response.status_code} {outcome}, "
                    f"expected {_expected(rule, role)} ({rule.why})"
                )
    if check.post == "refused":
        problems.extend(_post_refused(client, url, role, rule.refusals))
    elif check.post == "readonly":
        problems.extend(_post_readonly(client, url))
    return problems


# ------------------------------------------------ holes the matrix found (regression tests)


def test_another_councils_admin_cannot_delete_a_letterhead(client, world):
    """Wagtail served its own, unscoped delete view although the viewset disabled it."""
    from santral.partners.models import CouncilLetterhead

    letterhead = world["letterhead"]
    client.force_login(world.admin_b)
    response = client.post(f"/admin/yazi-antetleri/delete/{letterhead.pk}/")
    assert response.status_code == 404
    assert CouncilLetterhead.objects.filter(pk=letterhead.pk).exists()


def test_liaisons_cannot_be_edited_through_wagtails_own_edit_view(client, world):
    liaison = world["liaison_link"]
    for user in (world.admin_b, world.cast.admin_a):
        client.force_login(user)
        response = client.post(
            f"/admin/irtibat-kisileri/edit/{liaison.pk}/",
            {"council": world.cast.council_b.pk, "organisation": liaison.organisation_id},
        )
        assert response.status_code == 404
    liaison.refresh_from_db()
    assert liaison.council_id == world.cast.council_a.pk


@pytest.mark.parametrize(
    "prefix, key",
    [
        ("konseyler", "council"),
        ("kurullar", "body"),
        ("paydaslar", "organisation"),
        ("paydasliklar", "affiliation"),
        ("iletisim-kisileri", "contact"),
        ("irtibat-kisileri", "liaison_link"),
        ("ortak-projeler", "project"),
        ("destek-yazilari", "support_request"),
    ],
)
def test_history_and_usage_of_another_councils_object_answer_404(client, world, prefix, key):
    client.force_login(world.admin_b)
    pk = world[key].pk
    for page in ("history", "history-results", "usage"):
        assert client.get(f"/admin/{prefix}/{page}/{pk}/").status_code == 404, page
    client.force_login(world.cast.platform_admin)
    assert client.get(f"/admin/{prefix}/history/{pk}/").status_code == 200
