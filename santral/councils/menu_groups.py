"""The back-office main menu, arranged by task.

Each app registers its menu items with `is_shown` asking the same predicate its view checks
(so a role sees an entry exactly when it may open it). Here the entries that are shown are
grouped into a few submenus by task, so an editor sees about ten top-level entries instead
of twenty-five; a submenu none of whose entries is shown disappears. Grouping goes by URL
(stable in every interface language), not by label.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from .permissions import is_platform_admin

# (name, label, icon, order, URL prefixes of the entries it holds)
MENU_GROUPS = (
    (
        "santral-content-tools",
        _("İçerik araçları"),
        "doc-full",
        205,
        ("/icerik/wordpress/", "/icerik/paylasilanlar/"),
    ),
    ("santral-budget", _("Bütçe"), "table", 230, ("/butce/", "/butce-kodlari/")),
    (
        "santral-partners",
        _("Paydaşlar"),
        "group",
        250,
        (
            "/ortaklik-panosu/",
            "/kaynak-plani/",
            "/paydaslar/",
            "/paydasliklar/",
            "/iletisim-kisileri/",
            "/irtibat-kisileri/",
            "/ortak-projeler/",
            "/destek-yazilari/",
            "/yazi-antetleri/",
            "/acik-riza-metinleri/",
        ),
    ),
    (
        "santral-council",
        _("Konsey"),
        "home",
        280,
        (
            "/konseyler/",
            "/kurullar/",
            "/toplantilar/",
            "/tavsiyeler/",
            "/uyelikler/",
            "/icerik/onay/",
            "/denetim/",
            "/api-anahtarlari/",
            "/kaynaklar/",
        ),
    ),
)

# Wagtail's reports that concern a council's editors and admins (moderation); the others
# (site history, page type usage, ageing and locked pages) are the platform admin's.
COUNCIL_REPORTS = ("/reports/workflow/", "/reports/workflow_tasks/")


class _ShownItems(Menu):
    """A submenu of entries already found shown (their predicates are not asked twice)."""

    def __init__(self, items):
        super().__init__(items=items)
        self.items = items

    def menu_items_for_request(self, request):
        return self.items


def _admin_path(url: str) -> str:
    admin = reverse("wagtailadmin_home")
    return "/" + url[len(admin) :] if url.startswith(admin) else url


def group_menu_items(menu_items: list) -> list:
    """Replace the entries named in MENU_GROUPS by one submenu per group (when one shows)."""
    grouped: dict[str, list] = {}
    kept = []
    for item in menu_items:
        path = _admin_path(str(item.url))
        group = next(
            (
                name
                for name, _label, _icon, _order, prefixes in MENU_GROUPS
                if path.startswith(prefixes)
            ),
            None,
        )
        if group is None:
            kept.append(item)
        else:
            grouped.setdefault(group, []).append(item)
    for name, label, icon, order, _prefixes in MENU_GROUPS:
        items = grouped.get(name)
        if not items:
            continue
        if len(items) == 1:
            kept.append(items[0])
            continue
        kept.append(
            SubmenuMenuItem(label, _ShownItems(items), name=name, icon_name=icon, order=order)
        )
    return kept


@hooks.register("construct_main_menu")
def arrange_main_menu(request, menu_items):
    menu_items[:] = group_menu_items(menu_items)


@hooks.register("construct_reports_menu")
def council_reports_only(request, menu_items):
    if is_platform_admin(request.user):
        return
    menu_items[:] = [
        item for item in menu_items if _admin_path(str(item.url)).startswith(COUNCIL_REPORTS)
    ]


@hooks.register("insert_global_admin_js")
def widget_names_js():
    """Names for Wagtail's widgets that have none (tag input, rich-text box): axe-core."""
    return format_html('<script src="{}" defer></script>', static("santral/js/backoffice-names.js"))


@hooks.register("insert_global_admin_css")
def task_panel_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("santral/css/backoffice-panels.css")
    )
