from django.conf import settings
from django.utils.translation import get_language_bidi

from . import display


def site(request):
    """Values every public template needs: the site name, the text direction and the
    reader's display choice (cookie, see santral/core/display.py)."""
    options = display.parse(request.COOKIES.get(display.COOKIE_NAME))
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "TEXT_DIRECTION": "rtl" if get_language_bidi() else "ltr",
        "DISPLAY": options,
        "DISPLAY_CLASSES": display.html_classes(options),
    }
