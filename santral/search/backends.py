"""The two full-text backends behind one interface: PostgreSQL and SQLite FTS5.

Both receive text already analysed by ``santral.search.analysis`` (so Turkish
handling is ours and identical) and differ only in how they store tokens and
express a match:

* PostgreSQL: ``search_searchdocument.vector`` (tsvector of title and body, GIN
  index) and ``title_vector`` (title only, GIN index). We build the tsvectors
  ourselves (``tsvector_binary``) and send them by binary COPY: the folded
  words with their positions (phrases), every other token (Turkish forms,
  readings, stems) at one shared position past them. Turkish tokens carry a
  leading ``0`` so the two spaces never meet. Matches in recency order come
  from the B-tree index on ``(day DESC NULLS LAST, id DESC)``.
* SQLite: the FTS5 table ``search_fts`` with four columns (folded / Turkish,
  title / body) and the ``unicode61 remove_diacritics 0`` tokenizer. Its rowid
  is the document's *order key* ``day · 10¹⁰ + id`` (``order_key``), so FTS5
  hands out matches newest first and stops after the few a page needs instead
  of reading every match. A query word used as a prefix is expanded to the
  indexed words it begins (table ``search_token``, at most ``MAX_EXPANSION``;
  a more prolific prefix uses FTS5's prefix syntax), because FTS5 merges every
  word of a prefix before it returns the first row. There are no FTS5 prefix
  indexes: they tripled what every insert wrote.

A query becomes, per term: its form (as a prefix) OR its stems, in the folded
space for a word typed in ASCII or in the Turkish space for a word typed with
Turkish letters; an ASCII word also matches its exact Turkish form. Terms are
ANDed; phrases are adjacent folded words. ``match(query, level)`` gives the
rows of one ranking level (see ``selectors``): every match, matches whose title
holds any word, every word (as prefixes), every word in full, every word as
typed.
"""

import math
import struct
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from django.db import connection, transaction
from psycopg.adapt import Dumper
from psycopg.pq import Format

from .analysis import (
    MAX_WORDS,
    ParsedQuery,
    QueryPhrase,
    QueryTerm,
    analyse_text,
    analyse_word,
    words,
)
from .models import SearchDocument
from .postgres_plans import (
    BITMAP_ROWS,
    BODY_WALK_ROW_US,
    BODY_WALK_ROWS,
    SAMPLE_MATCHES,
    SAMPLE_ROWS,
    TITLE_WALK_ROW_US,
    TITLE_WALK_ROWS,
    Option,
    table_stats,
    walk_is_cheaper,
    walk_rows,
)

# PostgreSQL's type oid of tsvector (fixed: a built-in type).
TSVECTOR_OID = 3614
# PostgreSQL only: memory for a search statement's bitmaps and sorts.
SEARCH_WORK_MEM = "64MB"
# PostgreSQL only: Turkish-space tokens start with it (a digit keeps the parser's token whole).
TURKISH_MARK = "0"
# SQLite only: FTS rowid = day * ORDER_BASE + document id (ids stay below it).
ORDER_BASE = 10_000_000_000
# SQLite only: a prefix that begins more indexed words than this uses FTS5's prefix syntax
# (no prefix index: FTS5 then merges every such word's postings, slower but right).
MAX_EXPANSION = 200
# SQLite only: page cache while rebuilding (KiB).
BULK_CACHE_KIB = 262_144

# Ranking levels, best first (see selectors.search). Below every match without a typo: every
# word in the title, or anywhere, allowing one edit, then the same allowing two (``typos``).
EXACT, FULL, TITLE, TITLE_ANY, BODY = 4, 3, 2, 1, 0
TYPO1_TITLE, TYPO1, TYPO2_TITLE, TYPO2 = -1, -2, -3, -4
TITLE_LEVELS = (EXACT, FULL, TITLE, TYPO1_TITLE, TYPO2_TITLE)
# The level column of the row that carries the count.
COUNT_ROW = -9
# In a phrase, typo variants per word, and phrase variants in all (FTS5 spells each out).
PHRASE_TYPOS = 3
PHRASE_VARIANTS = 64


def edits_of(level: int) -> int:
    """Typo edits a ranking level allows."""
    if level >= BODY:
        return 0
    return 1 if level >= TYPO1 else 2


def phrase_alternatives(phrase: QueryPhrase, edits: int) -> list[list[tuple[str, str]]]:
    """Per word of a phrase, its (folded, form) alternatives: as typed, then typo variants
    (at most PHRASE_TYPOS a word, and fewer from the last word on when the variants
    would spell out more than PHRASE_VARIANTS phrases). The same on both backends."""
    groups = []
    for term in phrase.terms:
        close = [(typo.folded, typo.form) for typo in term.typos if typo.distance <= edits]
        groups.append([(term.folded, term.form), *close[:PHRASE_TYPOS]])
    for index in reversed(range(len(groups))):
        if math.prod(len(group) for group in groups) <= PHRASE_VARIANTS:
            break
        groups[index] = groups[index][:1]
    return groups


# PostgreSQL's tsvector limits: positions above MAX_POSITION count as MAX_POSITION, and a
# lexeme keeps at most MAX_POSITIONS of them (what to_tsvector does too).
MAX_POSITION = 16_383
MAX_POSITIONS = 255
# Entry count, then per lexeme: a position count and the positions (big-endian).
_COUNT = struct.Struct(">i")
_POSITIONS = [struct.Struct(f">{count + 1}H") for count in range(MAX_POSITIONS + 1)]


class _LexemeBytes(dict):
    """Encoded lexemes with their terminating NUL, built once per distinct token."""

    def __missing__(self, token: str) -> bytes:
        if len(self) > 500_000:
            self.clear()
        value = self[token] = token.encode() + b"\0"
        return value


class _ExtraBytes(dict):
    """A whole entry for a token that is not a word: one position, MAX_POSITION.

    Extras (other readings, stems, Turkish forms) sit together past every word, so
    they never make a phrase; phrases are matched on words only.
    """

    def __missing__(self, token: str) -> bytes:
        if len(self) > 500_000:
            self.clear()
        value = self[token] = token.encode() + b"\0" + _POSITIONS[1].pack(1, MAX_POSITION)
        return value


_lexeme_bytes = _LexemeBytes()
_extra_bytes = _ExtraBytes()


def _positions(words: list[str]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    if len(words) < MAX_POSITION:
        for index, word in enumerate(words, 1):
            positions[word].append(index)
        return positions
    for index, word in enumerate(words, 1):
        found = positions[word]
        if not found or found[-1] < MAX_POSITION:
            found.append(min(index, MAX_POSITION))
    return positions


def tsvector_binary(words: list[str], extras: set[str]) -> bytes:
    """A tsvector in PostgreSQL's binary wire format (for COPY).

    ``words`` get their 1-based positions (phrases need them); ``extras`` one
    shared position after them. Built here rather than by ``to_tsvector`` on the
    server: our tokens are final (the analysis is ours), and parsing them again
    was most of the server's work when indexing. Lexemes go in any order:
    PostgreSQL sorts them on receipt (``tsvectorrecv``), in C.
    """
    positions = _positions(words)
    lone = extras.difference(positions)
    parts = [_COUNT.pack(len(positions) + len(lone))]
    append = parts.append
    for lexeme, found in positions.items():
        count = len(found)
        if count > MAX_POSITIONS:
            found, count = found[:MAX_POSITIONS], MAX_POSITIONS
        append(_lexeme_bytes[lexeme])
        append(_POSITIONS[count].pack(count, *found))
    parts.extend(map(_extra_bytes.__getitem__, lone))
    return b"".join(parts)


class _TsvectorDumper(Dumper):
    """Sends the bytes of ``tsvector_binary`` as they are (binary COPY)."""

    format = Format.BINARY
    oid = TSVECTOR_OID

    def dump(self, obj: bytes) -> bytes:
        return obj


def order_key(document: SearchDocument) -> int:
    return (document.day or 0) * ORDER_BASE + document.pk


@dataclass
class IndexedText:
    """An item's texts as written; each backend analyses them into what it stores."""

    title: str
    body: str
    language: str = "tr"
    public: bool = True


@dataclass
class Part:
    """What one part of a search asks for: a level's newest ``rows`` rows that pass
    ``common`` (visibility and filters), as the columns ``select`` of documents "d"."""

    query: ParsedQuery
    level: int
    common: str
    common_params: list
    rows: int
    select: str
    name: str


@dataclass
class Query:
    """SQL for one part of a search: common table expressions it needs, then a SELECT."""

    sql: str
    params: list
    ctes: list[str] = field(default_factory=list)
    cte_params: list = field(default_factory=list)


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class _VectorWords:
    """Per language, each word's folded token and its other tokens (Turkish ones marked).

    Vocabularies are small, so a text's tokens come from lookups, not from analysing
    every word again.
    """

    MAX = 500_000

    def __init__(self, language: str) -> None:
        self.language = language
        self.folded: dict[str, str] = {}
        self.extras: dict[str, frozenset[str]] = {}
        self.blank: set[str] = set()

    def learn(self, text_words: list[str]) -> list[str]:
        """Know every word of the text; returns the words that fold to something."""
        new = set(text_words).difference(self.folded)
        if new:
            if len(self.folded) + len(new) > self.MAX:
                self.folded.clear()
                self.extras.clear()
            for word in new:
                tokens = analyse_word(word, self.language)
                if not tokens.folded:
                    self.blank.add(word)
                self.folded[word] = tokens.folded
                self.extras[word] = frozenset(
                    (
                        *tokens.folded_stems,
                        *(TURKISH_MARK + token for token in tokens.turkish),
                        *(TURKISH_MARK + token for token in tokens.turkish_stems),
                    )
                )
        if self.blank and not self.blank.isdisjoint(text_words):
            return [word for word in text_words if word not in self.blank]
        return text_words


_words_for_vectors: dict[str, _VectorWords] = {}


class Backend(ABC):
    vendor = ""
    # SQL ordering the rows of match(): newest first, then the higher id.
    order = ""
    # SQL naming the documents "d" (joined to whatever match() needs).
    source = ""

    # writes
    @abstractmethod
    def prepare(self, texts: list[IndexedText]) -> Any:
        """The full-text part of a batch of texts, ready to write. Pure computation: bulk
        indexing runs it in worker processes (``indexing.bulk_index``)."""

    @abstractmethod
    def insert(self, documents: list[SearchDocument], prepared: Any) -> None:
        """Insert the rows and their prepared full-text part; sets each document's pk."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every full-text row (the document rows are the caller's)."""

    @abstractmethod
    def bulk_start(self) -> None:
        """Before a rebuild: drop what is cheaper to build once at the end."""

    @abstractmethod
    def bulk_end(self) -> None:
        """After a rebuild: build it again."""

    # reads
    def levels(self, query: ParsedQuery) -> list[int]:
        several = len(query.terms) + len(query.phrases) > 1
        levels = [EXACT, FULL, TITLE, *([TITLE_ANY] if several else []), BODY]
        edits = query.typo_edits()
        if edits:
            levels += [TYPO1_TITLE, TYPO1]
        if 2 in edits:
            levels += [TYPO2_TITLE, TYPO2]
        return levels

    def loosest(self, query: ParsedQuery) -> int:
        """The level every match is in (the count and facets read it)."""
        return self.levels(query)[-1]

    @abstractmethod
    def match(self, query: ParsedQuery, level: int) -> tuple[str, list]:
        """A condition (WHERE part, used with ``source``) for the rows of one level."""

    def newest(self, part: Part) -> Query:
        """The rows a part asks for, in recency order."""
        return self._ordered(part, self.order)

    def _ordered(self, part: Part, order: str) -> Query:
        condition, params = self.match(part.query, part.level)
        return Query(
            f"SELECT * FROM (SELECT {part.select} FROM {self.source} "  # noqa: S608
            f"WHERE {condition} AND {part.common} ORDER BY {order} LIMIT %s) AS {part.name}",
            [*params, *part.common_params, part.rows],
        )

    def count(self, query: ParsedQuery, common: str, common_params: list, cap: int) -> Query:
        """Rows ``(COUNT_ROW, n, NULL)``: the matches counted up to ``cap`` (the largest n
        counts)."""
        condition, params = self.match(query, self.loosest(query))
        return Query(
            f"SELECT {COUNT_ROW}, COUNT(*), NULL FROM (SELECT 1 AS one "  # noqa: S608
            f"FROM {self.source} WHERE {condition} AND {common} LIMIT %s) AS capped",
            [*params, *common_params, cap],
        )

    @contextmanager
    def reading(self) -> Iterator:
        """A cursor for a search's statements."""
        with connection.cursor() as cursor:
            yield cursor

    @abstractmethod
    def size_bytes(self) -> int:
        """The index's size on disk (table, full-text data, vocabulary)."""

    @abstractmethod
    def vocabulary_bytes(self) -> int:
        """The typo vocabulary's size on disk (words, counts, dictionary keys)."""


class PostgresBackend(Backend):
    vendor = "postgresql"
    order = "d.day DESC NULLS LAST, d.id DESC"
    source = "search_searchdocument d"

    GIN_INDEXES = {
        "search_document_vector": "CREATE INDEX search_document_vector "
        "ON search_searchdocument USING gin (vector)",
        "search_document_title_vector": "CREATE INDEX search_document_title_vector "
        "ON search_searchdocument USING gin (title_vector)",
    }

    def __init__(self) -> None:
        self._words = _words_for_vectors

    def _vector_parts(self, text: str, language: str) -> tuple[list[str], set[str]]:
        """(words, extras) of a text: its folded words in order, and every other token."""
        table = self._words.get(language)
        if table is None:
            table = self._words[language] = _VectorWords(language)
        text_words = table.learn(words(text)[:MAX_WORDS])
        extras: set[str] = set()
        extras.update(*map(table.extras.__getitem__, set(text_words)))
        return list(map(table.folded.__getitem__, text_words)), extras

    def prepare(self, texts: list[IndexedText]) -> list[tuple[bytes, bytes]]:
        """(vector, title vector) of each text, in PostgreSQL's binary format."""
        prepared = []
        for text in texts:
            title_words, title_extras = self._vector_parts(text.title, text.language)
            body_words, body_extras = self._vector_parts(text.body, text.language)
            prepared.append(
                (
                    tsvector_binary(title_words + body_words, title_extras | body_extras),
                    tsvector_binary(title_words, title_extras),
                )
            )
        return prepared

    def insert(self, documents: list[SearchDocument], prepared: list[tuple[bytes, bytes]]) -> None:
        if not documents:
            return
        fields = [f for f in SearchDocument._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('search_searchdocument', 'id')) "
                "FROM generate_series(1, %s)",
                [len(documents)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            statement = (
                f"COPY search_searchdocument (id, {columns}, vector, title_vector) "
                "FROM STDIN (FORMAT BINARY)"
            )
            cursor.execute(
                f"SELECT id, {columns}, vector, title_vector "  # noqa: S608
                "FROM search_searchdocument LIMIT 0"
            )
            types = [column.type_code for column in cursor.description]
            raw = cursor.cursor
            raw.adapters.register_dumper(None, _TsvectorDumper)
            with raw.copy(statement) as copy:
                copy.set_types(types)
                for pk, document, vectors in zip(ids, documents, prepared, strict=True):
                    copy.write_row(
                        [pk]
                        + [
                            f.get_db_prep_save(getattr(document, f.attname), connection)
                            for f in fields
                        ]
                        + list(vectors)
                    )
        for pk, document in zip(ids, documents, strict=True):
            document.pk = pk
            document._state.adding = False
            document._state.db = "default"

    def clear(self) -> None:
        pass

    def bulk_start(self) -> None:
        with connection.cursor() as cursor:
            for name in self.GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def bulk_end(self) -> None:
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                # Inside a transaction (tests): deferred FK checks must run before CREATE INDEX.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, create in self.GIN_INDEXES.items():
                cursor.execute(
                    "SELECT 1 FROM pg_indexes WHERE tablename = 'search_searchdocument' "
                    "AND indexname = %s",
                    [name],
                )
                if cursor.fetchone() is None:
                    cursor.execute(create)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("ANALYZE search_searchdocument")

    @staticmethod
    def _options(term: QueryTerm, prefix: bool, edits: int = 0) -> list[Option]:
        mark = TURKISH_MARK if term.is_turkish else ""
        options = [Option(mark + term.form, prefix and term.prefix)]
        options += [Option(mark + stemmed) for stemmed in term.stems]
        if not term.is_turkish:
            options.append(Option(TURKISH_MARK + term.exact))
        options += [Option(mark + form) for form in term.typo_forms(edits)]
        return options

    @staticmethod
    def _render(options: list[Option]) -> str:
        return (
            "(" + " | ".join(_pg_quote(o.token) + (":*" if o.prefix else "") for o in options) + ")"
        )

    def _term(self, term: QueryTerm, prefix: bool, edits: int = 0) -> str:
        return self._render(self._options(term, prefix, edits))

    @staticmethod
    def _phrase_groups(query: ParsedQuery, edits: int = 0) -> list[list[Option]]:
        """Per phrase, each word's folded alternatives, then the Turkish forms of words typed
        with Turkish letters (which must be there too)."""
        groups = []
        for phrase in query.phrases:
            alternatives = phrase_alternatives(phrase, edits)
            groups += [[Option(folded) for folded, _form in group] for group in alternatives]
            groups += [
                [Option(TURKISH_MARK + form) for _folded, form in group]
                for term, group in zip(phrase.terms, alternatives, strict=True)
                if term.is_turkish
            ]
        return groups

    def _phrases(self, query: ParsedQuery, edits: int = 0) -> list[str]:
        parts = []
        for phrase in query.phrases:
            alternatives = phrase_alternatives(phrase, edits)
            parts.append(
                "("
                + " <-> ".join(self._render([Option(f) for f, _t in g]) for g in alternatives)
                + ")"
            )
            parts += [
                self._render([Option(TURKISH_MARK + form) for _folded, form in group])
                for term, group in zip(phrase.terms, alternatives, strict=True)
                if term.is_turkish
            ]
        return parts

    def _density(self, query: ParsedQuery, level: int) -> tuple[float, float]:
        """Our (low, high) estimate of the share of rows a level matches (``postgres_plans``)."""
        stats = table_stats()
        edits = edits_of(level)
        phrases = self._phrase_groups(query, edits)
        if level == EXACT:
            groups = [[Option(TURKISH_MARK + term.exact)] for term in query.terms]
            return stats.density("title_vector", groups + phrases)
        if level in TITLE_LEVELS:
            groups = [self._options(term, level != FULL, edits) for term in query.terms]
            return stats.density("title_vector", groups + phrases)
        groups = [self._options(term, True, edits) for term in query.terms]
        low, high = stats.density("vector", groups + phrases)
        if level != TITLE_ANY:
            return low, high
        any_title = sum(stats.density("title_vector", [group])[1] for group in groups + phrases)
        return min(low, any_title), min(high, any_title)

    def tsquery(self, query: ParsedQuery, *, prefix: bool = True, edits: int = 0) -> str:
        parts = [self._term(term, prefix, edits) for term in query.terms]
        return " & ".join(parts + self._phrases(query, edits))

    def _exact(self, query: ParsedQuery) -> str:
        parts = [_pg_quote(TURKISH_MARK + term.exact) for term in query.terms]
        return " & ".join(parts + self._phrases(query))

    def _any(self, query: ParsedQuery) -> str:
        parts = [self._term(term, True) for term in query.terms] + self._phrases(query)
        return " | ".join(f"({part})" for part in parts)

    def match(self, query: ParsedQuery, level: int) -> tuple[str, list]:
        if level == EXACT:
            return "d.title_vector @@ CAST(%s AS tsquery)", [self._exact(query)]
        if level in (FULL, TITLE):
            return "d.title_vector @@ CAST(%s AS tsquery)", [
                self.tsquery(query, prefix=level == TITLE)
            ]
        everything = "d.vector @@ CAST(%s AS tsquery)"
        if level in (TYPO1_TITLE, TYPO2_TITLE):
            return "d.title_vector @@ CAST(%s AS tsquery)", [
                self.tsquery(query, edits=edits_of(level))
            ]
        if level in (TYPO1, TYPO2):
            return everything, [self.tsquery(query, edits=edits_of(level))]
        if level == TITLE_ANY:
            return f"{everything} AND d.title_vector @@ CAST(%s AS tsquery)", [
                self.tsquery(query),
                self._any(query),
            ]
        return everything, [self.tsquery(query)]

    def newest(self, part: Part) -> Query:
        low, high = self._density(part.query, part.level)
        # The bitmap way: ordering by an expression keeps PostgreSQL off the (day, id) index.
        bitmap = self._ordered(part, "d.day + 0 DESC NULLS LAST, d.id DESC")
        rows = table_stats().rows
        title = part.level in TITLE_LEVELS
        row_us = TITLE_WALK_ROW_US if title else BODY_WALK_ROW_US
        if high * rows < BITMAP_ROWS or not walk_is_cheaper(part.rows, high, rows, row_us):
            return bitmap
        condition, params = self.match(part.query, part.level)
        walk = f"walk_{part.name}"
        bounds = TITLE_WALK_ROWS if title else BODY_WALK_ROWS
        return Query(
            f"SELECT * FROM {walk} UNION ALL SELECT * FROM ({bitmap.sql}) AS rest_{part.name} "  # noqa: S608
            f"WHERE (SELECT COUNT(*) FROM {walk}) < %s",
            [*bitmap.params, part.rows],
            ctes=[
                f"{walk} AS MATERIALIZED (SELECT {part.select} FROM (SELECT * "  # noqa: S608
                f"FROM search_searchdocument ORDER BY day DESC NULLS LAST, id DESC LIMIT %s) AS d "
                f"WHERE {condition} AND {part.common} ORDER BY {self.order} LIMIT %s)"
            ],
            cte_params=[
                walk_rows(part.rows, low, bounds),
                *params,
                *part.common_params,
                part.rows,
            ],
        )

    def count(self, query: ParsedQuery, common: str, common_params: list, cap: int) -> Query:
        loosest = self.loosest(query)
        condition, params = self.match(query, loosest)
        stats = table_stats()
        bitmap = f"SELECT 1 AS one FROM {self.source} WHERE {condition} AND {common} LIMIT %s"  # noqa: S608
        bitmap_params = [*params, *common_params, cap]
        exact = Query(
            f"SELECT {COUNT_ROW}, COUNT(*), NULL FROM ({bitmap}) AS capped",  # noqa: S608
            bitmap_params,
        )
        if self._density(query, loosest)[1] * stats.rows < BITMAP_ROWS:
            return exact
        # Common words: counting a thousand matches means reading thousands of rows. A
        # random sample of pages tells whether there are far more than ``cap``: enough
        # matches in it (SAMPLE_MATCHES) make the count "more than cap" without reading
        # them; otherwise they are counted.
        percent = min(100.0, 100.0 * SAMPLE_ROWS / max(stats.rows, 1.0))
        many = "s.n >= %s AND s.n * %s >= %s * s.m"
        many_params = [SAMPLE_MATCHES, stats.rows, 2 * cap]
        return Query(
            f"SELECT {COUNT_ROW}, %s, NULL FROM sampled s WHERE {many} UNION ALL "  # noqa: S608
            f"SELECT {COUNT_ROW}, COUNT(*), NULL FROM ({bitmap}) AS capped "
            f"WHERE NOT (SELECT {many} FROM sampled s)",
            [cap, *many_params, *bitmap_params, *many_params],
            ctes=[
                "sampled AS MATERIALIZED (SELECT COUNT(*) AS m, "  # noqa: S608
                f"COUNT(*) FILTER (WHERE {condition} AND {common}) AS n "
                "FROM search_searchdocument d TABLESAMPLE SYSTEM (%s) REPEATABLE (0))"
            ],
            cte_params=[*params, *common_params, percent],
        )

    @contextmanager
    def reading(self) -> Iterator:
        # Bitmaps of common words must stay exact: a lossy bitmap makes PostgreSQL
        # recheck (and detoast) every row of the pages it covers. SET LOCAL needs a
        # transaction; it writes nothing.
        with transaction.atomic(), connection.cursor() as cursor:
            # The plan of each part is ours (``newest``, ``count``): never a full scan
            # instead. Disabled paths cost "infinity", which would trigger JIT compilation
            # (about 0.5 s), so JIT is off. Facets join a thousand matches to their topics
            # by index, never by reading the whole topic table (the planner's guess of a
            # CTE's size misled it into a merge join). One statement for all of it.
            cursor.execute(
                "SELECT set_config('work_mem', %s, true), "
                "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
                "set_config('enable_mergejoin', 'off', true), "
                "set_config('enable_hashjoin', 'off', true)",
                [SEARCH_WORK_MEM],
            )
            yield cursor

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument') "
                "+ pg_total_relation_size('search_searchtopic')"
            )
            return cursor.fetchone()[0] + self.vocabulary_bytes()

    def vocabulary_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchword') "
                "+ pg_total_relation_size('search_searchwordkey')"
            )
            return cursor.fetchone()[0]


class SqliteBackend(Backend):
    vendor = "sqlite"
    TABLE = "search_fts"
    order = f"{TABLE}.rowid DESC"
    source = f"{TABLE} CROSS JOIN search_searchdocument d ON d.id = {TABLE}.rowid %% {ORDER_BASE}"

    def prepare(self, texts: list[IndexedText]) -> tuple[list[tuple[str, ...]], set[str]]:
        """The four FTS5 columns of each text (folded and Turkish tokens of title and body),
        and every token of the batch (for ``search_token``)."""
        rows = []
        tokens: set[str] = set()
        for text in texts:
            title = analyse_text(text.title, text.language)
            body = analyse_text(text.body, text.language)
            row = (title.folded, title.turkish, body.folded, body.turkish)
            rows.append(row)
            for column in row:
                tokens.update(column.split())
        return rows, tokens

    def insert(
        self, documents: list[SearchDocument], prepared: tuple[list[tuple[str, ...]], set[str]]
    ) -> None:
        if not documents:
            return
        rows, tokens = prepared
        SearchDocument.objects.bulk_create(documents)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.TABLE}(rowid, title_a, title_t, body_a, body_t) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (order_key(document), *columns)
                    for document, columns in zip(documents, rows, strict=True)
                ],
            )
            cursor.executemany(
                "INSERT OR IGNORE INTO search_token(token) VALUES (%s)",
                [(token,) for token in tokens],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.TABLE}")  # noqa: S608
            cursor.execute("DELETE FROM search_token")

    def bulk_start(self) -> None:
        with connection.cursor() as cursor:
            # A large page cache and no incremental merging while loading; one merge at the end.
            cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            cursor.execute(
                f"INSERT INTO {self.TABLE}({self.TABLE}, rank) VALUES ('automerge', 0)"  # noqa: S608
            )

    def bulk_end(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.TABLE}({self.TABLE}) VALUES ('optimize')")  # noqa: S608
            cursor.execute(
                f"INSERT INTO {self.TABLE}({self.TABLE}, rank) VALUES ('automerge', 4)"  # noqa: S608
            )
            cursor.execute("PRAGMA cache_size = -2000")
            if not connection.in_atomic_block:
                # Statistics for the planner; the WAL file back to zero bytes.
                cursor.execute("ANALYZE")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- queries
    def __init__(self) -> None:
        self._expansions: dict[str, str] = {}

    def _prefix(self, form: str) -> str:
        """FTS5 for "a word beginning with form": the words themselves when there are few."""
        if form not in self._expansions:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT token FROM search_token WHERE token >= %s AND token < %s "
                    "ORDER BY token LIMIT %s",
                    [form, form + "\U0010ffff", MAX_EXPANSION + 1],
                )
                found = [row[0] for row in cursor.fetchall()]
            if len(found) > MAX_EXPANSION:
                self._expansions[form] = _fts_quote(form) + "*"
            else:
                self._expansions[form] = " OR ".join(_fts_quote(token) for token in found) or (
                    _fts_quote(form)
                )
        return self._expansions[form]

    def _term(
        self, term: QueryTerm, folded: str, turkish: str, prefix: bool, edits: int = 0
    ) -> str:
        form = self._prefix(term.form) if prefix and term.prefix else _fts_quote(term.form)
        options = " OR ".join(
            [
                form,
                *(_fts_quote(stemmed) for stemmed in term.stems),
                *(_fts_quote(typo) for typo in term.typo_forms(edits)),
            ]
        )
        if term.is_turkish:
            return f"({turkish} : ({options}))"
        return f"({folded} : ({options}) OR {turkish} : {_fts_quote(term.exact)})"

    @staticmethod
    def _phrases(query: ParsedQuery, folded: str, turkish: str, edits: int = 0) -> list[str]:
        parts = []
        for phrase in query.phrases:
            alternatives = phrase_alternatives(phrase, edits)
            spelt = [
                _fts_quote(" ".join(words))
                for words in product(*([f for f, _t in group] for group in alternatives))
            ]
            parts.append(f"{folded} : ({' OR '.join(spelt)})")
            parts += [
                f"{turkish} : ({' OR '.join(_fts_quote(form) for _f, form in group)})"
                for term, group in zip(phrase.terms, alternatives, strict=True)
                if term.is_turkish
            ]
        return parts

    def expression(
        self, query: ParsedQuery, *, title_only: bool = False, prefix: bool = True, edits: int = 0
    ) -> str:
        folded = "title_a" if title_only else "{title_a body_a}"
        turkish = "title_t" if title_only else "{title_t body_t}"
        parts = [self._term(term, folded, turkish, prefix, edits) for term in query.terms]
        return " AND ".join(parts + self._phrases(query, folded, turkish, edits))

    def match(self, query: ParsedQuery, level: int) -> tuple[str, list]:
        if level == EXACT:
            parts = [f"title_t : {_fts_quote(term.exact)}" for term in query.terms]
            expression = " AND ".join(parts + self._phrases(query, "title_a", "title_t"))
        elif level in (FULL, TITLE):
            expression = self.expression(query, title_only=True, prefix=level == TITLE)
        elif level in (TYPO1_TITLE, TYPO2_TITLE):
            expression = self.expression(query, title_only=True, edits=edits_of(level))
        elif level in (TYPO1, TYPO2):
            expression = self.expression(query, edits=edits_of(level))
        elif level == TITLE_ANY:
            parts = [self._term(term, "title_a", "title_t", True) for term in query.terms]
            parts += [f"({part})" for part in self._phrases(query, "title_a", "title_t")]
            expression = f"({self.expression(query)}) AND ({' OR '.join(parts)})"
        else:
            expression = self.expression(query)
        return f"{self.TABLE} MATCH %s", [expression]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%%'")
                return cursor.fetchone()[0] or 0
            except Exception:  # dbstat is an optional SQLite module
                return 0

    def vocabulary_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM "
                    "sqlite_master WHERE tbl_name IN ('search_searchword', 'search_searchwordkey'))"
                )
                return cursor.fetchone()[0] or 0
            except Exception:  # dbstat is an optional SQLite module
                return 0


def backend_for(vendor: str) -> Backend:
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Santral search supports PostgreSQL and SQLite, not {vendor}.")


def get_backend() -> Backend:
    return backend_for(connection.vendor)
