"""Turkish-aware text analysis shared by indexing and querying, identical on every database.

Each word of a text is turned into tokens of two kinds, kept apart:

* the **folded** form (``fold``): Turkish lower-case, then every Turkish letter
  replaced by its plain Latin look-alike (ç→c, ğ→g, ı→i, ö→o, ş→s, ü→u).
  A query word typed in plain ASCII is matched against these, so ``kadin``
  finds "Kadın" and ``sagligi`` finds "Sağlığı".
* the **Turkish** form (``turkish_forms``): Turkish lower-case keeping ı ≠ i.
  A query word typed with Turkish letters is matched against these, so
  ``ılık`` finds "Ilık" but not "ilik". An ASCII capital ``I`` in the text may
  stand for İ or I (people write ISTANBUL), so such words get both readings.

Snowball stems (Turkish, or English for English content) are added beside the
words as an extra signal; they never replace the word itself, because Snowball
Turkish over-stems now and then (``ığdır → ık``), which is also why stems
shorter than ``MIN_STEM`` letters are dropped.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import snowballstemmer

from santral.core.text import to_ascii, turkish_lower

MIN_STEM = 4
MAX_WORD = 40
# Words of one text that are indexed (the rest of a very long text is not).
MAX_WORDS = 50_000
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 10
# Words with more ASCII capital I's than this get only the all-ı and all-i readings.
MAX_AMBIGUOUS_I = 3

_WORD = re.compile(r"[^\W_]+")
_CIRCUMFLEX = str.maketrans({"â": "a", "î": "i", "û": "u"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")

_stemmers = {
    "tr": snowballstemmer.stemmer("turkish"),
    "en": snowballstemmer.stemmer("english"),
}


def words(text: str) -> list[str]:
    """The words of a text, in order (letters and digits; apostrophes and punctuation split)."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))
    return [word for word in _WORD.findall(text) if len(word) <= MAX_WORD]


def has_turkish_letters(word: str) -> bool:
    """True when the word was typed with at least one letter outside ASCII."""
    return not word.isascii()


def fold(word: str) -> str:
    """The folded form: Turkish lower-case, then plain Latin letters (never with a space)."""
    return "".join(to_ascii(turkish_lower(word)).lower().split())


def turkish_forms(word: str) -> tuple[str, ...]:
    """Turkish lower-case readings of a word as written in a text.

    ``İ`` is i and ``ı``/``i`` are themselves; an ASCII capital ``I`` is read as
    both ı and i, because it is both the Turkish capital of ı and what a
    keyboard without Turkish letters gives for İ.
    """
    word = unicodedata.normalize("NFC", word)
    positions = [index for index, char in enumerate(word) if char == "I"]
    lowered = list(turkish_lower(word).translate(_CIRCUMFLEX))
    if not positions:
        return ("".join(lowered),)
    if len(positions) > MAX_AMBIGUOUS_I:
        choices = [("ı",) * len(positions), ("i",) * len(positions)]
    else:
        choices = list(product("ıi", repeat=len(positions)))
    readings = []
    for choice in choices:
        for position, letter in zip(positions, choice, strict=True):
            lowered[position] = letter
        readings.append("".join(lowered))
    return tuple(dict.fromkeys(readings))


def query_turkish_form(word: str) -> str:
    """A query word typed with Turkish letters: Turkish lower-case, nothing ambiguous."""
    return turkish_lower(unicodedata.normalize("NFC", word)).translate(_CIRCUMFLEX)


def stem(word: str, language: str = "tr") -> str:
    """The Snowball stem, or "" when it is too short to be a useful signal."""
    stemmer = _stemmers.get(language, _stemmers["tr"])
    stemmed = stemmer.stemWord(word)
    return stemmed if len(stemmed) >= MIN_STEM else ""


@dataclass(frozen=True)
class WordTokens:
    folded: str
    turkish: tuple[str, ...]
    folded_stems: tuple[str, ...]
    turkish_stems: tuple[str, ...]


@lru_cache(maxsize=300_000)
def analyse_word(word: str, language: str = "tr") -> WordTokens:
    """All tokens one word of a text contributes to the index (cached: vocabularies are small)."""
    folded = fold(word)
    turkish = turkish_forms(word)
    turkish_stems: list[str] = []
    folded_stems: list[str] = []
    if language == "en":
        english = stem(folded, "en")
        if english and english != folded:
            folded_stems.append(english)
    else:
        for reading in {turkish[0], turkish[-1]}:
            stemmed = stem(reading, "tr")
            if stemmed and stemmed != reading:
                turkish_stems.append(stemmed)
                stemmed_folded = to_ascii(stemmed).lower()
                if stemmed_folded != folded:
                    folded_stems.append(stemmed_folded)
    return WordTokens(
        folded=folded,
        turkish=turkish,
        folded_stems=tuple(dict.fromkeys(folded_stems)),
        turkish_stems=tuple(dict.fromkeys(turkish_stems)),
    )


@dataclass(frozen=True)
class AnalysedText:
    """A text as two token strings: the words in order, then every extra reading and stem.

    Extras go after all the words so that the words themselves stay adjacent
    (phrases); both backends index exactly these strings.
    """

    folded: str
    turkish: str


class _WordTables:
    """Per language, each word's four token strings, so a text is joined with map() in C."""

    MAX = 500_000

    def __init__(self, language: str) -> None:
        self.language = language
        self.folded: dict[str, str] = {}
        self.turkish: dict[str, str] = {}
        self.folded_more: dict[str, str] = {}
        self.turkish_more: dict[str, str] = {}
        # Words that fold to nothing (a lone compatibility character): left out of texts.
        self.blank: set[str] = set()

    def learn(self, text_words: list[str]) -> None:
        new = set(text_words).difference(self.folded)
        if not new:
            return
        if len(self.folded) + len(new) > self.MAX:
            for table in (self.folded, self.turkish, self.folded_more, self.turkish_more):
                table.clear()
        for word in new:
            tokens = analyse_word(word, self.language)
            if not tokens.folded:
                self.blank.add(word)
            self.folded[word] = tokens.folded
            self.turkish[word] = tokens.turkish[0]
            self.folded_more[word] = " ".join(tokens.folded_stems)
            self.turkish_more[word] = " ".join((*tokens.turkish[1:], *tokens.turkish_stems))


_tables: dict[str, _WordTables] = {}


def analyse_text(text: str, language: str = "tr", max_words: int = MAX_WORDS) -> AnalysedText:
    """Index tokens of a text (same analysis as queries get)."""
    text_words = words(text)[:max_words]
    tables = _tables.get(language)
    if tables is None:
        tables = _tables[language] = _WordTables(language)
    tables.learn(text_words)
    if tables.blank and not tables.blank.isdisjoint(text_words):
        text_words = [word for word in text_words if word not in tables.blank]
    folded = " ".join(
        filter(
            None,
            (
                " ".join(map(tables.folded.__getitem__, text_words)),
                " ".join(filter(None, map(tables.folded_more.__getitem__, text_words))),
            ),
        )
    )
    turkish = " ".join(
        filter(
            None,
            (
                " ".join(map(tables.turkish.__getitem__, text_words)),
                " ".join(filter(None, map(tables.turkish_more.__getitem__, text_words))),
            ),
        )
    )
    return AnalysedText(folded=folded, turkish=turkish)


# --- queries -----------------------------------------------------------------


@dataclass(frozen=True)
class QueryTerm:
    """One query word: how it matches (folded or Turkish), and its stems as alternatives."""

    typed: str
    is_turkish: bool
    form: str  # folded form (ASCII query) or Turkish form (query with Turkish letters)
    exact: str  # Turkish lower-case of what was typed: exact-form bonus
    folded: str  # folded form, whatever was typed (phrases compare these)
    stems: tuple[str, ...]
    prefix: bool
    # Vocabulary words it may be a typo of (``typos.find_typos``), closest first; each has
    # .form (in this term's space), .folded and .distance.
    typos: tuple = ()

    def typo_forms(self, edits: int) -> tuple[str, ...]:
        return tuple(typo.form for typo in self.typos if typo.distance <= edits)


@dataclass(frozen=True)
class QueryPhrase:
    """Words in double quotes: they must follow each other (compared in folded form)."""

    terms: tuple[QueryTerm, ...]


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[QueryTerm, ...] = ()
    phrases: tuple[QueryPhrase, ...] = ()
    was_truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_terms(self) -> tuple[QueryTerm, ...]:
        return self.terms + tuple(term for phrase in self.phrases for term in phrase.terms)

    def typo_edits(self) -> tuple[int, ...]:
        """The distances of the typo variants its words have (none, (1,), (2,) or (1, 2))."""
        return tuple(sorted({typo.distance for term in self.all_terms() for typo in term.typos}))


def _term(word: str, prefix: bool) -> QueryTerm:
    is_turkish = has_turkish_letters(word)
    exact = query_turkish_form(word)
    if is_turkish:
        form = exact
        stems = [stem(form, "tr")]
    else:
        form = fold(word)
        stems = [fold(stem(form, "tr")), stem(form, "en")]
    return QueryTerm(
        typed=word,
        is_turkish=is_turkish,
        form=form,
        exact=exact,
        folded=fold(word),
        stems=tuple(dict.fromkeys(s for s in stems if s and s != form)),
        prefix=prefix and len(form) >= 2,
    )


def parse_query(raw: str) -> ParsedQuery:
    """Turn what a user typed into terms; never raises, whatever the input.

    Double quotes make a phrase (an unbalanced quote runs to the end). Every
    other character that is not a letter or digit only separates words, so
    FTS operators (``*``, ``-``, ``:``, ``NEAR``, ``OR``) are plain text.
    Words match as prefixes (search as you type).
    """
    raw = unicodedata.normalize("NFC", _CONTROL.sub(" ", raw or ""))
    truncated = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    terms: list[QueryTerm] = []
    phrases: list[QueryPhrase] = []
    count = 0
    for index, part in enumerate(raw.split('"')):
        part_words = words(part)
        if not part_words:
            continue
        if count + len(part_words) > MAX_QUERY_TERMS:
            part_words = part_words[: MAX_QUERY_TERMS - count]
            truncated = True
        count += len(part_words)
        if index % 2 == 1 and len(part_words) > 1:
            phrases.append(QueryPhrase(tuple(_term(word, prefix=False) for word in part_words)))
        else:
            terms.extend(_term(word, prefix=True) for word in part_words)
        if count >= MAX_QUERY_TERMS:
            break
    return ParsedQuery(terms=tuple(terms), phrases=tuple(phrases), was_truncated=truncated)


def word_matches(word: str, term: QueryTerm) -> bool:
    """Whether one word of a text matches a query term (for highlighting)."""
    tokens = analyse_word(word)
    if term.is_turkish:
        candidates = (*tokens.turkish, *tokens.turkish_stems)
    else:
        candidates = (tokens.folded, *tokens.folded_stems)
    typo_forms = term.typo_forms(2)
    for candidate in candidates:
        if candidate == term.form or candidate in term.stems or candidate in typo_forms:
            return True
        if term.prefix and candidate.startswith(term.form):
            return True
    return False
