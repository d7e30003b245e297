"""The controlled vocabulary of event types: ``data/lexicon/event_types.csv``.

Columns: ``type`` (the code stored in ``events.event_type``), ``short_label`` (for charts),
``has_location`` (whether the event happens somewhere: an incursion, a deployment),
``actor_source`` (``subject``: the actors are the clause's subject; ``all``: every actor in
the event's span, as for confirmations and casualties), ``chart_line`` (drawn as a
reference line on the estimates chart) and ``description``. The file's order is the
priority order: the first type is the most specific. Each language's triggers
(``<lang>/event_triggers.csv``) name these types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.lexicon import reader
from analysis.lexicon.caches import cached

if TYPE_CHECKING:
    import pandas as pd

_TRUE = {"true", "yes", "1"}


@dataclass(frozen=True)
class EventType:
    """One entry of the controlled vocabulary ``data/lexicon/event_types.csv``."""

    type: str
    short_label: str
    has_location: bool
    actor_source: str  # "subject" | "all"
    chart_line: bool  # drawn as a reference line on the estimates chart
    description: str


@cached
def event_types() -> dict[str, EventType]:
    """The controlled vocabulary, in priority order (first = most specific)."""
    vocabulary: dict[str, EventType] = {}
    for row in reader.table(None, "event_types"):
        vocabulary[row["type"]] = EventType(
            type=row["type"],
            short_label=row["short_label"] or row["type"],
            has_location=row["has_location"].lower() in _TRUE,
            actor_source=row["actor_source"] or "subject",
            chart_line=row["chart_line"].lower() in _TRUE,
            description=row["description"],
        )
    return vocabulary


def event_types_frame() -> pd.DataFrame:
    """The vocabulary as a table (type, short_label, description ...) for notebooks."""
    import pandas as pd  # only this table needs pandas; the extractor does not

    return pd.DataFrame([vars(t) for t in event_types().values()])
