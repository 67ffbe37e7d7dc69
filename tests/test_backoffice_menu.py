"""The back-office menu shows each role what it may do, and only that.

For every persona, the Santral entries of the main menu (submenus flattened) are exactly the
Santral back-office screens the persona may open: every shown entry opens (no 403, 404 or
"permission denied"), and every Santral entry that some role sees but this persona does
not is refused to them. Wagtail's own entries (pages, images, settings …) follow Wagtail's
permissions; only its report list is trimmed for council staff.
"""

import pytest
from wagtail.admin.menu import admin_menu

pytestmark = pytest.mark.django_db

PERSONAS = ("editor_a", "treasurer_a", "admin_a", "platform_admin", "editor_b")
# Wagtail's own screens: not Santral's to decide.
WAGTAIL = (
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/reports/",
    "/admin/redirects/",
    "/admin/sites/",
    "/admin/collections/",
    "/admin/workflows/",
    "/admin/users/",
    "/admin/groups/",
)


def _entries(request) -> dict[str, str]:
    """{url: label path} of every menu entry the request's user sees, submenus flattened."""
    found = {}

    def walk(items, prefix):
        for item in items:
            menu = getattr(item, "menu", None)
            if menu is not None:
                walk(menu.menu_items_for_request(request), f"{prefix}{item.label} / ")
            else:
                found[str(item.url)] = f"{prefix}{item.label}"

    walk(admin_menu.menu_items_for_request(request), "")
    return found


def _santral(entries: dict[str, str]) -> set[str]:
    return {url for url in entries if url.startswith("/admin/") and not url.startswith(WAGTAIL)}


def _menu_of(client, user) -> dict[str, str]:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return _entries(response.wsgi_request)


def _opens(client, url) -> bool:
    response = client.get(url, follow=True)
    final = response.request["PATH_INFO"]
    return response.status_code == 200 and final != "/admin/" and "/login/" not in final


@pytest.fixture
def menus(client, cast):
    return {name: _menu_of(client, getattr(cast, name)) for name in PERSONAS}


def test_every_persona_sees_exactly_the_santral_screens_it_may_open(client, cast, menus):
    every = set().union(*(_santral(menu) for menu in menus.values()))
    assert len(every) > 20  # the walk found the Santral entries (grouped in submenus too)
    wrong = []
    for name in PERSONAS:
        client.force_login(getattr(cast, name))
        shown = _santral(menus[name])
        for url in sorted(every):
            if _opens(client, url) != (url in shown):
                wrong.append((name, url, "shown" if url in shown else "hidden"))
    assert wrong == []


def test_an_editor_sees_about_ten_top_level_entries_and_no_admin_tools(client, cast):
    client.force_login(cast.editor_a)
    request = client.get("/admin/").wsgi_request
    top = admin_menu.menu_items_for_request(request)
    assert len(top) <= 11
    urls = _santral(_entries(request))
    assert "/admin/denetim/" not in urls and "/admin/icerik/onay/" not in urls
    assert "/admin/butce-kodlari/" not in urls


def test_a_treasurer_sees_the_budget_but_no_content_or_partner_screens(menus):
    urls = _santral(menus["treasurer_a"])
    assert "/admin/butce/" in urls
    assert not any(url.startswith(("/admin/icerik/", "/admin/paydaslar/")) for url in urls)
    assert "/admin/pages/" not in menus["treasurer_a"]


def test_council_staff_get_the_moderation_reports_only(menus):
    reports = [url for url in menus["editor_a"] if url.startswith("/admin/reports/")]
    assert sorted(reports) == ["/admin/reports/workflow/", "/admin/reports/workflow_tasks/"]
    assert "/admin/reports/site-history/" in menus["platform_admin"]
