"""Reads of the search index: one search function for the page, the API and benchmarks.

A search runs a constant number of queries whatever the page or the number of
hits: one statement for every ranking level's newest rows and the count (up to
COUNT_CAP), the page's rows (with their councils), one for the six facets,
and the council list behind the visibility rule. See docs/search.md
("Ranking", "Counts and facets").
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from santral.content.selectors import topic_labels
from santral.councils.permissions import Capability, councils_with_capability, is_platform_admin

from . import typos
from .analysis import ParsedQuery, QueryTerm, fold, parse_query, word_matches
from .backends import BODY, COUNT_ROW, Part, Query, get_backend
from .models import SearchDocument, Visibility
from .providers import kind_labels

PAGE_SIZE = 20
# Pages past the capped count are not offered; the lists read per level grow with the page.
MAX_PAGE = 50
SNIPPET_WORDS = 30
FACETS = ("type", "council", "province", "scope", "topic", "year")
# Counts stop here ("1 000+"); facets then count the newest COUNT_CAP matches.
COUNT_CAP = 1_000
# Recency: the score's fraction that says how new an item is (ties inside a level).
RECENCY_SHARE = 0.2
RECENCY_DAYS = 365.0


@dataclass
class SearchFilters:
    """Facet filters as the user chose them (values as they appear in URLs)."""

    types: list[str] = field(default_factory=list)
    councils: list[str] = field(default_factory=list)  # council slugs
    provinces: list[str] = field(default_factory=list)  # plate codes
    scopes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def active(self) -> list[tuple[str, str]]:
        pairs = []
        for name, values in (
            ("type", self.types),
            ("council", self.councils),
            ("province", self.provinces),
            ("scope", self.scopes),
            ("topic", self.topics),
            ("year", self.years),
        ):
            pairs += [(name, str(value)) for value in values]
        return pairs


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchHit:
    document: SearchDocument
    kind_label: str
    title_html: SafeString
    snippet: SafeString
    score: float


@dataclass
class SearchResult:
    query: str
    parsed: ParsedQuery
    count: int = 0
    # True when there are more than COUNT_CAP matches: count is then COUNT_CAP ("1 000+")
    # and the facets count the newest COUNT_CAP matches.
    count_is_capped: bool = False
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    # When nothing matched the words as typed: the query with each unknown word replaced by
    # the typo variant the first results hold ("… için sonuçlar gösteriliyor").
    corrected_query: str = ""

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // self.page_size))


# --- visibility and filters ----------------------------------------------------


def _visibility_condition(user) -> tuple[str, list]:
    if user is not None and is_platform_admin(user):
        return "1 = 1", []
    council_ids = []
    if user is not None and user.is_authenticated:
        council_ids = list(
            councils_with_capability(user, Capability.VIEW_INTERNAL).values_list("pk", flat=True)
        )
    if not council_ids:
        return "d.visibility = %s", [Visibility.PUBLIC]
    marks = ", ".join(["%s"] * len(council_ids))
    return f"(d.visibility = %s OR d.council_id IN ({marks}))", [Visibility.PUBLIC, *council_ids]


def _in(column: str, values: list) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _filter_conditions(filters: SearchFilters) -> tuple[list[str], list]:
    conditions: list[str] = []
    params: list = []

    def add(condition: str, values: list) -> None:
        conditions.append(condition)
        params.extend(values)

    if filters.types:
        add(*_in("d.kind", filters.types))
    if filters.councils:
        inner, values = _in("slug", filters.councils)
        add(f"d.council_id IN (SELECT id FROM councils_council WHERE {inner})", values)  # noqa: S608
    if filters.provinces:
        inner, values = _in("plate", filters.provinces)
        add(f"d.province_id IN (SELECT id FROM councils_province WHERE {inner})", values)  # noqa: S608
    if filters.scopes:
        add(*_in("d.scope", filters.scopes))
    if filters.years:
        add(*_in("d.year", filters.years))
    for topic in filters.topics:
        add("d.id IN (SELECT document_id FROM search_searchtopic WHERE name = %s)", [topic])
    return conditions, params


# --- the search ----------------------------------------------------------------


def _recency_score(day: int | None, today: int) -> float:
    """In (0, RECENCY_SHARE]: RECENCY_SHARE for today or later, fading over about a year."""
    if day is None:
        return 0.0
    age = max(0, today - day)
    return RECENCY_SHARE * RECENCY_DAYS / (RECENCY_DAYS + age)


def _ranked(rows: list[tuple[int, int, int | None]], today: int) -> list[tuple[int, float]]:
    """Merge the levels' lists: an id's level is the best list it is in; then newest first."""
    best: dict[int, tuple[int, int | None]] = {}
    for level, document_id, day in rows:
        if document_id not in best or best[document_id][0] < level:
            best[document_id] = (level, day)
    order = sorted(
        best.items(),
        key=lambda item: (item[1][0], item[1][1] is not None, item[1][1] or 0, item[0]),
        reverse=True,
    )
    return [
        (document_id, level + _recency_score(day, today)) for document_id, (level, day) in order
    ]


def _conditions(user, filters: SearchFilters) -> tuple[str, list]:
    visibility, visibility_params = _visibility_condition(user)
    filter_conditions, filter_params = _filter_conditions(filters)
    return " AND ".join([visibility, *filter_conditions]), [*visibility_params, *filter_params]


def _joined(parts: list[Query]) -> tuple[str, list]:
    """One statement: every part's CTEs in front, then the parts' rows (UNION ALL)."""
    ctes = [cte for part in parts for cte in part.ctes]
    params = [param for part in parts for param in part.cte_params]
    sql = " UNION ALL ".join(part.sql for part in parts)
    for part in parts:
        params += part.params
    return (f"WITH {', '.join(ctes)} {sql}" if ctes else sql), params


def _statement(parsed: ParsedQuery, user, filters: SearchFilters, wanted: int) -> tuple[str, list]:
    """(SQL, params): every level's newest ``wanted`` rows, then the count up to COUNT_CAP + 1.

    Each level's best rows are its newest: a level's list holds every row of that level
    that can reach the page (page * page_size), read in recency order, so the database
    stops early. The backend decides how each part reads its rows.
    """
    backend = get_backend()
    common, common_params = _conditions(user, filters)
    parts = [
        backend.newest(
            Part(
                parsed,
                level,
                common,
                common_params,
                wanted,
                select=f"{level} AS level, d.id AS id, d.day AS day",
                name=f"level_{level}".replace("-", "typo"),
            )
        )
        for level in backend.levels(parsed)
    ]
    parts.append(backend.count(parsed, common, common_params, COUNT_CAP + 1))
    return _joined(parts)


def _run(
    parsed: ParsedQuery, user, filters: SearchFilters, page: int, page_size: int, facets: bool
) -> tuple[int, bool, list[tuple[int, float]], dict[str, list[FacetValue]], bool]:
    """(count up to COUNT_CAP, whether there are more, the page's (id, score), facets,
    whether anything matched without a typo)."""
    backend = get_backend()
    wanted = page * page_size
    statement, params = _statement(parsed, user, filters, wanted)
    count = 0
    rows = []
    with backend.reading() as cursor:
        cursor.execute(statement, params)
        for level, document_id, day in cursor.fetchall():
            if level == COUNT_ROW:
                count = max(count, document_id)
            else:
                rows.append((level, document_id, day))
        found: dict[str, list[FacetValue]] = {}
        if facets and count:
            common, common_params = _conditions(user, filters)
            matches = backend.newest(
                Part(
                    parsed,
                    backend.loosest(parsed),
                    common,
                    common_params,
                    COUNT_CAP,
                    select="d.id, d.kind, d.council_id, d.province_id, d.scope, d.year",
                    name="matches",
                )
            )
            found = _facets(cursor, matches)
    ranked = _ranked(rows, timezone.localdate().toordinal())
    more = count > COUNT_CAP
    # The BODY level holds every match without a typo, and reads up to ``wanted`` of them.
    exact = any(level >= BODY for level, _id, _day in rows)
    return min(count, COUNT_CAP), more, ranked[(page - 1) * page_size : wanted], found, exact


# One statement for every facet: the matches (the newest COUNT_CAP of them) are found once
# (a materialised CTE), then grouped six ways. Values are text so the UNION has one type
# per column.
_FACET_PARTS = {
    "type": "SELECT 'type', m.kind, m.kind, COUNT(*) FROM m GROUP BY m.kind",
    "council": (
        "SELECT 'council', c.slug, c.name, COUNT(*) FROM m "
        "JOIN councils_council c ON c.id = m.council_id GROUP BY c.slug, c.name"
    ),
    "province": (
        "SELECT 'province', p.plate, p.name, COUNT(*) FROM m "
        "JOIN councils_province p ON p.id = m.province_id GROUP BY p.plate, p.name"
    ),
    "scope": "SELECT 'scope', m.scope, m.scope, COUNT(*) FROM m GROUP BY m.scope",
    "topic": (
        "SELECT 'topic', t.name, t.name, COUNT(*) FROM m "
        "JOIN search_searchtopic t ON t.document_id = m.id GROUP BY t.name"
    ),
    "year": (
        "SELECT 'year', CAST(m.year AS TEXT), CAST(m.year AS TEXT), COUNT(*) FROM m "
        "WHERE m.year IS NOT NULL GROUP BY m.year"
    ),
}


def _facets(cursor, matches: Query) -> dict[str, list[FacetValue]]:
    from .models import Scope

    parts = " UNION ALL ".join(_FACET_PARTS[name] for name in FACETS)
    ctes = ", ".join([*matches.ctes, f"m AS MATERIALIZED ({matches.sql})"])
    cursor.execute(f"WITH {ctes} {parts}", [*matches.cte_params, *matches.params])
    rows = cursor.fetchall()
    labels = {
        "type": kind_labels(),
        "scope": {k: str(v) for k, v in Scope.choices},
        "topic": topic_labels(value for name, value, _label, _n in rows if name == "topic"),
    }
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for name, value, label, number in rows:
        if value is not None:
            facets[name].append(
                FacetValue(
                    value=str(value),
                    label=labels.get(name, {}).get(str(value), str(label)),
                    count=number,
                )
            )
    for name, values in facets.items():
        if name == "year":
            values.sort(key=lambda item: item.value, reverse=True)
        else:
            values.sort(key=lambda item: (-item.count, item.value))
    return facets


def search(
    *,
    user,
    query: str,
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    facets: bool = True,
    correct_typos: bool = True,
    snippets: bool = True,
) -> SearchResult:
    """Search what ``user`` may see. Never raises on bad input: it finds nothing instead.

    Only public entries, plus the internal entries of councils in which the
    user may see internal records (every entry for a platform admin).
    """
    filters = filters or SearchFilters()
    parsed = parse_query(query)
    page = min(max(1, page), MAX_PAGE)
    result = SearchResult(query=query, parsed=parsed, page=page, page_size=page_size)
    if parsed.is_empty:
        return result
    if correct_typos:
        parsed = with_typos(parsed)
        result.parsed = parsed
    count, more, ranked, found, exact = _run(parsed, user, filters, page, page_size, facets)
    result.count, result.count_is_capped, result.facets = count, more, found
    documents = SearchDocument.objects.select_related("council").in_bulk(
        [document_id for document_id, _ in ranked]
    )
    if count and not exact and parsed.typo_edits():
        result.corrected_query = _corrected(
            query, parsed, [documents[i] for i, _ in ranked if i in documents]
        )
    labels = kind_labels()
    terms = parsed.all_terms()
    for document_id, score in ranked:
        document = documents.get(document_id)
        if document is None:
            continue
        result.hits.append(
            SearchHit(
                document=document,
                kind_label=labels.get(document.kind, document.kind),
                title_html=highlight(document.title, terms) if snippets else escape(document.title),
                snippet=snippet(document.body, terms) if snippets else mark_safe(""),
                score=score,
            )
        )
    return result


def suggestions(*, user, query: str, limit: int = 8) -> list[SearchDocument]:
    """Titles for search-as-you-type: the best matches (typos forgiven), no facets."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return []
    parsed = with_typos(parsed)
    _, _, ranked, _, _ = _run(parsed, user, SearchFilters(), 1, limit, facets=False)
    documents = SearchDocument.objects.in_bulk([document_id for document_id, _ in ranked])
    return [documents[document_id] for document_id, _ in ranked if document_id in documents]


def completions(*, query: str, limit: int = 5) -> list[str]:
    """The query with its last word completed from the vocabulary of public items (words
    it begins, then, after four letters, words it begins with one typo)."""
    parsed = parse_query(query)
    if not parsed.terms or query.rstrip() != query or query.endswith('"'):
        return []
    last = parsed.terms[-1]
    if not query.endswith(last.typed):
        return []
    head = query[: len(query) - len(last.typed)]
    return [
        head + word for word in typos.complete(last.form, is_turkish=last.is_turkish, limit=limit)
    ]


# --- typo tolerance ---------------------------------------------------------------


def with_typos(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each word's typo variants (``typos.find_typos``: words of the index
    within the edits the word's length allows; none for a word of the index)."""
    found = typos.find_typos(parsed.all_terms())
    if not any(found.values()):
        return parsed

    def term(item: QueryTerm) -> QueryTerm:
        variants = found.get(typos.term_token(item))
        return replace(item, typos=variants) if variants else item

    return replace(
        parsed,
        terms=tuple(map(term, parsed.terms)),
        phrases=tuple(
            replace(phrase, terms=tuple(map(term, phrase.terms))) for phrase in parsed.phrases
        ),
    )


def _corrected(query: str, parsed: ParsedQuery, documents: list[SearchDocument]) -> str:
    """The query as typed, each misspelt word replaced by the variant the results hold
    (the first result holding one; the closest, most frequent variant otherwise)."""
    corrected = query
    for item in parsed.all_terms():
        if not item.typos:
            continue
        best = item.typos[0].form
        for document in documents:
            held = set(_TOKEN.findall(f"{document.title} {document.body}"))
            chosen = next(
                (
                    t.form
                    for t in item.typos
                    if any(word_matches(w, _exactly(t.form, item)) for w in held)
                ),
                None,
            )
            if chosen:
                best = chosen
                break
        corrected = re.sub(rf"(?<!\w){re.escape(item.typed)}(?!\w)", best, corrected, count=1)
    return corrected if corrected != query else ""


def _exactly(form: str, item: QueryTerm) -> QueryTerm:
    """A term matching only ``form`` as a whole word (in the term's space)."""
    return replace(item, form=form, stems=(), prefix=False, typos=())


# --- highlighting ----------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")


def _matches(word: str, terms: tuple[QueryTerm, ...]) -> bool:
    return any(word_matches(word, term) for term in terms)


def highlight(text: str, terms: tuple[QueryTerm, ...]) -> SafeString:
    """The text escaped, with matching words in <mark>."""
    out, last = [], 0
    for found in _TOKEN.finditer(text):
        out.append(escape(text[last : found.start()]))
        word = found.group()
        out.append(f"<mark>{escape(word)}</mark>" if _matches(word, terms) else escape(word))
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: tuple[QueryTerm, ...], width: int = SNIPPET_WORDS) -> SafeString:
    """About ``width`` words around the first match, escaped, matches highlighted."""
    found = list(_TOKEN.finditer(text or ""))
    if not found:
        return mark_safe("")
    first = next((i for i, m in enumerate(found) if _matches(m.group(), terms)), 0)
    start = max(0, first - width // 3)
    end = min(len(found), start + width)
    piece = text[found[start].start() : found[end - 1].end()]
    html = highlight(piece, terms)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(found) else ""
    return mark_safe(escape(prefix) + html + escape(suffix))


def fold_for_display(text: str) -> str:
    return fold(text)


def format_date(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.strftime("%d.%m.%Y")
