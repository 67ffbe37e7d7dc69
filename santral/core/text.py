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
