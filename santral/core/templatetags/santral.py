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
