"""When a claim was made and what time its count refers to: ``stated_on``, ``as_of``, ``since``.

Time expressions come from :mod:`analysis.extract.dates` (once per sentence, in
:class:`~analysis.extract.claim_context.ArticleMentions`). Rules, in order:

* **Statement date** (``stated_on``). The statement that reports the claim has a *frame*:
  its cue and what stands with it ("sagte am Donnerstag", "teilte am Dienstag mit", "the
  NIS said on Thursday", "wie der Abgeordnete am Mittwoch in Seoul sagte"). A dated time
  expression in the frame is when the claim was made; where the cue shares its clause with
  the number ("Kiew meldete am Montag 3.000 Tote"), only an expression right next to the
  cue is, and only on the frame's side of a clause mark ("..., in der vergangenen Woche
  seien" and "... last week, the NIS said" are the message's); one before the frame only
  when it opens its clause ("Am Dienstag teilte ... mit", not "im März nach Angaben
  Kiews"). A report inside a fronted subordinate clause ("After Moscow asked in
  September, ...") states nothing about the count. A sentence without a report of its own
  that continues the previous one's ("Demnach ...", Konjunktiv I), or whose source is a
  pronoun or short form for an earlier speaker ("he added", "the agency also said"),
  takes that report's statement date; a claim
  relayed by an intermediary ("the senator said on Friday the agency estimated ...") takes
  the first dated frame, innermost first. The frames come from the attribution stage
  (:func:`statement_frames`, :class:`~analysis.extract.claimant_resolution.Attribution`).
  The sentence's own report also has its *setting* ("Speaking in Brussels on Thursday,
  ...", "bei einer Pressekonferenz am Dienstag": :mod:`analysis.extract.claim_setting`),
  after the frame. A time right after a prepositional source phrase ("nach eigenen Angaben
  in der vergangenen Woche 150 Soldaten getötet", "laut Kiew im Oktober") leads into the
  message and is the count's, unless tied to the phrase ("vom Montag": date lexicon kind
  ``source_date``) or ending the clause ("..., according to Kyiv on Monday.").
* **The count's own time.** The other expressions of the sentence, except those in another
  clause: in a subordinate clause that does not hold the number
  (:class:`~analysis.extract.claim_context.Blocked`) or a relative clause that does not
  ("Der Minister, der im Oktober in Seoul war, sagte ..."; pronouns: date lexicon kind
  ``relative``), in the frame, or across a semicolon.
  One in a clause opened by "seit"/"since" ("since they entered combat in December") gives
  ``since``, like "seit August 2023", not ``as_of``. Of the rest, the nearest before the
  number, else the nearest after it, dates the count. A word for an unnamed time
  (``past``: "damals", "back then"; ``future``: "bald", "soon") counts only in the number's
  own comma-delimited clause. Relative expressions are resolved against the statement date
  when there is one ("gestern" in a statement of Monday is Sunday); words for the present
  ("derzeit", "now") mean the time of speaking.
* **Cumulative words** ("bisher", "inzwischen", "bereits", "so far", "to date", lexicon
  kind ``so_far``) in the number's own clause mean the count holds when it was said: an
  expression outside that clause is not attached.
* **Fallback** (the issue's rule): no time of its own, the count holds as of the statement
  date, else as of the publication date.
* **Planned**: the count's own time lies after publication ("bis zum Sommer", "as soon as
  next month", "By the end of next year, ...", "im Dezember" in a future-tense clause), or
  is a deadline (date lexicon kind ``deadline``: "bis", "by", "before") that ends after
  publication in a clause that looks ahead ("werde bis zum Jahresende ... entsenden"), or
  the sentence's ``planned`` cue (:mod:`analysis.extract.claim_context`). A planned count
  dated by a future expression has no ``as_of``.

Where a sentence's clauses are (marks, message openers, "seit", relative clauses) is found
once per sentence by :mod:`analysis.extract.claim_clauses`.

``as_of_source`` says where ``as_of`` came from: ``text`` (the count's own time expression),
``statement`` (the statement date, for a count without a time of its own, or timed by a
word for the present or a cumulative word), ``publication`` (the same without a statement
date); empty when ``as_of`` is (a past or future time no date names).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from analysis.extract.attribution import innermost
from analysis.extract.claim_clauses import CLAUSE_MARKS, ClauseMarks, clause_around, clause_marks
from analysis.extract.claim_context import ArticleMentions, Blocked, Span, overlaps
from analysis.extract.claim_setting import setting_spans
from analysis.extract.claim_units import Candidate
from analysis.extract.date_tense import looks_ahead
from analysis.extract.dates import TimeExpression, find_time_expressions
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import term_pattern

# Characters between a saying verb and a time expression that belongs to it ("sagte am").
CUE_REACH = 2
# The time expressions and cues a claim looks at: the nearest ones on either side of it, so
# that a sentence with thousands of numbers that read as years costs linear time, not
# quadratic (issue 15). No real sentence has this many between a count and its time.
NEAREST = 8
# Longest time expression looked for left of a statement frame (characters); longer ones
# ("zwischen Ende Mai und Anfang Juni 2024" is 38) do not occur.
LONGEST_EXPRESSION = 200


@dataclass(frozen=True)
class ClaimTime:
    """The time columns of one claim (see the module docstring)."""

    as_of: tuple[dt.date, dt.date] | None
    as_of_text: str | None
    as_of_source: str | None
    since: dt.date | None
    stated_on: tuple[dt.date, dt.date] | None
    planned: bool


@cached
def _deadline_words(language: str) -> re.Pattern[str]:
    """"bis", "by", "before": a time expression that opens with one is a deadline."""
    from analysis.extract.date_grammar import date_grammar

    terms = [term for term, _ in date_grammar(language).lexicon.terms["deadline"]]
    return re.compile(rf"(?:{term_pattern(terms)})(?!\w)") if terms else re.compile("(?!)")


def _target(mentions: ArticleMentions, index: int, expression: TimeExpression) -> bool:
    """A deadline that ends after publication in a clause that looks ahead: a target
    ("werde bis zum Jahresende 5.000 Soldaten entsenden", "will send ... by the end of the
    year"), though the period it names has begun."""
    return (
        expression.period_end is not None and expression.period_end > mentions.published
        and _deadline_words(mentions.language).match(expression.text) is not None
        and looks_ahead(mentions.text(index), expression.start, expression.end,
                        mentions.language)
    )


def statement_frames(mentions: ArticleMentions, found: Candidate) -> tuple[tuple[int, Span], ...]:
    """``(sentence index, frame)`` of the reports that state the claim ``found``, innermost
    first (offsets in that sentence); empty when nothing reports it. A continuing
    sentence's claim has the frame of the report it inherits, in an earlier sentence."""
    attribution = mentions.attribute(found)
    if attribution is not None:
        return attribution.frames
    # A report whose source names no one the lexicon knows ("the envoy said on Friday")
    # gives no claimant but still says when it was made.
    index = found.sentence.index
    report = innermost(mentions.reports(index), found.start)
    return ((index, report.frame),) if report is not None else ()


def _in_frame(
    expression: TimeExpression, frame: Span | None, text: str, language: str
) -> bool:
    if frame is None:
        return False
    if frame[0] <= expression.start and expression.end <= frame[1]:
        return True
    # Measure the gap before slicing it: a slice across a long sentence per claim is the
    # quadratic work issue 15 is about.
    # Right next to the frame, on the frame's side of any clause mark: "sagte am Donnerstag",
    # "Am Dienstag teilte ... mit". A frame that ends or begins with a clause mark ("...
    # mit, in der vergangenen Woche", "... last week, the NIS said") has the expression
    # on the message's side; one left of the frame is the reporting clause's only when it
    # opens its clause ("Russland hat im März nach Angaben Kiews" is the count's time).
    if 0 <= expression.start - frame[1] <= CUE_REACH:
        return not text[frame[1]:expression.start].strip() and not CLAUSE_MARKS.match(
            text[frame[1] - 1:frame[1]]) and not _undated_source_phrase(
            text, frame, expression, language)
    if 0 <= frame[0] - expression.end <= CUE_REACH:
        return (not text[expression.end:frame[0]].strip()
                and not CLAUSE_MARKS.match(text[frame[0]:frame[0] + 1])
                and _opens_clause(text, expression.start))
    return False


@cached
def _source_prepositions(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A frame that is a prepositional source phrase ("nach eigenen Angaben", "laut dem
    Ministerium", "according to Kyiv": speech cue roles ``preposition`` and
    ``noun_preposition``), and the words that tie a date to such a phrase ("nach Angaben
    des Pentagons vom Montag", "according to a statement from Monday": date lexicon kind
    ``source_date``)."""
    cues = [row["term"] for row in lexicon.table(language, "speech_cues")
            if row["role"] in ("preposition", "noun_preposition")]
    ties = lexicon.terms(language, "dates", "source_date", column="kind")
    return (re.compile(rf"(?:{term_pattern(cues)})(?![\w-])"),
            re.compile(rf"(?:{term_pattern(ties)})(?![\w-])"))


def _undated_source_phrase(
    text: str, frame: Span, expression: TimeExpression, language: str
) -> bool:
    """A time right after a prepositional source phrase is the clause's, not the phrase's:
    "haben nach eigenen Angaben in der vergangenen Woche 150 Soldaten getötet" (the killing
    was last week, nothing says when it was reported); "vom Montag" is the phrase's, and so
    is a time that ends the clause ("..., according to Kyiv on Monday.")."""
    phrase, tie = _source_prepositions(language)
    if phrase.match(text, frame[0]) is None or tie.match(text, expression.start) is not None:
        return False
    # One that ends the clause is the phrase's: "..., according to Kyiv on Monday."
    rest = text[expression.end:expression.end + 2].lstrip()
    return bool(rest) and CLAUSE_MARKS.match(rest) is None and rest[0] not in ".!?"


def _opens_clause(text: str, position: int) -> bool:
    """Whether only a clause mark (or the sentence start) stands before ``position``."""
    before = text[max(0, position - LONGEST_EXPRESSION):position].rstrip()
    return not before or CLAUSE_MARKS.match(before[-1]) is not None


def _starts(mentions: ArticleMentions, index: int) -> list[int]:
    """The start offsets of sentence ``index``'s time expressions (they come in order)."""
    return mentions.memo(
        "time_starts", index, lambda _: [e.start for e in mentions.times(index)]
    )


@dataclass(frozen=True)
class Statement:
    """When a claim was made: the interval and the expression that says so."""

    start: dt.date
    end: dt.date
    text: str


def _statement_date(
    mentions: ArticleMentions, index: int, frame: Span | None
) -> Statement | None:
    """The first dated expression in the frame (or right next to its cue), leaving out a
    relative clause on the source ("the envoy, who visited Kyiv in October, said ...")."""
    if frame is None:
        return None
    text = mentions.text(index)
    relatives = clause_marks(mentions, index).relatives
    starts = _starts(mentions, index)
    first = bisect_left(starts, frame[0] - LONGEST_EXPRESSION)
    last = bisect_left(starts, frame[1] + CUE_REACH + 1)
    for expression in mentions.times(index)[first:last]:
        dated = expression.start_date is not None and expression.kind != "time"
        if dated and _in_frame(expression, frame, text, mentions.language) and not _in_other(
            relatives, expression, (-1, -1)
        ):
            return Statement(expression.start_date, expression.end_date, expression.text)  # type: ignore[arg-type]
    return None


def stated_on(mentions: ArticleMentions, frames: tuple[tuple[int, Span], ...]) -> Statement | None:
    """When the claim was made: the first dated expression of its report frames."""
    for index, frame in frames:
        found = _statement_date(mentions, index, frame)
        if found is not None:
            return found
    return None


def _since_clause(text: str, expression: TimeExpression, marks: ClauseMarks) -> bool:
    """Whether ``expression`` stands in a clause opened by "seit"/"since" (and is not the
    time right after it, which the date grammar reads as "seit ...")."""
    span = (expression.start, expression.end)
    left = clause_around(marks, len(text), span, openers=False)[0]
    previous = bisect_left(marks.since_starts, expression.start) - 1
    if previous < 0 or marks.since_words[previous][0] < left:
        return False
    return text[marks.since_words[previous][1]:expression.start].strip() != ""


def _in_other(spans: list[Span], expression: TimeExpression, claim: Span) -> bool:
    """Whether ``expression`` stands in one of ``spans`` (in order) that does not hold the
    claim."""
    at = bisect_left(spans, (expression.start + 1, -1)) - 1
    if at < 0:
        return False
    start, end = spans[at]
    return start <= expression.start < end and not overlaps(start, end, *claim)


def _restated(
    mentions: ArticleMentions, index: int, expression: TimeExpression, day: dt.date
) -> TimeExpression:
    """``expression`` resolved against the statement day instead of publication."""
    if day == mentions.published:
        return expression
    again = mentions.memo(
        f"times_said_{day.isoformat()}", index,
        lambda text: {
            (e.start, e.end): e for e in find_time_expressions(text, mentions.language, day)
        },
    )
    return again.get((expression.start, expression.end), expression)


# Dates a table can hold (pandas' datetime64[ns] range): "1001.001 Soldaten" must not read
# as the year 1001 and stop the whole run when the table is typed (issue 15).
EARLIEST, LATEST = dt.date(1678, 1, 1), dt.date(2262, 1, 1)


def _holdable(interval: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    return interval if interval is None or (
        EARLIEST <= interval[0] and interval[1] < LATEST
    ) else None


def claim_time(mentions: ArticleMentions, found: Candidate, blocked: Blocked) -> ClaimTime:
    """The time columns of the claim ``found`` (see the module docstring); a date a table
    cannot hold is dropped, as if the text had not named it."""
    time = _claim_time(mentions, found, blocked)
    as_of, stated = _holdable(time.as_of), _holdable(time.stated_on)
    since = time.since if time.since is None or EARLIEST <= time.since < LATEST else None
    if (as_of, stated, since) == (time.as_of, time.stated_on, time.since):
        return time
    published = (mentions.published, mentions.published)
    if as_of is None and time.as_of is not None:
        as_of = stated or published
    source = time.as_of_source if as_of == time.as_of else (
        "statement" if stated else "publication"
    )
    return ClaimTime(as_of, time.as_of_text, source, since, stated, time.planned)


def _claim_time(mentions: ArticleMentions, found: Candidate, blocked: Blocked) -> ClaimTime:
    index = found.sentence.index
    text = found.sentence.text
    claim = (found.start, found.end)
    # A report inside another clause ("After Moscow asked for help in September, ...") is
    # not the statement of the count: its time is neither stated_on nor the count's.
    frames = tuple((where, span) for where, span in statement_frames(mentions, found)
                   if where != index or not blocked.covers(span[0]))
    if any(where == index for where, _ in frames):
        # "Speaking in Brussels on Thursday, the minister said ...": the setting of the
        # sentence's own report dates it, after the frame itself (claim_setting).
        frames += tuple((index, span) for span in setting_spans(mentions, index, claim))
    own_frames = [span for where, span in frames if where == index]
    statement = stated_on(mentions, frames)
    marks = clause_marks(mentions, index)
    own_clause = clause_around(marks, len(text), claim, openers=False)

    since: TimeExpression | None = None
    candidates: list[TimeExpression] = []
    times = mentions.times(index)
    middle = bisect_left(_starts(mentions, index), found.start)
    for expression in times[max(0, middle - NEAREST):middle + NEAREST]:
        if overlaps(expression.start, expression.end, *claim) or expression.kind == "time":
            continue
        if any(_in_frame(expression, frame, text, mentions.language) for frame in own_frames):
            continue
        if expression.kind == "since" or _since_clause(text, expression, marks):
            nearer = since is None or (
                abs(expression.start - found.start) < abs(since.start - found.start)
            )
            if nearer:
                since = expression
            continue
        if blocked.covers(expression.start) or _in_other(marks.relatives, expression, claim):
            continue
        low, high = min(expression.start, found.start), max(expression.end, found.end)
        semicolon = bisect_left(marks.semicolons, low)
        if semicolon < len(marks.semicolons) and marks.semicolons[semicolon] < high:
            continue
        undated = expression.kind in ("past", "future") and expression.start_date is None
        if undated and not (own_clause[0] <= expression.start < own_clause[1]):
            # A fronted adverbial ("By the end of next year, 3,000 ...") is the main clause's.
            left, right = clause_around(marks, len(text), (expression.start, expression.end),
                                  openers=False)
            if not (left == 0 and right + 1 == own_clause[0]):
                continue
        candidates.append(expression)
    first = bisect_left(marks.so_far, (own_clause[0], -1))
    so_far = [s for s in marks.so_far[first:first + 8] if s[0] < own_clause[1]]
    if so_far:  # "inzwischen": the count holds when said, unless its clause says more
        candidates = [e for e in candidates if own_clause[0] <= e.start < own_clause[1]]

    before = [e for e in candidates if e.end <= found.start]
    after = [e for e in candidates if e.start >= found.end]
    chosen = before[-1] if before else (after[0] if after else None)
    since_day = since.since if since and since.since else (
        since.period_start if since and since.kind != "future" else None
    )
    planned = mentions.planned(index)
    said = (statement.start, statement.end) if statement else None

    if chosen is not None and statement is not None:
        chosen = _restated(mentions, index, chosen, statement.start)
    if chosen is None or chosen.kind == "now":
        # No time of its own ("derzeit" is the time of speaking): when it was said.
        marker = chosen.text if chosen is not None else (
            text[so_far[0][0]:so_far[0][1]] if so_far else None
        )
        if statement is not None:
            return ClaimTime(said, marker or statement.text, "statement", since_day, said, planned)
        published = (mentions.published, mentions.published)
        return ClaimTime(published, marker, "publication", since_day, None, planned)
    if chosen.start_date is None:  # "damals", "bald", "im nächsten Monat"
        return ClaimTime(
            None, chosen.text, None, since_day, said, planned or chosen.kind == "future"
        )
    return ClaimTime(
        (chosen.start_date, chosen.end_date),  # type: ignore[arg-type]
        chosen.text, "text", since_day, said, planned or _target(mentions, index, chosen),
    )
