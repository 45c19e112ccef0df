"""Is this text for a resident plain Dutch (B1)? Advice only: a text is never blocked.

`check_text` gives a readability score (Flesch-Douma, the Dutch Flesch formula, with syllables
counted by textstat in Dutch mode), the sentences that are too long, the glossary's jargon with
its plain alternative and B1 explanation, and hints about passive sentences ("er wordt ...") and
long words. Plans, letters and meeting summaries show the report with
`includes/plain_language.html` (or `{% plain_language_advice text %}` from `plainlanguage` tags).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from textstat.textstat import textstatistics

# An instance of its own, so that Dutch mode does not change textstat for anyone else.
_DUTCH = textstatistics()
_DUTCH.set_lang("nl")

# Flesch-Douma: 60 and above reads as "normal" text; B1 advice lies around there.
MIN_SCORE = 60.0
MAX_SENTENCE_WORDS = 15
LONG_WORD_SYLLABLES = 5
# Past this length only the first part of a text is checked: the page stays fast.
MAX_CHECKED_CHARACTERS = 50_000

# Full stops inside these do not end a sentence.
_ABBREVIATIONS = (
    "bijv",
    "bv",
    "o.a",
    "d.w.z",
    "m.b.t",
    "t.a.v",
    "i.v.m",
    "z.s.m",
    "e.d",
    "enz",
    "etc",
    "dhr",
    "mevr",
    "mw",
    "nr",
    "ca",
    "evt",
    "incl",
    "excl",
)
_ABBREVIATION = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")\.", re.IGNORECASE
)
_DOT_PLACEHOLDER = "\u2024"  # one-dot leader: stands in for a dot that ends no sentence
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n\s*\n|\n(?=\s*[-*•–\d])")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]")
_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
_ER_WORDT = re.compile(r"(?<!\w)er\s+(?:word|wordt|worden|werd|werden)(?!\w)", re.IGNORECASE)
# A past participle: ge- ... -d/-t/-en ("gemaakt", "gegeven", also "vastgesteld"), or a verb
# that takes no ge- ("besproken", "verstuurd", "ontvangen", "herkend"). Only a hint, so a rough net.
_PARTICIPLE = re.compile(r"^(?:\w*ge\w{2,}(?:d|t|en)|(?:be|ver|ont|her)\w{2,}(?:d|t|en))$")


@dataclass(frozen=True)
class GlossaryEntry:
    """A word to avoid in resident texts, with what to write instead."""

    term: str
    plain_alternative: str
    explanation: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class LongSentence:
    text: str
    words: int


@dataclass(frozen=True)
class JargonFound:
    term: str
    found: str  # as written in the text (a synonym, another case)
    count: int
    plain_alternative: str
    explanation: str


@dataclass(frozen=True)
class PlainLanguageReport:
    score: float | None  # Flesch-Douma, 0 (very hard) to 100 (very easy); None without words
    word_count: int
    sentence_count: int
    long_sentences: tuple[LongSentence, ...]
    jargon: tuple[JargonFound, ...]
    passive_sentences: tuple[str, ...]
    long_words: tuple[str, ...]
    min_score: float = MIN_SCORE
    max_sentence_words: int = MAX_SENTENCE_WORDS
    truncated: bool = False
    sentence_lengths: tuple[int, ...] = field(default=(), repr=False)

    @property
    def is_empty(self) -> bool:
        return self.word_count == 0

    @property
    def average_sentence_words(self) -> float:
        return round(self.word_count / self.sentence_count, 1) if self.sentence_count else 0.0

    @property
    def score_reached(self) -> bool:
        return self.score is not None and self.score >= self.min_score

    @property
    def b1_reached(self) -> bool:
        """The verdict: easy enough, no long sentences and no jargon. Hints do not count."""
        return self.score_reached and not self.long_sentences and not self.jargon

    @property
    def level(self) -> Promise:
        return score_label(self.score)

    @property
    def has_hints(self) -> bool:
        return bool(self.passive_sentences or self.long_words)


_LEVELS: tuple[tuple[float, Promise], ...] = (
    (90, _("very easy")),
    (80, _("easy")),
    (70, _("fairly easy")),
    (60, _("normal")),
    (50, _("fairly difficult")),
    (30, _("difficult")),
)


def score_label(score: float | None) -> Promise:
    if score is None:
        return _("no text")
    for lower, label in _LEVELS:
        if score >= lower:
            return label
    return _("very difficult")


def split_sentences(text: str) -> list[str]:
    """Sentences, also where a line or a list item ends without a full stop."""
    protected = _ABBREVIATION.sub(
        lambda m: m.group(1).replace(".", _DOT_PLACEHOLDER) + _DOT_PLACEHOLDER, text
    )
    parts = _SENTENCE_END.split(protected)
    sentences = []
    for part in parts:
        sentence = " ".join(part.replace(_DOT_PLACEHOLDER, ".").split())
        if _WORD.search(sentence):
            sentences.append(sentence)
    return sentences


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def _syllables(word: str) -> int:
    return max(1, _DUTCH.syllable_count(word))


def flesch_douma(*, words: int, sentences: int, syllables: int) -> float | None:
    """Douma's Dutch version of the Flesch reading ease, kept between 0 and 100.

    Counted over eenplan's own sentences: textstat's sentence count skips sentences of one or two
    words ("Bel ons.") and ends one at every full stop ("bijv.", "1.500"), which would make short,
    plain texts look harder than they are."""
    if not words or not sentences:
        return None
    score = 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)
    return round(min(100.0, max(0.0, score)), 1)


def _is_passive(sentence: str) -> bool:
    if _ER_WORDT.search(sentence):
        return True
    lowered = [w.lower() for w in words_of(sentence)]
    if not _WORDEN.intersection(lowered):
        return False
    return any(_PARTICIPLE.match(w) for w in lowered)


def _term_pattern(words: str) -> re.Pattern[str]:
    # Whole words only; any run of spaces or a line break between the parts of a phrase. A hyphen
    # ends a word, so that "Wmo-indicatie" holds both "Wmo" and "indicatie"; a hyphenated term
    # itself ("POH-GGZ") is matched first, being longer, and then counts once.
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _find_jargon(text: str, glossary: Iterable[GlossaryEntry]) -> tuple[JargonFound, ...]:
    # Longest phrases first, and a stretch of text counts once: "POH-GGZ" is not also "ggz".
    candidates = []
    for entry in glossary:
        for words in (entry.term, *entry.synonyms):
            if words.strip():
                candidates.append((len(words), words, entry))
    candidates.sort(key=lambda item: -item[0])
    taken: list[tuple[int, int]] = []
    found: dict[str, tuple[GlossaryEntry, str, int]] = {}
    for _length, words, entry in candidates:
        for match in _term_pattern(words).finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            known = found.get(entry.term)
            found[entry.term] = (
                entry,
                known[1] if known else match.group(0),
                (known[2] if known else 0) + 1,
            )
    ordered = sorted(found.values(), key=lambda item: item[0].term.lower())
    return tuple(
        JargonFound(
            term=entry.term,
            found=as_written,
            count=count,
            plain_alternative=entry.plain_alternative,
            explanation=entry.explanation,
        )
        for entry, as_written, count in ordered
    )


def glossary_jargon() -> list[GlossaryEntry]:
    """The glossary's jargon, as the functional admin keeps it."""
    from eenplan.taxonomy.models import GlossaryTerm

    return [
        GlossaryEntry(
            term=term.term,
            plain_alternative=term.plain_alternative,
            explanation=term.explanation_resident,
            synonyms=tuple(term.synonym_list),
        )
        for term in GlossaryTerm.objects.filter(jargon=True).order_by("term")
    ]


def check_text(
    text: str,
    *,
    glossary: Iterable[GlossaryEntry] | None = None,
    max_sentence_words: int = MAX_SENTENCE_WORDS,
    min_score: float = MIN_SCORE,
    long_word_syllables: int = LONG_WORD_SYLLABLES,
) -> PlainLanguageReport:
    """Advice on a text meant for a resident. `glossary` defaults to the glossary's jargon."""
    truncated = len(text) > MAX_CHECKED_CHARACTERS
    text = text[:MAX_CHECKED_CHARACTERS]
    sentences = split_sentences(text)
    lengths = tuple(len(words_of(s)) for s in sentences)
    long_sentences = tuple(
        LongSentence(text=s, words=n)
        for s, n in zip(sentences, lengths, strict=True)
        if n > max_sentence_words
    )
    syllables = 0
    counted: dict[str, int] = {}
    long_words: list[str] = []
    for sentence in sentences:
        for word in words_of(sentence):
            key = word.lower()
            if key not in counted:
                counted[key] = _syllables(word)
                if counted[key] >= long_word_syllables and _LETTERS.search(word):
                    long_words.append(word)
            syllables += counted[key]
    entries = glossary_jargon() if glossary is None else list(glossary)
    return PlainLanguageReport(
        score=flesch_douma(words=sum(lengths), sentences=len(sentences), syllables=syllables),
        word_count=sum(lengths),
        sentence_count=len(sentences),
        long_sentences=long_sentences,
        jargon=_find_jargon(text, entries),
        passive_sentences=tuple(s for s in sentences if _is_passive(s)),
        long_words=tuple(long_words),
        min_score=min_score,
        max_sentence_words=max_sentence_words,
        truncated=truncated,
        sentence_lengths=lengths,
    )
