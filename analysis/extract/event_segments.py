"""Where events are in a sentence: clause-like segments and the trigger words in them.

1. Sentences are cut into *segments* at dashes, semicolons and a comma before a
   subordinating word ("nachdem", "wo", "um", "after", "where", "which" ...), so that
   "Russland hat ... letzte Woche abgeschlossen, nachdem er von Putin und Kim
   unterzeichnet worden war" yields a dated ratification and an undated signing. English
   clauses often go without the comma ("... last week after Putin signed it"); a German
   relative clause (", das gegenseitige Hilfe vorsieht") is a segment too, but a capital
   after the article is a list of names ("Südkorea, die USA und die Ukraine").
2. A trigger from ``data/lexicon/<lang>/event_triggers.csv`` (``event_type,pattern,
   requires``: regular expressions, matched as whole words, any case) marks an event type;
   some need a companion word in the same segment ("bestätigten" counts as a deployment
   confirmation only with "Truppen"/"Soldaten"). The first trigger per type counts. A
   plain ``statement`` is kept only when nothing more specific was said in the segment.
   Two different triggers in one segment split it at the last comma between them (else
   right after the first trigger); a trigger whose span no longer holds it is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.core.errors import ExtractionError
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.event_types import event_types

TriggerHit = tuple[int, int, str]  # start, end, event type


@dataclass(frozen=True)
class EventTrigger:
    """One row of ``event_triggers.csv``, compiled."""

    event_type: str
    pattern: re.Pattern
    requires: re.Pattern | None


# A comma before one of these words starts a new clause that can carry its own event.
_SUBORDINATORS = {
    "de": r"nachdem|bevor|wo|als|während|sobald|weil|obwohl|um|seitdem|wobei|woraufhin|bis",
    "en": r"after|before|where|when|while|once|as soon as|because|although|whereas|which|who",
}
# English clauses often go without the comma: "... last week after Putin signed it".
_EN_BARE_CLAUSE = (
    r"\s(?=(?:after|before|when|where|while)\s+(?:[A-Z]|the\b|he\b|she\b|it\b|they\b|its\b))"
)
_EDGE_PUNCTUATION = " \t\n,;:–—-"


@cached
def event_triggers(language: str) -> tuple[EventTrigger, ...]:
    """The triggers of ``language`` in the vocabulary's priority order."""
    lexicon.check_language(language)
    vocabulary = event_types()
    triggers = []
    for number, row in enumerate(lexicon.table(language, "event_triggers"), start=2):
        if row["event_type"] not in vocabulary:
            raise ExtractionError(
                f"data/lexicon/{language}/event_triggers.csv line {number}: event type "
                f"{row['event_type']!r} is not in data/lexicon/event_types.csv; add it there"
            )
        try:
            pattern = re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)", re.IGNORECASE)
            requires = (
                re.compile(rf"(?<!\w)(?:{row['requires']})", re.IGNORECASE)
                if row.get("requires") else None
            )
        except re.error as exc:
            raise ExtractionError(
                f"data/lexicon/{language}/event_triggers.csv line {number}: bad pattern ({exc})"
            ) from None
        triggers.append(EventTrigger(row["event_type"], pattern, requires))
    order = list(vocabulary)
    return tuple(sorted(triggers, key=lambda t: order.index(t.event_type)))


@cached
def _segment_break(language: str) -> re.Pattern:
    subordinators = _SUBORDINATORS.get(language, _SUBORDINATORS["en"])
    alternatives = [r"\s+[–—]\s+", r"\s-\s", r";\s*", rf",\s+(?=(?:{subordinators})(?!\w))"]
    if language == "en":
        alternatives.append(_EN_BARE_CLAUSE)
    if language == "de":
        # A relative clause: ", das gegenseitige Hilfe vorsieht". A capital after the
        # article is a list of names instead ("Südkorea, die USA und die Ukraine").
        alternatives.append(r",\s+(?=(?:der|die|das|den|dem|deren|dessen)\s+[a-zäöüß])")
    return re.compile("|".join(alternatives))  # case matters: see the capital rules above


def split_segments(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into clause-like segments (absolute offsets, trimmed)."""
    segments, cursor = [], start
    for match in _segment_break(language).finditer(text, start, end):
        segments.append((cursor, match.start()))
        cursor = match.end()
    segments.append((cursor, end))
    return [s for s in (_trim(text, a, b) for a, b in segments) if s[0] < s[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION + ".!?":
        end -= 1
    return start, end


def _find_triggers(text: str, start: int, end: int, language: str) -> list[TriggerHit]:
    """First trigger per event type in ``text[start:end]`` as (start, end, type), by offset."""
    segment = text[start:end]
    found: dict[str, TriggerHit] = {}
    for trigger in event_triggers(language):
        if trigger.event_type in found:
            continue
        match = trigger.pattern.search(segment)
        if match is None:
            continue
        if trigger.requires is not None and trigger.requires.search(segment) is None:
            continue
        found[trigger.event_type] = (start + match.start(), start + match.end(), trigger.event_type)
    if len(found) > 1:
        found.pop("statement", None)
    return sorted(found.values())


def event_spans(
    text: str, start: int, end: int, language: str
) -> list[tuple[int, int, TriggerHit]]:
    """Each trigger in a segment with its own span; re-checked until every trigger fits."""
    triggers = _find_triggers(text, start, end, language)
    while True:
        spans = []
        for index, trigger in enumerate(triggers):
            span_start = start if index == 0 else spans[-1][1]
            span_end = end
            if index + 1 < len(triggers):
                following = triggers[index + 1]
                comma = text.rfind(",", trigger[1], following[0])
                span_end = comma if comma != -1 else trigger[1]
            spans.append((span_start, span_end, trigger))
        spans = [(*_trim(text, a, b), trigger) for a, b, trigger in spans]
        misfits = [
            trigger for a, b, trigger in spans
            if len(triggers) > 1 and not _fits(text[a:b], trigger[2], language)
        ]
        if not misfits:
            return spans
        triggers = [t for t in triggers if t not in misfits] or triggers[:1]
        if len(triggers) == 1:
            return [(start, end, triggers[0])]


def _fits(span_text: str, event_type: str, language: str) -> bool:
    for trigger in event_triggers(language):
        if trigger.event_type == event_type and trigger.pattern.search(span_text):
            return trigger.requires is None or trigger.requires.search(span_text) is not None
    return False

