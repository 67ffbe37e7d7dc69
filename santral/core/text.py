"""Turkish-aware text handling: case folding, slugs and alphabetical order.

Python's str.lower() maps "I" to "i" and "İ" to "i" plus a combining dot, and
Django's slugify drops "ı". Every place that folds, slugs or sorts Turkish text
goes through these functions instead.
"""

import re
import unicodedata

from django.utils.text import slugify as django_slugify

_TR_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TR_ASCII = str.maketrans(
    {
        "ç": "c",
        "Ç": "C",
        "ğ": "g",
        "Ğ": "G",
        "ı": "i",
        "I": "I",
        "İ": "I",
        "ö": "o",
        "Ö": "O",
        "ş": "s",
        "Ş": "S",
        "ü": "u",
        "Ü": "U",
        "â": "a",
        "Â": "A",
        "î": "i",
        "Î": "I",
        "û": "u",
        "Û": "U",
    }
)

# The Turkish alphabet, with q, w and x where Latin puts them, so that foreign
# names still sort sensibly. "ç" follows "c", "ğ" follows "g", "ı" precedes "i".
TURKISH_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(TURKISH_ALPHABET)}
_CIRCUMFLEX = str.maketrans({"â": "a", "î": "i", "û": "u"})


def turkish_lower(text: str) -> str:
    """Lower-case with Turkish rules: I → ı, İ → i."""
    return text.translate(_TR_LOWER).lower()


def turkish_upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ, ı → I."""
    return text.translate(_TR_UPPER).upper()


def turkish_title(text: str) -> str:
    """Title-case each word with Turkish rules ("İSTANBUL IĞDIR" → "İstanbul Iğdır")."""
    return " ".join(
        turkish_upper(word[:1]) + turkish_lower(word[1:]) if word else word
        for word in text.split(" ")
    )


def to_ascii(text: str) -> str:
    """Replace Turkish letters by their plain Latin look-alikes (Kadıköy → Kadikoy)."""
    text = text.translate(_TR_ASCII)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def turkish_slugify(text: str, max_length: int = 80) -> str:
    """A URL slug that keeps the Turkish letters' Latin shape (Iğdır → igdir)."""
    slug = django_slugify(to_ascii(turkish_lower(text)))
    return slug[:max_length].strip("-")


_NON_LETTER = re.compile(r"[^\w\s]", re.UNICODE)


def turkish_sort_key(text: str) -> str:
    """A key whose plain string order is Turkish alphabetical order, case-insensitively.

    The key holds only digits, so every database collation (C, tr_TR, en_US)
    orders it the same way; it can therefore be stored in a column and sorted
    on by the database. A space ranks before every letter ("Adana X" before
    "AdanaX"); digits rank before letters; punctuation is ignored.
    """
    parts: list[str] = []
    for char in turkish_lower(unicodedata.normalize("NFC", text)).translate(_CIRCUMFLEX):
        if char.isspace():
            if parts and parts[-1] != "000":
                parts.append("000")
        elif char.isdigit() and char.isascii():
            parts.append(f"{1 + int(char):03d}")
        elif char in _LETTER_RANK:
            parts.append(f"{20 + _LETTER_RANK[char]:03d}")
        elif char.isalpha():
            base = to_ascii(char).lower()
            rank = _LETTER_RANK.get(base[:1]) if base else None
            # Letters outside the Turkish and Latin alphabets sort after "z".
            parts.append(f"{20 + rank:03d}" if rank is not None else f"{100 + ord(char) % 900:03d}")
    if parts and parts[-1] == "000":
        parts.pop()
    return "".join(parts)


def turkish_sorted(items, key=lambda item: item):
    """Sort Python objects by Turkish alphabetical order of key(item)."""
    return sorted(items, key=lambda item: (turkish_sort_key(key(item)), key(item)))


# --- Text that leaves the site as XML (Atom, sitemaps) or iCalendar -----------------------

# XML 1.0 allows TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the astral planes; anything
# else (other C0 controls, lone surrogates, U+FFFE/U+FFFF) makes the whole document
# unparseable, and Django's feed generator answers 500 for it.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """The text without the characters XML 1.0 forbids; None and "" stay as they are.

    Every string that goes into an Atom/RSS feed, a sitemap or an iCalendar file passes
    here: one control character pasted into a title must not break the feed for everyone.
    """
    if not value:
        return value
    return _XML_INVALID.sub("", str(value))


# --- Names and titles ----------------------------------------------------------------------

# Invisible characters (zero-width space/non-joiner/joiner, word joiner and the invisible
# operators, BOM, soft hyphen) and bidirectional controls (embeddings, overrides, isolates,
# LRM/RLM, the Arabic letter mark): in a name they make two names that look the same differ,
# or reorder what the reader sees (a "Trojan source" name).
INVISIBLE_CHARACTERS = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u206a\u206b\u206c\u206d\u206e\u206f"
)
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_CHARACTERS)) + "\ud800-\udfff\ufffe\uffff]")
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean_name(value):
    """A name or title as it is stored: one line, NFC, without invisible or bidi characters.

    Removes the characters in INVISIBLE_CHARACTERS (and lone surrogates), turns control
    characters (tab, CR, LF …) into spaces, collapses runs of white space, trims the ends
    and composes decomposed letters (I + U+0307 → İ). Idempotent; None stays None.
    """
    if value is None:
        return None
    text = _INVISIBLE.sub("", str(value))
    text = _CONTROL_CHARS.sub(" ", unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", " ".join(text.split()))


def name_key(value: str | None) -> str:
    """The key two names share when they mean the same: cleaned, then Turkish lower-case.

    "İzmir Kent Konseyi" and "izmir kent konseyi" share a key; "Işık" and "ışık" share
    one, and differ from "isik" (I/ı and İ/i are different letters in Turkish).
    """
    return turkish_lower(clean_name(value or ""))


# --- Text that goes into a mail or HTTP header ---------------------------------------------

# Every character str.splitlines() breaks on, plus NUL: a header value holding one of them
# is refused by the mail library at send time (or, worse, starts a new header).
HEADER_BREAKS = frozenset("\r\n\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def has_header_break(value: str | None) -> bool:
    """True when the text cannot be put on one header line (subject, sender name, file name)."""
    return any(char in HEADER_BREAKS for char in value or "")


def _turkish_rules_apply() -> bool:
    from django.conf import settings
    from django.utils.translation import get_language

    language = get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] in ("tr", "az")


def turkish_capfirst_text(text: str) -> str:
    """The first letter in capitals, with Turkish rules when the interface speaks Turkish.

    Django's capfirst upper-cases with str.upper(), which turns "ilgili proje" into
    "Ilgili proje"; under Turkish (and Azerbaijani) "i" becomes "İ" and "ı" becomes "I".
    """
    if not text:
        return text
    text = str(text)
    first = turkish_upper(text[0]) if _turkish_rules_apply() else text[0].upper()
    return first + text[1:]


def turkish_lower_text(text: str) -> str:
    """Lower-case with Turkish rules when the interface speaks Turkish ("İkram" → "ikram",
    not "i̇kram" with a stray combining dot), with the plain rules otherwise."""
    return turkish_lower(text) if _turkish_rules_apply() else text.lower()
