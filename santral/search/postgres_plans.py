"""PostgreSQL: how each part of a search reads its rows, chosen from how common its words are.

A part wants the newest N rows matching a tsquery. Two ways to get them:

* **walk** the ``(day, id)`` index newest first and test each row, stopping at N
  matches: cheap when matches are common, ruinous when they are rare (it reads
  the whole table to find nothing);
* **bitmap**: the GIN index gives every match, then the newest N are sorted out:
  cheap when matches are rare, slow when there are hundreds of thousands.

PostgreSQL's planner picks one from its own estimate, which for ANDs of prefix
terms can be off by a factor of a thousand (measured: a walk over 1 000 000 rows
for a title word no title has). So we estimate ourselves, from the lexeme
frequencies ANALYZE keeps (``pg_stats.most_common_elems``), and we never trust
the estimate alone. The estimate is a range: a part goes straight to the bitmap
only when even its high end is rare; otherwise it walks, as far as its low end
says it may need (a walk stops at N matches, so a long bound costs nothing
when matches are common), and when the walk comes back short a bitmap, gated
by a one-time filter, finishes the job.
"""

import math
import time
from bisect import bisect_left
from dataclasses import dataclass

from django.db import connection

# A part expected to match fewer rows than this reads them all from the GIN index.
BITMAP_ROWS = 4_000
# A walk reads this many times the rows its estimate says it needs, within these bounds
# (per row, a title walk reads a small inline vector, a body walk a large compressed one).
WALK_SAFETY = 6.0
TITLE_WALK_ROWS = (500, 20_000)
BODY_WALK_ROWS = (50, 3_000)
# A part that wants many rows (the facets' newest 1 000 matches) may walk further: up to
# this many rows per row wanted, and WALK_MAX_ROWS in all.
WALK_ROWS_PER_WANTED = 20
WALK_MAX_ROWS = 20_000
# What a row costs (µs, measured at 1 000 000 items): walking, a title (small, inline
# vector) or a body (detoasted, in index order: random reads); taking a match from a
# bitmap (heap fetch and sort).
TITLE_WALK_ROW_US = 2.0
BODY_WALK_ROW_US = 25.0
BITMAP_ROW_US = 3.0
# Counting common words: a random sample of about SAMPLE_ROWS rows (whole pages). With
# SAMPLE_MATCHES matches or more in it, and twice the cap by proportion, there are more
# matches than the cap: were there only the cap (1 001 of 1 000 000 rows), a sample of
# 800 would hold 0.8 on average and 10 or more with a chance of about 5 in 100 million.
SAMPLE_ROWS = 800
SAMPLE_MATCHES = 10
# Frequencies are read again after this many seconds (ANALYZE refreshes them).
STATS_SECONDS = 300.0
# Without statistics (a new index, before ANALYZE), words are taken to be this common.
UNKNOWN_FREQUENCY = 0.01


@dataclass(frozen=True)
class Option:
    """One alternative of a query term: a lexeme, or a prefix of lexemes."""

    token: str
    prefix: bool = False


@dataclass
class ColumnStats:
    lexemes: list[str]
    frequencies: list[float]
    # Lexemes outside the list are rarer than its least common one.
    floor: float

    def frequency(self, option: Option) -> float:
        start = bisect_left(self.lexemes, option.token)
        if not option.prefix:
            if start < len(self.lexemes) and self.lexemes[start] == option.token:
                return self.frequencies[start]
            return self.floor / 2
        total = self.floor / 2  # the prefix's words outside the list
        index = start
        while index < len(self.lexemes) and self.lexemes[index].startswith(option.token):
            total += self.frequencies[index]
            index += 1
        return total

    def _group(self, group: list[Option]) -> float:
        # A group's alternatives (a word, its stems, its Turkish form) mostly occur in the
        # same rows: the group counts as its most common alternative, not their sum.
        return min(1.0, max(self.frequency(option) for option in group))

    def density(self, groups: list[list[Option]]) -> tuple[float, float]:
        """(low, high) share of rows matching an AND of OR-groups.

        High: the rarest group's share (words that go together, as in a phrase, match
        about that many). Low: the groups taken as independent (the product).
        """
        shares = [self._group(group) for group in groups] or [1.0]
        return math.prod(shares), min(shares)


@dataclass
class TableStats:
    rows: float
    columns: dict[str, ColumnStats]
    read_at: float

    def density(self, column: str, groups: list[list[Option]]) -> tuple[float, float]:
        stats = self.columns.get(column)
        if stats is None:
            return UNKNOWN_FREQUENCY, UNKNOWN_FREQUENCY
        return stats.density(groups)


_cache: dict[str, TableStats] = {}


def table_stats(table: str = "search_searchdocument") -> TableStats:
    """Row count and lexeme frequencies of the tsvector columns (cached per process)."""
    cached = _cache.get(table)
    if cached is not None and time.monotonic() - cached.read_at < STATS_SECONDS:
        return cached
    rows = 0.0
    columns = {}
    with connection.cursor() as cursor:
        # One statement: the row count on every row, and a row per analysed tsvector column.
        cursor.execute(
            "SELECT GREATEST(c.reltuples, 0), s.attname, s.most_common_elems::text::text[], "
            "s.most_common_elem_freqs FROM pg_class c LEFT JOIN pg_stats s "
            "ON s.tablename = c.relname AND s.most_common_elems IS NOT NULL "
            "WHERE c.relname = %s",
            [table],
        )
        for reltuples, column, lexemes, frequencies in cursor.fetchall():
            rows = float(reltuples)
            if column is None:
                continue
            # Two numbers follow the per-lexeme frequencies: their minimum and maximum.
            pairs = sorted(zip(lexemes, frequencies[: len(lexemes)], strict=True))
            columns[column] = ColumnStats(
                lexemes=[lexeme for lexeme, _ in pairs],
                frequencies=[frequency for _, frequency in pairs],
                floor=frequencies[len(lexemes)] if len(frequencies) > len(lexemes) else 0.0,
            )
    stats = _cache[table] = TableStats(rows=rows, columns=columns, read_at=time.monotonic())
    return stats


def walk_rows(wanted: int, density: float, bounds: tuple[int, int]) -> int:
    """How many of the newest rows a walk reads to find ``wanted`` matches, with a margin."""
    least, most = bounds
    most = min(WALK_MAX_ROWS, max(most, WALK_ROWS_PER_WANTED * wanted))
    needed = math.ceil(wanted / max(density, 1e-9) * WALK_SAFETY)
    return max(wanted, least, min(most, needed))


def walk_is_cheaper(wanted: int, share: float, rows: float, row_us: float) -> bool:
    """Whether walking to ``wanted`` matches beats the whole bitmap, were ``share`` of the
    rows to match (the high estimate: when it is too high, the bounded walk comes back
    short and the bitmap runs after all)."""
    return wanted / max(share, 1e-9) * row_us < share * rows * BITMAP_ROW_US
