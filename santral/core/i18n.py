"""Django's capfirst, made to write the capital dotted İ under Turkish (docs/language.md).

Model fields are named in lower case (`_("ilgili proje")`) and Django, Wagtail and our
templates capitalise them with `capfirst`, which uses str.upper(): "i" → "I", so every form
label, column header and heading that starts with "i" lost its dot ("Ilgili proje",
"Imzalayan", "Ilçe"). `install_turkish_capfirst` replaces capfirst — in django.utils.text,
in every module that has already imported it, and as the `capfirst` template filter — by
`santral.core.text.turkish_capfirst_text`, lazy like the original.
"""

import sys

from django.template.defaultfilters import register as default_filters
from django.template.defaultfilters import stringfilter
from django.utils import text as django_text
from django.utils.functional import keep_lazy_text

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
