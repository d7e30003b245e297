"""Sentence splitting with character offsets into the article's normalized text.

Why a rule-based splitter and not spaCy: there is no German sentence model on PyPI that
installs offline with pip alone, spaCy's blank ``de``/``en`` pipelines have tokenizers but
no sentence boundaries unless a model (or a rule component we would have to tune anyway)
is added, and the extractor has to reach >= 300,000 words/s per core. News prose needs
only a few rules, kept here and unit-tested:

* a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes/brackets) followed
  by white space and a capital letter, a digit or an opening quote; and at every line break;
* no break after a known abbreviation (``z.B.``, ``Nr.``, ``ca.``, ``Mio.``, ``Mrd.``,
  ``Dr.``, ``bzw.``, ``U.S.``, ``Mr.``, ``Nov.`` ... see ``ABBREVIATIONS``), after a single
  capital letter (initials), or after a day number followed by a month name
  (``am 4. November``).

Offsets are kept: ``text[s.start:s.end] == s.text`` for every sentence ``s``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.lexicon import reader as lexicon

# Lower-cased, without the final period. Both languages share one list: an English
# abbreviation in a German article (or the reverse) is still an abbreviation.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    z.b d.h u.a o.ä usw bzw ca nr mio mrd dr prof st str vgl ggf evtl inkl bzw zb dh
    abs art bd hr fr sog jh jhd u.s u.k u.n e.u mr mrs ms gen lt col sgt maj capt adm gov
    sen rep vs etc approx no dept corp inc ltd co jr sr
    jan feb febr mär mrz apr jun jul aug sep sept okt oct nov dez dec
    """.split()
)

MONTH_WORDS: frozenset[str] = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    january february march may june july october december
    jan feb mär mrz apr jun jul aug sep sept okt oct nov dez dec
    """.split()
)

# One pass over the whole article: a line break, or sentence-final punctuation (plus closing
# quotes/brackets) with, captured in the look-ahead, the optional opening quote and the first
# visible character after the white space. The abbreviation rules need Python (see
# ``_ends_sentence``), but most candidates are decided by the groups alone.
_BREAK = re.compile(
    # One character class first: re then scans for it quickly instead of trying an
    # alternation at every position.
    r"[\n.!?…](?:(?<=\n)|[.!?…]*[\"'»«“”„)\]]*(?=\s+([\"'»«“”„(\[]?)(\S)))"
)

_LETTER_WORD = re.compile(r"[^\W\d_]+")


class Sentence(NamedTuple):
    """One sentence: its 0-based index in the article and its span in the normalized text.

    A named tuple rather than a dataclass: articles are split whole, and creating tuples
    is several times cheaper.
    """

    index: int
    start: int
    end: int
    text: str


def _ends_sentence(text: str, dot_start: int, opening: str, first: str, first_at: int) -> bool:
    """Decide whether the punctuation starting at ``text[dot_start]`` ends a sentence, given
    the optional opening quote and the first visible character (at ``first_at``) after it."""
    if not (first.isupper() or first.isdigit() or opening):
        return False
    if text[dot_start] != ".":
        return True  # ! ? … always end a sentence before a capital letter
    word_start = max(text.rfind(" ", 0, dot_start), text.rfind("\n", 0, dot_start)) + 1
    word = text[word_start:dot_start].lstrip("(\"'„“«»[")
    if not word:
        return True
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "Kim J. Un", "U. S."
    if word.isdigit() and len(word) <= 2:
        following = _LETTER_WORD.match(text, first_at)
        if following is not None and following.group(0).lower() in MONTH_WORDS:
            return False  # a German date: "am 4. November"
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets (see the module docstring for the rules)."""
    sentences: list[Sentence] = []
    append = sentences.append
    start = 0
    for match in _BREAK.finditer(text):
        first = match.group(2)
        if first is not None:  # punctuation, not a line break
            if not _ends_sentence(text, match.start(), match.group(1), first, match.start(2)):
                continue
            end = next_start = match.end()
        else:
            end, next_start = match.start(), match.end()
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            begin = start + len(piece) - len(piece.lstrip())
            append(Sentence(len(sentences), begin, begin + len(stripped), stripped))
        start = next_start
    piece = text[start:]
    stripped = piece.strip()
    if stripped:
        begin = start + len(piece) - len(piece.lstrip())
        sentences.append(Sentence(len(sentences), begin, begin + len(stripped), stripped))
    return sentences


# Characters of a long sentence stored with each of its claims (schema column ``sentence``):
# a sentence with thousands of numbers must not be copied into every row.
SENTENCE_CONTEXT = 500


def sentence_context(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The part of ``sentence`` kept with a claim at ``start:end`` (offsets in the
    sentence): all of it up to :data:`SENTENCE_CONTEXT` characters; of a longer sentence,
    about that many around the claim, cut at spaces (the quote is always whole)."""
    length = len(sentence.text)
    if length <= SENTENCE_CONTEXT:
        return 0, length
    room = max(0, SENTENCE_CONTEXT - (end - start))
    left = max(0, start - room // 2)
    right = min(length, end + room - (start - left))
    left = max(0, min(left, right - SENTENCE_CONTEXT, start))
    text = sentence.text
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < length:
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing character ``offset`` (binary search), or None."""
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        sentence = sentences[middle]
        if offset < sentence.start:
            high = middle - 1
        elif offset >= sentence.end:
            low = middle + 1
        else:
            return sentence
    return None


_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, languages: tuple[str, ...] | None = None) -> str | None:
    """Guess the language by counting stopwords (``data/lexicon/<lang>/stopwords.csv``).

    Returns the language with the most stopword hits among the first 2,000 words, or None
    when no stopword occurs or two languages tie. Good enough for news prose in the
    project's languages; it is a fallback, ``--language`` always wins.
    """
    languages = languages or lexicon.supported_languages()
    words = [w.lower() for w in _WORD.findall(text[:20000])][:2000]
    scores = {}
    for language in languages:
        stopwords = {t.lower() for t in lexicon.terms(language, "stopwords")}
        scores[language] = sum(1 for w in words if w in stopwords)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
