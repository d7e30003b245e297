"""Helpers of the ingestion tests: a throw-away corpus and a feeds file for the local site."""

from __future__ import annotations

import shutil
from pathlib import Path

from analysis.core import paths

# Politeness for the local site: no pauses, quick timeouts, no backoff.
FAST_FETCH = """[fetch]
delay_seconds = 0
timeout_seconds = 1
retries = 2
backoff_seconds = 0
max_page_bytes = 400_000
"""
KEYWORDS = """[keywords]
de = ["Nordkorea", "nordkoreanische Soldaten", "Pjöngjang", "Kursk"]
en = ["North Korea", "North Korean troops", "Pyongyang", "Kursk"]
"""


def copy_corpus(target: Path) -> Path:
    """A copy of the reference corpus (seeds, facts, curated) to grow in a test."""
    source = paths.REFERENCE_CORPUS_DIR
    for part in ("seeds", "data/facts", "data/curated"):
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part)
    return target


def feeds_file(folder: Path, base: str, *feeds: tuple[str, str, str | None],
               fetch: str = FAST_FETCH) -> Path:
    """A feeds.toml with ``(name, path on the local site, language)`` feeds."""
    lines = [fetch, KEYWORDS]
    for name, path, language in feeds:
        lines.append(f'[[feeds]]\nname = "{name}"\nurl = "{base}{path}"')
        if language:
            lines.append(f'language = "{language}"')
        lines.append("")
    target = folder / "feeds.toml"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target
