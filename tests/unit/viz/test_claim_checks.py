"""A bad claim is named with its reason; the others pass."""

from __future__ import annotations

import math

from analysis.viz.claim_checks import problem, screen_claims, skipped_note
from tests.support.chart_claims import claim, claims


def test_problems_are_named():
    assert problem({"value": 5.0}) is None
    assert problem({"lower": 2000.0, "vague": True}) is None
    assert problem({"value": math.inf}) == "value is infinite"
    assert problem({"upper": -math.inf}) == "upper is infinite"
    assert problem({"value": "n/a"}) == "value is not a number"
    assert problem({"lower": -1.0}) == "lower is negative (-1)"
    assert problem({"lower": 9.0, "upper": 3.0}) == "lower bound 9 is above upper bound 3"
    assert problem({"vague": True}) == "no figure, only a vague word"


def test_screen_keeps_order_and_lists_the_rest():
    frame = claims(claim("a:1", value=1.0), claim("a:2", value=math.inf),
                   claim("a:3", value=3.0), claim("a:4", lower=5.0, upper=1.0))
    good, skipped = screen_claims(frame)
    assert list(good["claim_id"]) == ["a:1", "a:3"]
    assert list(skipped["claim_id"]) == ["a:2", "a:4"]
    note = skipped_note(skipped)
    assert note.startswith("2 claims not drawn: a:2 (value is infinite); a:4 (lower bound 5")
    assert skipped_note(skipped.iloc[0:0]) == ""
    many = claims(*[claim(f"b:{i}", value=math.inf) for i in range(6)])
    assert skipped_note(screen_claims(many)[1]).endswith("; and 2 more.")
    assert screen_claims(frame.iloc[0:0])[1].empty
