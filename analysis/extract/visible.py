"""What a reader sees of a text: invisible format characters removed, offsets mapped back.

Articles from the web carry characters that show nothing: soft hyphens, zero-width spaces
and joiners, word joiners, byte-order marks, left-to-right and right-to-left marks, bidi
embeddings, overrides and isolates (Unicode category Cf). Inside "12.000" or between a
number and its noun they break every rule that reads words and digits ("12.\u200d000"
read as "000"). The rules therefore read :attr:`Visible.text`, the text without them, and
every offset they produce is mapped back (:meth:`Visible.original_start`,
:meth:`Visible.original_end`), so offsets, quotes
and claim ids refer to the stored text, as everywhere else.

A right-to-left override (U+202E) makes a reader see the characters after it in reverse
order, up to the pop (U+202C) or the end of the paragraph: "\u202e000.21" shows as
"12.000". A number there is never read (:attr:`Visible.reversed_spans`); the claims rules
skip it and say so, rather than report a figure other than the one shown.

Text in Unicode NFD ("Su\u0308dkorea") is read in NFC: a letter and the combining marks
that compose with it become one character, the absorbed marks count as removed (a quote
that ends in such a letter ends before its marks in the stored text).

A text without format characters and in NFC (the usual case) is returned as is, after one
search and one normalisation check.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# Category Cf characters found in text from the web (not the tag characters of emoji).
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
# A letter followed by combining marks (text in Unicode NFD, "Su\u0308dkorea"): read as its
# composed (NFC) form, or every word list misses it.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_INVISIBLE_OR_DECOMPOSED = re.compile(
    rf"(?P<cluster>[^{_COMBINING}][{_COMBINING}]+)|{_INVISIBLE.pattern}"
)
_OVERRIDE_RTL = "\u202e"
_OVERRIDE_ENDS = re.compile("[\u202c\u202a-\u202d\n]")  # pop, a new embedding/override, a line


@dataclass(frozen=True)
class Visible:
    """``text`` without invisible characters; ``removed_at``: for each removed character,
    the offset in ``text`` where it was (non-decreasing), to map offsets back."""

    text: str
    removed_at: tuple[int, ...] = ()
    reversed_spans: tuple[tuple[int, int], ...] = field(default=())  # offsets in ``text``

    def original_start(self, offset: int) -> int:
        """The offset in the stored text of the character at ``offset`` in :attr:`text`."""
        return offset + bisect_right(self.removed_at, offset) if self.removed_at else offset

    def original_end(self, offset: int) -> int:
        """The stored-text offset of an end offset (exclusive): just after the character
        before it, so invisible characters inside a quote stay inside, those after it not."""
        if not self.removed_at or offset == 0:
            return offset
        return offset + bisect_right(self.removed_at, offset - 1)

    def is_reversed(self, start: int, end: int) -> bool:
        """Whether ``start:end`` (offsets in :attr:`text`) touches a right-to-left override."""
        return any(start < stop and begin < end for begin, stop in self.reversed_spans)


def visible_text(stored: str) -> Visible:
    """The :class:`Visible` view of ``stored`` (see the module docstring)."""
    if _INVISIBLE.search(stored) is None and unicodedata.is_normalized("NFC", stored):
        return Visible(stored)
    pieces: list[str] = []
    removed_at: list[int] = []
    reversed_spans: list[tuple[int, int]] = []
    kept = 0  # characters of the visible text so far
    position = 0
    for match in _INVISIBLE_OR_DECOMPOSED.finditer(stored):
        piece = stored[position:match.start()]
        pieces.append(piece)
        kept += len(piece)
        position = match.end()
        if match["cluster"]:
            # "u" + U+0308 reads as "ü": the composed letter stands at the base's offset,
            # the marks it absorbed count as removed after it.
            composed = unicodedata.normalize("NFC", match["cluster"])
            pieces.append(composed)
            kept += len(composed)
            removed_at.extend([kept] * (len(match["cluster"]) - len(composed)))
            continue
        removed_at.append(kept)
        if match.group() == _OVERRIDE_RTL:
            stop = _OVERRIDE_ENDS.search(stored, match.end())
            end = stop.start() if stop else len(stored)
            # In visible offsets: the run's own invisible characters are not counted, which
            # only widens the span (never misses a number inside it).
            reversed_spans.append((kept, kept + end - match.end()))
    pieces.append(stored[position:])
    return Visible("".join(pieces), tuple(removed_at), tuple(reversed_spans))
