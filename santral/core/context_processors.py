from django.conf import settings
from django.utils.translation import get_language_bidi


def site(request):
    """Values every public template needs: the site name and the text direction."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "TEXT_DIRECTION": "rtl" if get_language_bidi() else "ltr",
    }
