"""Typo tolerance: the vocabulary of every indexed word and a symmetric-delete dictionary.

The **vocabulary** (``search_word``) holds every word of the indexed titles and
bodies as the index stores it: its folded form (``kadin``) and its Turkish
forms marked with ``TURKISH_MARK`` (``0kadın``), each with the number of
documents (and public documents) holding it. Indexing adds a batch's counts in
one statement; removing documents subtracts theirs.

The **dictionary** (``search_wordkey``) is SymSpell's symmetric delete, made
for "which words are within k edits of this one" without a scan: every word
is stored under the strings made by deleting up to two of its letters, and a
query word looks up the strings made by deleting up to two of its own. Two
words within k edits (insert, delete, substitute, swap of neighbours) always
share such a string, so the candidates are complete; each is then scored with
the true edit distance (``osa``). Three choices keep it small:

* the first letter is never edited (a typo there is not forgiven), so it is
  kept in every key;
* keys are made from the first ``KEY_LETTERS`` letters only (SymSpell's prefix
  length): Turkish words are long and inflected, and the rest of a word is
  compared by ``osa`` anyway;
* a word is stored once, when it first appears (a new word of a batch); its
  keys never change, so re-indexing an item writes counts only.

Both backends store and query the same rows, so they give the same answers.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from django.db import connection

from .analysis import QueryTerm, analyse_word, fold, words

# PostgreSQL's Turkish-space tokens start with it; the vocabulary marks them the same way.
from .backends import TURKISH_MARK

# Vocabulary words have at least this many letters (a 5-letter query word with one
# edit can be a 4-letter word; shorter query words get no typos).
MIN_WORD = 4
MAX_WORD = 40
# Query words of ONE_EDIT letters or more may differ by one edit, TWO_EDITS or more by two.
ONE_EDIT = 5
TWO_EDITS = 9
# Keys are made from this many first letters of a word (the first one never deleted).
KEY_LETTERS = 8
# Per query word, the closest variants kept (then the most frequent).
MAX_TYPOS = 8
# Search-as-you-type: one typo forgiven once this many letters are typed, never in them.
SUGGEST_EXACT_LETTERS = 4
# Vocabulary words read for one completion (a range of the word index).
SUGGEST_SCAN = 5_000
# Rows per statement when the vocabulary is written.
WRITE_CHUNK = 5_000


@dataclass(frozen=True)
class Typo:
    """A vocabulary word a query word may have meant, and how many edits away it is."""

    form: str  # in the query word's space: folded, or Turkish (unmarked)
    folded: str
    distance: int
    count: int


def allowed_edits(word: str) -> int:
    """Edits forgiven in a query word of this length (0 for words under ONE_EDIT letters)."""
    if len(word) >= TWO_EDITS:
        return 2
    return 1 if len(word) >= ONE_EDIT else 0


def osa(left: str, right: str, limit: int) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein with neighbours swapped at most
    once each), or ``limit + 1`` as soon as it must be larger than ``limit``."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    if left == right:
        return 0
    width = len(right)
    before = None
    previous = list(range(width + 1))
    for i in range(1, len(left) + 1):
        current = [i] + [0] * width
        low = i
        a = left[i - 1]
        for j in range(1, width + 1):
            b = right[j - 1]
            cost = 0 if a == b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and a == right[j - 2]
                and left[i - 2] == b
                and before[j - 2] + 1 < value
            ):
                value = before[j - 2] + 1
            current[j] = value
            low = min(low, value)
        if low > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[width], limit + 1)


def _split(token: str) -> tuple[str, str]:
    """(mark, word) of a vocabulary token."""
    if token.startswith(TURKISH_MARK):
        return TURKISH_MARK, token[1:]
    return "", token


def delete_keys(token: str, edits: int) -> set[str]:
    """The dictionary keys of a token: its first KEY_LETTERS letters with up to ``edits``
    letters deleted, never the first one (the mark stays in front)."""
    mark, word = _split(token)
    head, rest = mark + word[:1], word[1:KEY_LETTERS]
    keys = {head + rest}
    for count in range(1, min(edits, len(rest)) + 1):
        for gone in combinations(range(len(rest)), count):
            keys.add(head + "".join(c for i, c in enumerate(rest) if i not in gone))
    return keys


def stored_edits(token: str) -> int:
    """Deletes stored for a vocabulary word: enough for every query word that may reach it
    (a two-edit query word has TWO_EDITS letters or more, so the word at least TWO_EDITS - 2)."""
    length = len(_split(token)[1])
    if length >= TWO_EDITS - 2:
        return 2
    return 1 if length >= ONE_EDIT - 1 else 0


# --- the vocabulary at indexing time ---------------------------------------------------------


@lru_cache(maxsize=300_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """The vocabulary tokens one word of a text gives: folded form and marked Turkish forms."""
    tokens = analyse_word(word)
    if len(tokens.folded) < MIN_WORD or not tokens.folded[0].isalpha():
        return ()
    return (tokens.folded, *(TURKISH_MARK + form for form in tokens.turkish))


def text_tokens(*texts: str) -> set[str]:
    """Every vocabulary token of an item's texts (each counted once per item)."""
    found: set[str] = set()
    for text in texts:
        found.update(*map(word_tokens, set(words(text))))
    return found


def batch_counts(items: Iterable[tuple[str, str, bool]]) -> dict[str, tuple[int, int]]:
    """token -> (items holding it, public items holding it) for (title, body, public) items.

    Pure computation: bulk indexing runs it in its worker processes."""
    every: Counter = Counter()
    public: Counter = Counter()
    for title, body, is_public in items:
        tokens = text_tokens(title, body)
        every.update(tokens)
        if is_public:
            public.update(tokens)
    return {token: (count, public[token]) for token, count in every.items()}


def _rows(columns: list[tuple[str, str]], rows: list[tuple]) -> tuple[str, list]:
    """Literal rows as a FROM item ``j``: arrays and unnest on PostgreSQL, one JSON on SQLite
    (one parameter per column or in all, whatever the number of rows)."""
    names = [name for name, _type in columns]
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{kind}[]" for _name, kind in columns)
        return f"unnest({arrays}) AS j({', '.join(names)})", [
            list(c) for c in zip(*rows, strict=True)
        ]
    select = ", ".join(f"value ->> {i} AS {name}" for i, name in enumerate(names))
    source = f"(SELECT {select} FROM json_each(%s)) AS j"  # noqa: S608
    return source, [json.dumps(rows, ensure_ascii=False)]


def _chunks(items: list, size: int = WRITE_CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def record(counts: dict[str, tuple[int, int]]) -> None:
    """Add a batch's counts to the vocabulary; new words get their dictionary keys."""
    tokens = sorted(counts)
    for chunk in _chunks(tokens):
        rows = [(token, *counts[token]) for token in chunk]
        source, params = _rows([("word", "text")], [(token,) for token in chunk])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w.word FROM {source} JOIN search_searchword w ON w.word = j.word",  # noqa: S608
                params,
            )
            known = {row[0] for row in cursor.fetchall()}
            source, params = _rows([("word", "text"), ("n", "integer"), ("p", "integer")], rows)
            cursor.execute(
                "INSERT INTO search_searchword (word, count, public) "  # noqa: S608
                f"SELECT j.word, j.n, j.p FROM {source} WHERE true "
                "ON CONFLICT (word) DO UPDATE SET count = search_searchword.count + "
                "excluded.count, public = search_searchword.public + excluded.public",
                params,
            )
            new = [token for token in chunk if token not in known]
            keys = [
                (key, token) for token in new for key in delete_keys(token, stored_edits(token))
            ]
            for part in _chunks(keys, 4 * WRITE_CHUNK):
                source, params = _rows([("k", "text"), ("word", "text")], part)
                cursor.execute(
                    "INSERT INTO search_searchwordkey (key, word_id) "  # noqa: S608
                    f"SELECT j.k, w.id FROM {source} JOIN search_searchword w ON w.word = j.word "
                    "WHERE true ON CONFLICT DO NOTHING",
                    params,
                )


def forget(counts: dict[str, tuple[int, int]]) -> None:
    """Subtract removed items' counts; words no item holds any more leave the vocabulary.

    Their dictionary keys stay (a search joins keys to words, so they find nothing)
    until the next rebuild: deleting them would need an index by word."""
    tokens = sorted(counts)
    for chunk in _chunks(tokens):
        rows = [(token, *counts[token]) for token in chunk]
        source, params = _rows([("word", "text"), ("n", "integer"), ("p", "integer")], rows)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchword SET count = search_searchword.count - j.n, "  # noqa: S608
                f"public = search_searchword.public - j.p FROM {source} "
                "WHERE search_searchword.word = j.word",
                params,
            )
            source, params = _rows([("word", "text")], [(token,) for token in chunk])
            cursor.execute(
                "DELETE FROM search_searchword WHERE count <= 0 "  # noqa: S608
                f"AND word IN (SELECT j.word FROM {source})",
                params,
            )


# --- queries ---------------------------------------------------------------------------


def term_token(term: QueryTerm) -> str:
    """A query word as a vocabulary token (Turkish space when typed with Turkish letters)."""
    return (TURKISH_MARK if term.is_turkish else "") + term.form


def find_typos(terms: Iterable[QueryTerm]) -> dict[str, tuple[Typo, ...]]:
    """For each query word that is not a word of the index (as a vocabulary token), the
    vocabulary words within its allowed edits, closest then most frequent first. Words of
    the index are never corrected. One statement for every word of the query."""
    wanted: dict[str, int] = {}
    for term in terms:
        edits = allowed_edits(term.form)
        if edits:
            wanted[term_token(term)] = edits
    if not wanted:
        return {}
    keys = sorted({key for token, edits in wanted.items() for key in delete_keys(token, edits)})
    tokens = sorted(wanted)
    marks = ", ".join(["%s"] * len(tokens))
    key_marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word, count, 1 FROM search_searchword WHERE word IN ({marks}) "  # noqa: S608
            "UNION ALL SELECT w.word, w.count, 0 FROM search_searchwordkey k "
            f"JOIN search_searchword w ON w.id = k.word_id WHERE k.key IN ({key_marks})",
            [*tokens, *keys],
        )
        rows = cursor.fetchall()
    known = {word for word, _count, exact in rows if exact}
    candidates = {word: count for word, count, exact in rows if not exact}
    found: dict[str, tuple[Typo, ...]] = {}
    for token, edits in wanted.items():
        if token in known:
            continue
        mark, word = _split(token)
        scored = []
        for candidate, count in candidates.items():
            candidate_mark, other = _split(candidate)
            if candidate_mark != mark or other[:1] != word[:1] or other == word:
                continue
            distance = osa(word[1:], other[1:], edits)
            if distance <= edits:
                scored.append((distance, -count, other))
        scored.sort()
        found[token] = tuple(
            Typo(form=other, folded=fold(other), distance=distance, count=-negative)
            for distance, negative, other in scored[:MAX_TYPOS]
        )
    return found


def complete(word: str, *, is_turkish: bool, limit: int = 5) -> list[str]:
    """Vocabulary words of public items that the word being typed begins (most frequent
    first), then, after SUGGEST_EXACT_LETTERS letters, those it begins with one typo."""
    if len(word) < 2:
        return []
    mark = TURKISH_MARK if is_turkish else ""
    typo = len(word) > SUGGEST_EXACT_LETTERS
    start = mark + (word[:SUGGEST_EXACT_LETTERS] if typo else word)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, public FROM (SELECT word, public FROM search_searchword "
            "WHERE word >= %s AND word < %s ORDER BY word LIMIT %s) AS s WHERE public > 0",
            [start, start + "\U0010ffff", SUGGEST_SCAN],
        )
        rows = cursor.fetchall()
    exact, close = [], []
    for token, public in rows:
        other = _split(token)[1]
        if other.startswith(word):
            exact.append((-public, other))
        elif typo and _begins_with_one_typo(other, word):
            close.append((-public, other))
    exact.sort()
    close.sort()
    return [other for _n, other in (exact + close)[:limit]]


def _begins_with_one_typo(candidate: str, typed: str) -> bool:
    """Whether some beginning of ``candidate`` is one edit from ``typed``."""
    length = len(typed)
    return any(
        osa(typed, candidate[:end], 1) <= 1
        for end in (length - 1, length, length + 1)
        if 0 < end <= len(candidate)
    )
