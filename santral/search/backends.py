"""The two full-text backends behind one interface: PostgreSQL and SQLite FTS5.

Both receive text already analysed by ``santral.search.analysis`` (so Turkish
handling is ours and identical) and differ only in how they store tokens and
express a match and a rank:

* PostgreSQL: ``search_searchdocument.vector`` (tsvector, GIN index; title
  weight A, body weight B) and ``title_vector`` (title only, small: ranking
  tiers), built by ``to_tsvector('simple', …)`` from our token strings (the
  ``simple`` configuration only splits on spaces and lower-cases what is
  already lower case). Turkish tokens carry a leading ``0`` (a "numword" to the
  parser) so the two spaces never meet and no match needs a weight recheck.
* SQLite: the FTS5 table ``search_fts`` with four columns (folded / Turkish,
  title / body) and the ``unicode61 remove_diacritics 0`` tokenizer.

A query becomes, per term: its form as a prefix OR its stems, in the folded
space for a word typed in ASCII or in the Turkish space for a word typed with
Turkish letters; an ASCII word also scores its exact Turkish form (so the
exact form ranks first). Terms are ANDed; phrases are adjacent folded words.
"""

from dataclasses import dataclass

from django.db import connection

from .analysis import AnalysedText, ParsedQuery, QueryTerm
from .models import SearchDocument

# PostgreSQL only: Turkish-space tokens start with it (a digit keeps the parser's token whole).
TURKISH_MARK = "0"

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
# Newer items get up to this share more score, fading over about a year.
RECENCY_SHARE = 0.2
RECENCY_DAYS = 365.0


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

    # writes
    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
        """Insert the rows and their full-text tokens; sets each document's pk."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    # reads: a condition on "d" (search_searchdocument) and a rank expression
    def match(self, query: ParsedQuery) -> tuple[str, str, list]:
        """(FROM clause naming the documents "d", WHERE condition, params) of matching rows."""
        raise NotImplementedError

    def rank(self) -> tuple[str, list]:
        """An SQL expression, larger is better, usable with match()'s FROM and WHERE."""
        raise NotImplementedError

    def title_match(self, query: ParsedQuery, *, prefix: bool) -> tuple[str, list]:
        """A condition on "d": its title alone matches the query (with or without prefixes)."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError


class PostgresBackend(Backend):
    vendor = "postgresql"

    VECTOR = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    )
    TITLE_VECTOR = "to_tsvector('simple', %s)"

    @staticmethod
    def _text(text: AnalysedText) -> str:
        marked = " ".join(TURKISH_MARK + token for token in text.turkish.split())
        return f"{text.folded} {marked}"

    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
        if not documents:
            return
        fields = [f for f in SearchDocument._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        row = "(" + ", ".join(["%s"] * len(fields)) + f", {self.VECTOR}, {self.TITLE_VECTOR})"
        params: list = []
        for document, text in zip(documents, texts, strict=True):
            params += [f.get_db_prep_save(getattr(document, f.attname), connection) for f in fields]
            title = self._text(text.title)
            params += [title, self._text(text.body), title]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO search_searchdocument ({columns}, vector, title_vector) "  # noqa: S608
                f"VALUES {', '.join([row] * len(documents))} RETURNING id",
                params,
            )
            for document, (pk,) in zip(documents, cursor.fetchall(), strict=True):
                document.pk = pk
                document._state.adding = False
                document._state.db = "default"

    def clear(self) -> None:
        pass

    @staticmethod
    def _term(term: QueryTerm, prefix: bool) -> str:
        mark = TURKISH_MARK if term.is_turkish else ""
        star = ":*" if prefix and term.prefix else ""
        options = [_pg_quote(mark + term.form) + star]
        options += [_pg_quote(mark + stemmed) for stemmed in term.stems]
        if not term.is_turkish:
            options.append(_pg_quote(TURKISH_MARK + term.exact))
        return "(" + " | ".join(options) + ")"

    def tsquery(self, query: ParsedQuery, *, prefix: bool = True) -> str:
        parts = [self._term(term, prefix) for term in query.terms]
        for phrase in query.phrases:
            parts.append("(" + " <-> ".join(_pg_quote(t.folded) for t in phrase.terms) + ")")
            parts += [_pg_quote(TURKISH_MARK + t.form) for t in phrase.terms if t.is_turkish]
        return " & ".join(parts)

    def match(self, query: ParsedQuery) -> tuple[str, str, list]:
        return (
            "search_searchdocument d CROSS JOIN (SELECT CAST(%s AS tsquery) AS q) AS sq",
            "d.vector @@ sq.q",
            [self.tsquery(query)],
        )

    def title_match(self, query: ParsedQuery, *, prefix: bool) -> tuple[str, list]:
        return ("d.title_vector @@ CAST(%s AS tsquery)", [self.tsquery(query, prefix=prefix)])

    def rank(self) -> tuple[str, list]:
        weights = f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1.0}}"  # D, C, B (body), A (title)
        return ("ts_rank(CAST(%s AS float4[]), d.vector, sq.q)", [weights])

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
            return cursor.fetchone()[0]


class SqliteBackend(Backend):
    vendor = "sqlite"
    TABLE = "search_fts"

    def insert(self, documents: list[SearchDocument], texts: list[IndexedText]) -> None:
        if not documents:
            return
        SearchDocument.objects.bulk_create(documents)
        rows = [
            (
                document.pk,
                text.title.folded,
                text.title.turkish,
                text.body.folded,
                text.body.turkish,
            )
            for document, text in zip(documents, texts, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.TABLE}(rowid, title_a, title_t, body_a, body_t) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.TABLE}")  # noqa: S608

    @staticmethod
    def _term(term: QueryTerm, folded: str, turkish: str, prefix: bool) -> str:
        form = _fts_quote(term.form) + ("*" if prefix and term.prefix else "")
        options = " OR ".join([form, *(_fts_quote(stemmed) for stemmed in term.stems)])
        if term.is_turkish:
            return f"({turkish} : ({options}))"
        return f"({folded} : ({options}) OR {turkish} : {_fts_quote(term.exact)})"

    def expression(
        self, query: ParsedQuery, *, title_only: bool = False, prefix: bool = True
    ) -> str:
        folded = "title_a" if title_only else "{title_a body_a}"
        turkish = "title_t" if title_only else "{title_t body_t}"
        parts = [self._term(term, folded, turkish, prefix) for term in query.terms]
        for phrase in query.phrases:
            words = " ".join(term.folded for term in phrase.terms)
            parts.append(f"{folded} : {_fts_quote(words)}")
            parts += [
                f"{turkish} : {_fts_quote(term.form)}" for term in phrase.terms if term.is_turkish
            ]
        return " AND ".join(parts)

    def title_match(self, query: ParsedQuery, *, prefix: bool) -> tuple[str, list]:
        return (
            f"d.id IN (SELECT rowid FROM {self.TABLE} WHERE {self.TABLE} MATCH %s)",  # noqa: S608
            [self.expression(query, title_only=True, prefix=prefix)],
        )

    def match(self, query: ParsedQuery) -> tuple[str, str, list]:
        # CROSS JOIN makes SQLite run the full-text query first, then fetch the rows it found
        # (a plain JOIN may loop over every document and run the FTS query once per row).
        return (
            f"{self.TABLE} CROSS JOIN search_searchdocument d ON d.id = {self.TABLE}.rowid",
            f"{self.TABLE} MATCH %s",
            [self.expression(query)],
        )

    def rank(self) -> tuple[str, list]:
        # bm25() is negative, more negative is better; weights per column in table order.
        return (
            f"-bm25({self.TABLE}, {TITLE_WEIGHT}, {TITLE_WEIGHT}, {BODY_WEIGHT}, {BODY_WEIGHT})",
            [],
        )

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
