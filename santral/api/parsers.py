"""A JSON parser with a size and a nesting limit.

Python's json module recurses once per nesting level: a body of 100 000 "[" raises
RecursionError, which no view catches (a 500 for any POST, PUT or PATCH that reads its
data). The body is read up to the size limit and its nesting measured without recursion
before json sees it; either limit answers 400 with a Turkish message.
"""

import json
import re
from itertools import accumulate

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32

# A string (to the end of the text if it is never closed: every match attempt succeeds and
# consumes, so the scan stays linear on hostile input) or one bracket.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings
    do not count); iterative, so any input is measured in linear time."""
    steps = (
        1 if part in "[{" else -1
        for part in (match.group() for match in _TOKEN.finditer(text))
        if part[0] != '"'
    )
    return max(accumulate(steps, initial=0))


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        max_bytes = getattr(settings, "SANTRAL_API_MAX_BODY_BYTES", DEFAULT_MAX_BYTES)
        max_depth = getattr(settings, "SANTRAL_API_MAX_JSON_DEPTH", DEFAULT_MAX_DEPTH)
        raw = stream.read(max_bytes + 1) if stream is not None else b""
        if len(raw) > max_bytes:
            raise ParseError(
                _("İstek gövdesi çok büyük: en çok %(limit)s bayt gönderilebilir.")
                % {"limit": max_bytes}
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(_("İstek gövdesi UTF-8 olarak okunamadı.")) from None
        if json_depth(text) > max_depth:
            raise ParseError(
                _("JSON çok derin: en çok %(limit)s düzey iç içe dizi ya da nesne olabilir.")
                % {"limit": max_depth}
            )
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("Geçersiz JSON: %(error)s") % {"error": error}) from None


def _refuse_constant(name: str):
    # NaN and Infinity are not JSON (RFC 8259); DRF's own parser refuses them as well.
    raise ValueError(_("%(name)s JSON'da geçerli bir değer değil.") % {"name": name})
