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

_CANDIDATE = re.compile(r"[.!?…]+[\"'»«“”„)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'»«“”„(\[]?)(\S)")
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


def _is_boundary(text: str, dot_start: int, after_end: int) -> bool:
    """Decide whether the punctuation at ``text[dot_start:after_end]`` ends a sentence."""
    next_match = _NEXT_START.match(text, after_end)
    if next_match is None:
        return False
    first = next_match.group(2)
    if not (first.isupper() or first.isdigit() or next_match.group(1)):
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
        following = _LETTER_WORD.match(text, next_match.start(2))
        if following is not None and following.group(0).lower() in MONTH_WORDS:
            return False  # a German date: "am 4. November"
    return True


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Strip white space from ``text[start:end]`` and append it unless it is empty."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets (see the module docstring for the rules)."""
    sentences: list[Sentence] = []
    line_start = 0
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end == -1:
            line_end = length
        start = line_start
        for match in _CANDIDATE.finditer(text, line_start, line_end):
            if _is_boundary(text, match.start(), match.end()):
                _append(sentences, text, start, match.end())
                start = match.end()
        _append(sentences, text, start, line_end)
        line_start = line_end + 1
    return sentences


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
    from analysis import lexicon

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
