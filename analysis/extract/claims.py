"""Numeric claims of an article: each with bounds, unit, actor, location, claimant and date.

A claim is a quantity (:func:`analysis.extract.numbers.find_quantities`) followed by what it
counts. The rules run in this order, each specified in the docstring of the module that
implements it (vocabularies in ``data/lexicon/<lang>/``, compiled by
:mod:`analysis.extract.claim_grammar`):

1. the counted noun and what happened to the counted people -> ``unit``
   (:mod:`analysis.extract.claim_units`);
2. the claimant (:mod:`analysis.extract.attribution`, resolved across sentences by
   :mod:`analysis.extract.claimant_resolution`), the as-of date and whether the figure is
   ``planned`` (:mod:`analysis.extract.claim_context`), the location
   (:mod:`analysis.extract.claim_location`);
3. the ``actor`` (:mod:`analysis.extract.claim_actors`);
4. assembly, here: bounds, qualifier and ``increment`` ("weitere", "another") come from the
   quantity ("or more" / "oder mehr" after it makes the number a lower bound,
   ``at_least``); the row has exactly the schema's ``CLAIM_COLUMNS``. The claims of an
   article share a context: its topic force and the places carried from claim to claim.

**location_conflict** (per article): troops/soldiers of one actor placed in more than one
country. The claims in the minority country are flagged (the odd one out; the seed's "in
der Ukraine"); on a tie every claim involved is flagged.

Speed: the finders run stage by stage over a batch of articles (see :func:`_find_mentions`).
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.core.tables import typed_frame
from analysis.corpus.catalog import Article
from analysis.extract.claim_actors import ActorMemory, choose_actor, named_force
from analysis.extract.claim_context import (
    ArticleMentions,
    Span,
)
from analysis.extract.claim_grammar import FORCE_UNITS, claim_grammar
from analysis.extract.claim_location import (
    LocationMemory,
    claim_sources,
    count_kind,
    headline_place,
    sentence_location,
)
from analysis.extract.claim_time import claim_time
from analysis.extract.claim_units import Candidate, counted_quantities
from analysis.extract.numbers import Quantity, RefusedNumber, find_quantities
from analysis.extract.sentences import Sentence, sentence_context, split_sentences
from analysis.extract.visible import Visible, visible_text
from analysis.lexicon.gazetteer import country_of

if TYPE_CHECKING:  # frames are built by core.tables; the extract command needs none
    import pandas as pd


def _assemble(
    found: Candidate, stored: str, visible: Visible, mentions: ArticleMentions, article_id: str,
    context: _ArticleContext,
) -> dict[str, Any]:
    """One claim row. The rules read the visible text (:mod:`analysis.extract.visible`);
    offsets, quote and sentence refer to the ``stored`` text."""
    sentence = found.sentence
    index = sentence.index
    flags: list[str] = []
    claim_span = (found.start, found.end)
    blocked = mentions.blocked(index, claim_span)

    # The claim's report: its claimant, and the frames where the statement's date is written
    # (attribution.frames, for the statement date; see analysis.extract.claimant_resolution).
    attribution = mentions.attribute(found)
    claimants: list[str] = list(attribution.codes) if attribution else []
    claimant_text = attribution.claimant_text if attribution else None
    if attribution is not None and attribution.inferred:
        flags.append("claimant_inferred")

    exclude: list[Span] = [claim_span]
    location = context.locations[(index, found.start)]  # found once, in _ArticleContext.of
    kind = count_kind(found.counted.unit)
    paragraph = mentions.paragraphs[index]
    if location is not None:
        exclude.append((location[2], location[3]))

    actor, actor_flag = choose_actor(mentions, found, attribution, exclude, blocked, context.actors)
    if actor_flag is not None:
        flags.append(actor_flag)
    context.actors.previous = actor
    own_sources = mentions.claim_memo(
        "claim_sources", found, lambda: claim_sources(found, attribution, mentions.language))
    if location is None and (actor is None or actor == context.actors.topic):
        location = context.places.carried(kind, paragraph, own_sources)
        if location is not None:
            flags.append("location_inferred")
    elif location is not None:
        context.places.remember(kind, paragraph, location, own_sources)

    time = claim_time(mentions, found, blocked)
    quantity = found.quantity
    start = visible.original_start(sentence.start + found.start)
    end = visible.original_end(sentence.start + found.end)
    context_start, context_end = sentence_context(sentence, found.start, found.end)
    context_start = visible.original_start(sentence.start + context_start)
    context_end = visible.original_end(sentence.start + context_end)
    lower, qualifier = quantity.lower, quantity.qualifier
    if found.open_upper and quantity.value is not None and lower is None:
        lower, qualifier = quantity.value, "at_least"  # "roughly 800 or more"
    return {
        "claim_id": f"{article_id}:{start}",
        "article_id": article_id,
        "sentence_index": sentence.index,
        "sentence": stored[context_start:context_end],
        "sentence_start": context_start,
        "start": start,
        "end": end,
        "quote": stored[start:end],
        "value": quantity.value,
        "lower": lower,
        "upper": quantity.upper,
        "approx": bool(quantity.approx),
        "qualifier": qualifier,
        "vague": bool(quantity.vague),
        "unit": found.counted.unit,
        "counted_text": found.counted.counted_text,
        "actor": actor,
        "location": location[0] if location else None,
        "location_text": location[1] if location else None,
        "claimants": claimants,
        "claimant_text": claimant_text,
        "as_of_start": time.as_of[0] if time.as_of else None,
        "as_of_end": time.as_of[1] if time.as_of else None,
        "as_of_text": time.as_of_text,
        "as_of_source": time.as_of_source,
        "stated_on_start": time.stated_on[0] if time.stated_on else None,
        "stated_on_end": time.stated_on[1] if time.stated_on else None,
        "since": time.since,
        "planned": time.planned,
        "increment": bool(quantity.increment),
        "published": mentions.published,
        "language": mentions.language,
        "flags": flags,
        # Where the claim comes from (schema.SOURCES); outlet and URL are the catalog's.
        "source": "extracted",
        "outlet": None,
        "url": None,
    }


@dataclass
class _ArticleContext:
    """What the claims of one article share: the topic force and the places carried over."""

    actors: ActorMemory
    places: LocationMemory
    # Each claim's location from its own sentence, by (sentence index, start): the carried
    # places are built from them, and the claim rows use them too.
    locations: dict[tuple[int, int], Any]

    @classmethod
    def of(cls, claims: list[Candidate], mentions: ArticleMentions) -> _ArticleContext:
        named = [(found.counted.unit, named_force(mentions, found)) for found in claims]
        places, locations = [], {}
        for found in claims:
            span = (found.start, found.end)
            blocked = mentions.blocked(found.sentence.index, span)
            location = sentence_location(mentions, found, [span], blocked)
            locations[(found.sentence.index, found.start)] = location
            kind = count_kind(found.counted.unit)
            sources = mentions.claim_memo("claim_sources", found, lambda found=found: claim_sources(
                found, mentions.attribute(found), mentions.language))
            places.append((kind, location, sources) if kind is not None else (None, None, ()))
        memory = LocationMemory.of_article(places)
        memory.headline = headline_place(mentions, claims)
        return cls(ActorMemory.of_article(named, mentions), memory, locations)


def find_claims(
    text: str, language: str, published: dt.date, article_id: str = ""
) -> list[dict[str, Any]]:
    """Claims in ``text`` as dicts with the keys of ``schema.CLAIM_COLUMNS``, in text order."""
    candidates = _candidates(text, language, published, article_id)
    _find_mentions([candidates])
    return candidates.rows()


@dataclass
class _ArticleClaims:
    """Stage one of an article: its quantities with a counted noun, not yet assembled."""

    article_id: str
    stored: str
    visible: Visible
    mentions: ArticleMentions
    claims: list[Candidate]

    def rows(self) -> list[dict[str, Any]]:
        if not self.claims:  # no rows to share a context (its topic force scans the article)
            return []
        context = _ArticleContext.of(self.claims, self.mentions)
        rows = [
            _assemble(found, self.stored, self.visible, self.mentions, self.article_id, context)
            for found in self.claims
        ]
        _flag_location_conflicts(rows)
        return rows


def _candidates(
    stored: str, language: str, published: dt.date, article_id: str,
    quantities: list[Quantity] | None = None, sentences: list[Sentence] | None = None,
    visible: Visible | None = None,
) -> _ArticleClaims:
    """Quantities followed by what they count (:mod:`analysis.extract.claim_units`).

    ``quantities`` and ``sentences`` may come precomputed on the visible text (see
    corpus_claim_rows); numbers that are not read are reported (:func:`_refused`).
    """
    grammar = claim_grammar(language)
    visible = visible or visible_text(stored)
    text = visible.text
    if quantities is None:
        quantities = _read_quantities(visible, language, article_id)
    if sentences is None:
        sentences = split_sentences(text) if quantities else []
    mentions = ArticleMentions(text, sentences, grammar, published)
    counted = counted_quantities(quantities, sentences, grammar)
    return _ArticleClaims(article_id, stored, visible, mentions, counted)


def _read_quantities(visible: Visible, language: str, article_id: str) -> list[Quantity]:
    """The quantities of the visible text, without those a reader would see otherwise
    (under a right-to-left override) or that are too large; these are reported."""
    refused: list[RefusedNumber] = []
    quantities = find_quantities(visible.text, language, refused)
    if visible.reversed_spans:
        kept = []
        for quantity in quantities:
            if visible.is_reversed(quantity.number_start, quantity.number_end):
                refused.append(RefusedNumber(
                    quantity.number_start, quantity.number_end, "shown reversed by a "
                    "right-to-left override (U+202E)"
                ))
            else:
                kept.append(quantity)
        quantities = kept
    if refused:
        _report_refused(refused, visible, article_id)
    return quantities


class SkippedNumberWarning(UserWarning):
    """A number of an article was not read (one line naming the article and offsets)."""


def _report_refused(refused: list[RefusedNumber], visible: Visible, article_id: str) -> None:
    where = ", ".join(
        f"{visible.original_start(r.start)}-{visible.original_end(r.end)} ({r.reason})"
        for r in sorted(refused)[:5]
    )
    more = f" and {len(refused) - 5} more" if len(refused) > 5 else ""
    warnings.warn(
        f"article {article_id or '(no id)'}: {len(refused)} number(s) not read, at "
        f"characters {where}{more}",
        SkippedNumberWarning,
        stacklevel=2,
    )


_BATCHED_FINDERS = (
    ArticleMentions.times, ArticleMentions.places, ArticleMentions.reports,
    ArticleMentions.planned,
)


def _find_mentions(batch: list[_ArticleClaims]) -> None:
    """Find the dates, places, reports and plan cues of every claim sentence in ``batch``.

    The rules would find them on demand with the same results; running one finder at a time
    over many sentences of one language keeps its large regular expression hot in the CPU
    caches, which measured 5-10% faster on the benchmark corpus. Only the finders every
    claim needs run here: actors and claimants are asked only when the counted noun names
    no actor, so they are found on demand (4% fewer instructions on the benchmark corpus).
    """
    ordered = sorted(batch, key=lambda item: item.mentions.language)
    for finder in _BATCHED_FINDERS:
        for item in ordered:
            for index in sorted({found.sentence.index for found in item.claims}):
                finder(item.mentions, index)


def _flag_location_conflicts(rows: list[dict[str, Any]]) -> None:
    """Flag the same actor's forces placed in different countries (see module docstring)."""
    by_actor: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for row in rows:
        country = country_of(row["location"])
        if row["unit"] in FORCE_UNITS and row["actor"] and country:
            by_actor.setdefault(row["actor"], []).append((row, country))
    for placed in by_actor.values():
        counts = Counter(country for _, country in placed)
        if len(counts) < 2:
            continue
        ranked = counts.most_common()
        majority = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        for row, country in placed:
            if country != majority and "location_conflict" not in row["flags"]:
                row["flags"].append("location_conflict")


def claims_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows (dicts) to the typed claims table (the types :mod:`analysis.core.tables` defines)."""
    return typed_frame(rows, "claims")


# Python's cycle collector runs after every 700 net new container objects. The rules
# allocate many short-lived tuples and dicts per sentence (mentions, tokens, spans), so
# most of those collections came from a peak inside one sentence, found nothing to free
# and cost 3-4 % of the extraction's CPU; after 10,000 they run a few times per corpus
# (measured with gc.callbacks on the benchmark corpus: 247 collections, 0.22 s per 2 MB ->
# 3, 0.02 s; the same objects alive afterwards).
_COLLECT_AFTER = 10_000
_collection_lock = threading.Lock()
_collection_users: list[tuple[int, ...]] = []  # the threshold before the first user


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the cycle collector's first threshold while corpus extraction runs (nested and
    concurrent uses share it; the last one out restores what was set before)."""
    with _collection_lock:
        if not _collection_users:
            before = gc.get_threshold()
            _collection_users.append(before)
            if before[0]:  # 0: collection is off; leave it so
                gc.set_threshold(max(before[0], _COLLECT_AFTER), *before[1:])
        else:
            _collection_users.append(_collection_users[0])
    try:
        yield
    finally:
        with _collection_lock:
            before = _collection_users.pop()
            if not _collection_users:
                gc.set_threshold(*before)


def corpus_claim_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """Claims of every article as row dicts, sorted by article id and offset (no pandas)."""
    with _fewer_collections():
        return _corpus_claim_rows(articles)


def _corpus_claim_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    ordered = sorted(articles, key=lambda a: a.id)
    rows: list[dict[str, Any]] = []
    for first in range(0, len(ordered), CORPUS_BATCH):
        articles_batch = ordered[first:first + CORPUS_BATCH]
        # Stage by stage over the batch, for the same cache reasons as in _find_mentions.
        visibles = [visible_text(a.text) for a in articles_batch]
        quantities = [
            _read_quantities(v, a.language, a.id)
            for a, v in zip(articles_batch, visibles, strict=True)
        ]
        sentences = [
            split_sentences(v.text) if q else []
            for v, q in zip(visibles, quantities, strict=True)
        ]
        batch = [
            _candidates(a.text, a.language, a.published, a.id, q, s, v)
            for a, q, s, v in zip(articles_batch, quantities, sentences, visibles, strict=True)
        ]
        _find_mentions(batch)
        for item in batch:
            rows.extend(item.rows())
    return rows


def extract_claims(article: Article) -> pd.DataFrame:
    """All claims of one article (columns exactly ``schema.CLAIM_COLUMNS``; may be empty)."""
    rows = find_claims(article.text, article.language, article.published, article.id)
    for row in rows:
        assert article.text[row["start"]:row["end"]] == row["quote"]
    return claims_frame(rows)


# Articles whose mentions extract_corpus_claims finds together (see _find_mentions). Small
# batches measured best: large ones hold more data than the CPU caches keep.
CORPUS_BATCH = 8


def extract_corpus_claims(articles: Iterable[Article]) -> pd.DataFrame:
    """Claims of every article as the typed table, sorted by article id and offset."""
    return claims_frame(corpus_claim_rows(articles))
