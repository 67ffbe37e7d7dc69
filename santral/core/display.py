"""The reader's display choice (high contrast, larger text), kept in a cookie only.

A GET form in every page's footer sets the cookie (`display_view`; a GET because it
writes nothing but this cookie, so it needs no CSRF token); the context processor turns
it into classes on <html>. Nothing is written to the database, no JavaScript is needed,
and the stylesheet does the rest (docs/outreach.md).
"""

COOKIE_NAME = "santral_gorunum"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# option in the form and the cookie -> class on <html>
OPTIONS = {"kontrast": "display-contrast", "buyuk": "display-large"}
# Present in the footer form's query: apply the choice (absent: show the form page).
APPLY_PARAM = "uygula"


def parse(value: str | None) -> list[str]:
    """The known options in a cookie value such as "kontrast.buyuk"; anything else is ignored."""
    found = set((value or "").split("."))
    return [option for option in OPTIONS if option in found]


def serialise(options: list[str]) -> str:
    return ".".join(option for option in OPTIONS if option in options)


def html_classes(options: list[str]) -> str:
    return " ".join(OPTIONS[option] for option in options)
