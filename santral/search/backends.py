"""The two full-text backends behind one interface: PostgreSQL and SQLite FTS5.

Both receive text already analysed by ``santral.search.analysis`` (so Turkish
handling is ours and identical) and differ only in how they store tokens and
express a match:

* PostgreSQL: ``search_searchdocument.vector`` (tsvector of title and body, GIN
  index) and ``title_vector`` (title only, GIN index), built by
  ``to_tsvector('simple', …)`` from our token strings (the ``simple``
  configuration only splits on spaces and lower-cases what is already lower
  case). Turkish tokens carry a leading ``0`` (a "numword" to the parser) so the
  two spaces never meet. Matches in recency order come from the B-tree index on
  ``(day DESC NULLS LAST, id DESC)``.
* SQLite: the FTS5 table ``search_fts`` with four columns (folded / Turkish,
  title / body) and the ``unicode61 remove_diacritics 0`` tokenizer. Its rowid
  is the document's *order key* ``day · 10¹⁰ + id`` (``order_key``), so FTS5
  hands out matches newest first and stops after the few a page needs instead
  of reading every match. A query word used as a prefix is expanded to the
  indexed words it begins (table ``search_token``, at most ``MAX_EXPANSION``;
  shorter or more prolific prefixes use FTS5's own prefix indexes 2 and 3),
  because FTS5 merges every word of a prefix before it returns the first row.

A query becomes, per term: its form (as a prefix) OR its stems, in the folded
space for a word typed in ASCII or in the Turkish space for a word typed with
Turkish letters; an ASCII word also matches its exact Turkish form. Terms are
ANDed; phrases are adjacent folded words. ``match(query, level)`` gives the
rows of one ranking level (see ``selectors``): every match, matches whose title
holds any word, every word (as prefixes), every word in full, every word as
typed.
"""

from dataclasses import dataclass

from django.db import connection

from .analysis import AnalysedText, ParsedQuery, QueryTerm
from .models import SearchDocument

# PostgreSQL only: Turkish-space tokens start with it (a digit keeps the parser's token whole).
TURKISH_MARK = "0"
# SQLite only: FTS rowid = day * ORDER_BASE + document id (ids stay below it).
ORDER_BASE = 10_000_000_000
# SQLite only: a prefix that begins more indexed words than this uses FTS5's prefix syntax.
MAX_EXPANSION = 40
PREFIX_INDEX_MAX = 3
# SQLite only: page cache while rebuilding (KiB).
BULK_CACHE_KIB = 262_144

# Ranking levels, best first (see selectors.search).
EXACT, FULL, TITLE, TITLE_ANY, BODY = 4, 3, 2, 1, 0


def order_key(document: SearchDocument) -> int:
    return (document.day or 0) * ORDER_BASE + document.pk


@dataclass
class IndexedText:
    title: AnalysedText
    body: AnalysedText


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class Backend:
    vendor = ""
    # SQL ordering the rows of match(): newest first, then the higher id.
    order = ""
    # SQL naming the documents "d" (joined to whatever match() needs).
    source = ""

    # writes
    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
        """Insert the rows and their full-text tokens; sets each document's pk."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def bulk_start(self) -> None:
        """Before a rebuild: drop what is cheaper to build once at the end."""

    def bulk_end(self) -> None:
        """After a rebuild: build it again."""

    # reads
    def levels(self, query: ParsedQuery) -> list[int]:
        several = len(query.terms) + len(query.phrases) > 1
        return [EXACT, FULL, TITLE, *([TITLE_ANY] if several else []), BODY]

    def match(self, query: ParsedQuery, level: int) -> tuple[str, list]:
        """A condition (WHERE part, used with ``source``) for the rows of one level."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError


class PostgresBackend(Backend):
    vendor = "postgresql"
    order = "d.day DESC NULLS LAST, d.id DESC"
    source = "search_searchdocument d"

    VECTOR = "to_tsvector('simple', %s)"
    GIN_INDEXES = {
        "search_document_vector": "CREATE INDEX search_document_vector "
        "ON search_searchdocument USING gin (vector)",
        "search_document_title_vector": "CREATE INDEX search_document_title_vector "
        "ON search_searchdocument USING gin (title_vector)",
    }

    @staticmethod
    def _text(text: AnalysedText) -> str:
        # Tokens are separated by single spaces: marking each is one replace().
        if not text.turkish:
            return text.folded
        return f"{text.folded} {TURKISH_MARK}{text.turkish.replace(' ', ' ' + TURKISH_MARK)}"

    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
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
            rows = []
            for pk, document, text in zip(ids, documents, texts, strict=True):
                title = self._text(text.title)
                rows.append(
                    [pk]
                    + [f.get_db_prep_save(getattr(document, f.attname), connection) for f in fields]
                    + [f"{title} {self._text(text.body)}", title]
                )
            placeholders = ", ".join(["%s"] * (len(fields) + 1))
            # One statement per row in a pipeline (psycopg's executemany): far cheaper to
            # prepare than one statement with thousands of parameters.
            cursor.executemany(
                f"INSERT INTO search_searchdocument (id, {columns}, vector, title_vector) "  # noqa: S608
                f"VALUES ({placeholders}, {self.VECTOR}, {self.VECTOR})",
                rows,
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
            cursor.execute("SET maintenance_work_mem = '256MB'")
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
    def _term(term: QueryTerm, prefix: bool) -> str:
        mark = TURKISH_MARK if term.is_turkish else ""
        star = ":*" if prefix and term.prefix else ""
        options = [_pg_quote(mark + term.form) + star]
        options += [_pg_quote(mark + stemmed) for stemmed in term.stems]
        if not term.is_turkish:
            options.append(_pg_quote(TURKISH_MARK + term.exact))
        return "(" + " | ".join(options) + ")"

    @staticmethod
    def _phrases(query: ParsedQuery) -> list[str]:
        parts = []
        for phrase in query.phrases:
            parts.append("(" + " <-> ".join(_pg_quote(t.folded) for t in phrase.terms) + ")")
            parts += [_pg_quote(TURKISH_MARK + t.form) for t in phrase.terms if t.is_turkish]
        return parts

    def tsquery(self, query: ParsedQuery, *, prefix: bool = True) -> str:
        parts = [self._term(term, prefix) for term in query.terms] + self._phrases(query)
        return " & ".join(parts)

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
        if level == TITLE_ANY:
            return f"{everything} AND d.title_vector @@ CAST(%s AS tsquery)", [
                self.tsquery(query),
                self._any(query),
            ]
        return everything, [self.tsquery(query)]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
            return cursor.fetchone()[0]


class SqliteBackend(Backend):
    vendor = "sqlite"
    TABLE = "search_fts"
    order = f"{TABLE}.rowid DESC"
    source = f"{TABLE} CROSS JOIN search_searchdocument d ON d.id = {TABLE}.rowid %% {ORDER_BASE}"

    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
        if not documents:
            return
        SearchDocument.objects.bulk_create(documents)
        rows = []
        tokens: set[str] = set()
        for document, text in zip(documents, texts, strict=True):
            rows.append(
                (
                    order_key(document),
                    text.title.folded,
                    text.title.turkish,
                    text.body.folded,
                    text.body.turkish,
                )
            )
            for analysed in (text.title, text.body):
                tokens.update(analysed.folded.split())
                tokens.update(analysed.turkish.split())
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.TABLE}(rowid, title_a, title_t, body_a, body_t) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
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
        if len(form) <= PREFIX_INDEX_MAX:
            return _fts_quote(form) + "*"
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

    def _term(self, term: QueryTerm, folded: str, turkish: str, prefix: bool) -> str:
        form = self._prefix(term.form) if prefix and term.prefix else _fts_quote(term.form)
        options = " OR ".join([form, *(_fts_quote(stemmed) for stemmed in term.stems)])
        if term.is_turkish:
            return f"({turkish} : ({options}))"
        return f"({folded} : ({options}) OR {turkish} : {_fts_quote(term.exact)})"

    @staticmethod
    def _phrases(query: ParsedQuery, folded: str, turkish: str) -> list[str]:
        parts = []
        for phrase in query.phrases:
            words = " ".join(term.folded for term in phrase.terms)
            parts.append(f"{folded} : {_fts_quote(words)}")
            parts += [
                f"{turkish} : {_fts_quote(term.form)}" for term in phrase.terms if term.is_turkish
            ]
        return parts

    def expression(
        self, query: ParsedQuery, *, title_only: bool = False, prefix: bool = True
    ) -> str:
        folded = "title_a" if title_only else "{title_a body_a}"
        turkish = "title_t" if title_only else "{title_t body_t}"
        parts = [self._term(term, folded, turkish, prefix) for term in query.terms]
        return " AND ".join(parts + self._phrases(query, folded, turkish))

    def match(self, query: ParsedQuery, level: int) -> tuple[str, list]:
        if level == EXACT:
            parts = [f"title_t : {_fts_quote(term.exact)}" for term in query.terms]
            expression = " AND ".join(parts + self._phrases(query, "title_a", "title_t"))
        elif level in (FULL, TITLE):
            expression = self.expression(query, title_only=True, prefix=level == TITLE)
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


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Santral search supports PostgreSQL and SQLite, not {connection.vendor}.")
