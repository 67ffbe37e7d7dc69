from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per UI language to the same page in that language (works without JS)."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "is_current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


@register.filter
def lang_tr(value):
    """User content in Turkish on an en/ar page: `{{ council.name|lang_tr }}` →
    `<span lang="tr" dir="auto">…</span>` (unwrapped on Turkish pages)."""
    from santral.core.i18n import user_content_html

    return user_content_html(value)


@register.filter
def local_datetime(value):
    """A moment as `<time>` in the interface language's own order and words (the locale's
    DATETIME_FORMAT, Istanbul time), with the language's direction, so an Arabic date and
    time do not swap places beside left-to-right text."""
    if not value:
        return ""
    from django.utils import formats, timezone
    from django.utils.html import format_html
    from django.utils.translation import get_language_bidi

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html(
        '<time datetime="{}" dir="{}">{}</time>',
        value.isoformat(),
        "rtl" if get_language_bidi() else "ltr",
        formats.date_format(value, "DATETIME_FORMAT"),
    )
