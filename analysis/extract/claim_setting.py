"""Where and when a statement was made, when the text says so outside the report's frame.

A statement's *setting* is a short phrase that names the occasion of speaking, with its
place and date: "Speaking in Brussels on Thursday, the secretary general said ...",
"Addressing lawmakers in Seoul, ...", "at a press conference in Kyiv", "vor Abgeordneten in
Seoul", "bei einer Pressekonferenz in Kiew am Dienstag". The occasion words are data
(``data/lexicon/<lang>/cues.csv``, role ``statement_setting``). The phrase runs from the
occasion word to the next clause mark, at most :data:`SETTING_WORDS` words on: far enough
for "in Brussels on Thursday", short enough not to swallow a message written without a
comma ("Speaking in Brussels he said 10,000 troops were in Russia" keeps "in Russia").

A place in a setting is where the statement was made, not where the counted are
(:mod:`analysis.extract.claim_location`); a dated expression in it is the statement's date
(:mod:`analysis.extract.claim_time`), as one in the report's frame is.
"""

from __future__ import annotations

import re

from analysis.extract.claim_context import ArticleMentions, Span
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import bounded_pattern

# Words after the occasion word that still belong to the setting ("in Brussels on
# Thursday" is five; "before the foreign affairs committee in Seoul on Monday" is eight).
SETTING_WORDS = 8


@cached
def _setting_pattern(language: str) -> re.Pattern[str]:
    words = lexicon.terms(language, "cues", "statement_setting")
    return re.compile(
        rf"{bounded_pattern(words)}(?![\w-])(?:[^\S\n]+[^\s,;:()\u2013\u2014]+){{0,{SETTING_WORDS}}}"
    )


def setting_spans(
    mentions: ArticleMentions, index: int, claim: Span | None = None
) -> list[Span]:
    """The statement settings of sentence ``index`` (offsets in the sentence), in order;
    with ``claim``, each ends where the claim begins (a setting never holds the count:
    "lawmakers briefed in Seoul on Wednesday said 4,000 ...") and one after it is left out."""
    spans = mentions.memo(
        "statement_settings", index,
        lambda text: [match.span() for match in _setting_pattern(mentions.language).finditer(text)],
    )
    if claim is None or not spans:
        return spans
    return [(start, min(end, claim[0])) for start, end in spans if start < claim[0]]
