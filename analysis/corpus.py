"""Stage 1, the corpus: the catalog (``seeds/catalog.csv``) and the article texts.

Text normalization is defined here and nowhere else: files are decoded as UTF-8, a
leading BOM is dropped, and CRLF / CR become LF. **That normalized text is the text
every character offset in the project refers to** (``start``/``end`` of claims and
events): ``article.text[start:end] == quote``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One catalogued article with its normalized text."""

    id: str
    file: str
    title: str
    outlet: str
    url: str
    published: dt.date
    language: str
    notes: str
    text: str
