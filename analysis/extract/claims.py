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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.core.tables import typed_frame
from analysis.corpus.catalog import Article
from analysis.extract.claim_actors import ActorMemory, choose_actor, named_force
from analysis.extract.claim_context import (
    ArticleMentions,
    Span,
    blocked_spans,
    choose_dates,
)
from analysis.extract.claim_grammar import FORCE_UNITS, claim_grammar
from analysis.extract.claim_location import LocationMemory, count_kind, sentence_location
from analysis.extract.claim_units import Candidate, counted_quantities
from analysis.extract.numbers import Quantity, find_quantities
from analysis.extract.sentences import Sentence, split_sentences
from analysis.lexicon.gazetteer import country_of

if TYPE_CHECKING:  # frames are built by core.tables; the extract command needs none
    import pandas as pd


def _assemble(
    found: Candidate, text: str, mentions: ArticleMentions, article_id: str,
    context: _ArticleContext,
) -> dict[str, Any]:
    sentence = found.sentence
    index = sentence.index
    flags: list[str] = []
    claim_span = (found.start, found.end)
    blocked = blocked_spans(sentence.text, mentions.grammar, claim_span)

    # The claim's report: its claimant, and the frames where the statement's date is written
    # (attribution.frames, for the statement date; see analysis.extract.claimant_resolution).
    attribution = mentions.attribute(found)
    claimants: list[str] = list(attribution.codes) if attribution else []
    claimant_text = attribution.claimant_text if attribution else None
    if attribution is not None and attribution.inferred:
        flags.append("claimant_inferred")

    exclude: list[Span] = [claim_span]
    location = sentence_location(mentions, found, exclude, blocked)
    kind = count_kind(found.counted.unit)
    paragraph = mentions.paragraphs[index]
    if location is not None:
        exclude.append((location[2], location[3]))

    actor, actor_flag = choose_actor(mentions, found, attribution, exclude, blocked, context.actors)
    if actor_flag is not None:
        flags.append(actor_flag)
    context.actors.previous = actor
    if location is None and (actor is None or actor == context.actors.topic):
        location = context.places.carried(kind, paragraph)
        if location is not None:
            flags.append("location_inferred")
    elif location is not None:
        context.places.remember(kind, paragraph, location)

    as_of, since = choose_dates(mentions, found, blocked)
    quantity = found.quantity
    start = sentence.start + found.start
    end = sentence.start + found.end
    lower, qualifier = quantity.lower, quantity.qualifier
    if found.open_upper and quantity.value is not None and lower is None:
        lower, qualifier = quantity.value, "at_least"  # "roughly 800 or more"
    return {
        "claim_id": f"{article_id}:{start}",
        "article_id": article_id,
        "sentence_index": sentence.index,
        "sentence": sentence.text,
        "start": start,
        "end": end,
        "quote": text[start:end],
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
        "as_of_start": as_of.start_date if as_of else None,
        "as_of_end": as_of.end_date if as_of else None,
        "as_of_text": as_of.text if as_of else None,
        "since": since.since if since else None,
        "planned": mentions.planned(index),
        "increment": bool(quantity.increment),
        "published": mentions.published,
        "language": mentions.language,
        "flags": flags,
    }


@dataclass
class _ArticleContext:
    """What the claims of one article share: the topic force and the places carried over."""

    actors: ActorMemory
    places: LocationMemory

    @classmethod
    def of(cls, claims: list[Candidate], mentions: ArticleMentions) -> _ArticleContext:
        named = [(found.counted.unit, named_force(mentions, found)) for found in claims]
        places = []
        for found in claims:
            kind = count_kind(found.counted.unit)
            if kind is None:
                places.append((None, None))
                continue
            blocked = blocked_spans(found.sentence.text, mentions.grammar, (found.start, found.end))
            places.append((kind, sentence_location(mentions, found, [(found.start, found.end)],
                                                   blocked)))
        return cls(ActorMemory.of_article(named, mentions), LocationMemory.of_article(places))


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
    mentions: ArticleMentions
    claims: list[Candidate]

    def rows(self) -> list[dict[str, Any]]:
        text = self.mentions.article_text
        context = _ArticleContext.of(self.claims, self.mentions)
        rows = [_assemble(found, text, self.mentions, self.article_id, context)
                for found in self.claims]
        _flag_location_conflicts(rows)
        return rows


def _candidates(
    text: str, language: str, published: dt.date, article_id: str,
    quantities: list[Quantity] | None = None, sentences: list[Sentence] | None = None,
) -> _ArticleClaims:
    """Quantities followed by what they count (:mod:`analysis.extract.claim_units`).

    ``quantities`` and ``sentences`` may come precomputed (see extract_corpus_claims).
    """
    grammar = claim_grammar(language)
    if quantities is None:
        quantities = find_quantities(text, language)
    if sentences is None:
        sentences = split_sentences(text) if quantities else []
    mentions = ArticleMentions(text, sentences, grammar, published)
    return _ArticleClaims(article_id, mentions, counted_quantities(quantities, sentences, grammar))


_BATCHED_FINDERS = (
    ArticleMentions.times, ArticleMentions.claimants, ArticleMentions.places,
    ArticleMentions.actors, ArticleMentions.reports, ArticleMentions.planned,
)


def _find_mentions(batch: list[_ArticleClaims]) -> None:
    """Find the dates, claimants, places and actors of every claim sentence in ``batch``.

    The rules would find them on demand with the same results; running one finder at a time
    over many sentences of one language keeps its large regular expression hot in the CPU
    caches, which measured 5-10% faster on the benchmark corpus.
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


def corpus_claim_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """Claims of every article as row dicts, sorted by article id and offset (no pandas)."""
    ordered = sorted(articles, key=lambda a: a.id)
    rows: list[dict[str, Any]] = []
    for first in range(0, len(ordered), CORPUS_BATCH):
        articles_batch = ordered[first:first + CORPUS_BATCH]
        # Stage by stage over the batch, for the same cache reasons as in _find_mentions.
        quantities = [find_quantities(a.text, a.language) for a in articles_batch]
        sentences = [
            split_sentences(a.text) if q else []
            for a, q in zip(articles_batch, quantities, strict=True)
        ]
        batch = [
            _candidates(a.text, a.language, a.published, a.id, q, s)
            for a, q, s in zip(articles_batch, quantities, sentences, strict=True)
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
