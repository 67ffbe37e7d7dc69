"""Django's capfirst, made to write the capital dotted İ under Turkish (docs/language.md).

Model fields are named in lower case (`_("ilgili proje")`) and Django, Wagtail and our
templates capitalise them with `capfirst`, which uses str.upper(): "i" → "I", so every form
label, column header and heading that starts with "i" lost its dot ("Ilgili proje",
"Imzalayan", "Ilçe"). `install_turkish_capfirst` replaces capfirst — in django.utils.text,
in every module that has already imported it, and as the `capfirst` template filter — by
`santral.core.text.turkish_capfirst_text`, lazy like the original.
"""

import sys

from django.conf import settings
from django.template.defaultfilters import register as default_filters
from django.template.defaultfilters import stringfilter
from django.utils import text as django_text
from django.utils.functional import keep_lazy_text
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from .text import turkish_capfirst_text

capfirst = keep_lazy_text(turkish_capfirst_text)


@stringfilter
def capfirst_filter(value):
    """Capitalise the first character of the value (Turkish rules under Turkish)."""
    return turkish_capfirst_text(value)


def install_turkish_capfirst() -> None:
    original = django_text.capfirst
    if original is capfirst:
        return
    for module in list(sys.modules.values()):
        if getattr(module, "__dict__", {}).get("capfirst") is original:
            module.capfirst = capfirst
    django_text.capfirst = capfirst
    default_filters.filter("capfirst", capfirst_filter, is_safe=True)


# ------------------------------------------------------------------ user content in Turkish


def user_content_html(text, *, lang: str = "tr") -> str:
    """User content (a council's name, a body's name, a title from the database) on a page in
    another language: `<span lang="tr" dir="auto">…</span>`, so that screen readers read it
    in Turkish and a check can tell it from interface text. Under Turkish the text is
    returned escaped and unwrapped: the page itself is Turkish."""
    if text is None or text == "":
        return ""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if current == lang:
        return conditional_escape(text)
    return format_html('<span lang="{}" dir="auto">{}</span>', lang, text)


class LocalName(str):
    """A name in the interface language when it has one, else in Turkish (`lang == "tr"`).

    A string (for titles, attributes, sorting and JSON); in a template it renders itself,
    with the Turkish fallback wrapped in `<span lang="tr">` (Django escapes strings through
    their `__html__`).
    """

    lang: str

    def __new__(cls, text: str, lang: str):
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __html__(self) -> str:
        return user_content_html(str.__str__(self), lang=self.lang)


def local_name(name: str, **translations: str) -> LocalName:
    """`local_name(topic.name, en=topic.name_en, ar=topic.name_ar)` for the active language."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    translated = translations.get(current) or ""
    if current != "tr" and translated.strip():
        return LocalName(translated.strip(), current)
    return LocalName(name, "tr")
