"""Leaflet's JavaScript and CSS, read from the package ``make install`` installed.

The zoomable map (:mod:`analysis.viz.interactive_map`) inlines them into its HTML, so the
file works offline and from disk: no CDN, no tile server. They are looked up, in order:

1. the folder in ``NK_CLAIMS_LEAFLET_DIR`` (holding ``leaflet.js`` and ``leaflet.css``);
2. the npm package ``leaflet`` (:data:`LEAFLET_VERSION`, pinned in the Makefile) that
   ``make install`` puts under ``<venv>/share/nk-claims/node_modules/leaflet/dist``;
3. Debian's ``libjs-leaflet`` (``/usr/share/javascript/leaflet``).

A missing Leaflet is a one-line error that says how to install it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.core.errors import AnalysisError
from analysis.lexicon.caches import cached

LEAFLET_VERSION = "1.9.4"  # keep in step with LEAFLET_VERSION in the Makefile
LEAFLET_ENV = "NK_CLAIMS_LEAFLET_DIR"
DEBIAN_DIR = Path("/usr/share/javascript/leaflet")


@dataclass(frozen=True)
class LeafletAssets:
    javascript: str
    css: str
    version: str
    folder: Path


def candidate_dirs() -> list[Path]:
    """Where Leaflet is looked for, in order."""
    found = []
    if os.environ.get(LEAFLET_ENV):
        found.append(Path(os.environ[LEAFLET_ENV]))
    found.append(Path(sys.prefix) / "share" / "nk-claims" / "node_modules" / "leaflet" / "dist")
    found.append(DEBIAN_DIR)
    return found


def _version(javascript: str) -> str:
    match = re.search(r'version\s*=\s*"(\d+\.\d+\.\d+)"', javascript[:4000]) or re.search(
        r"Leaflet (\d+\.\d+\.\d+)", javascript[:400])
    return match.group(1) if match else "unknown"


@cached
def leaflet_assets() -> LeafletAssets:
    """Leaflet's ``leaflet.js`` and ``leaflet.css`` (image references removed: the map uses
    no image markers, and an offline file must request nothing)."""
    for folder in candidate_dirs():
        script, style = folder / "leaflet.js", folder / "leaflet.css"
        if script.is_file() and style.is_file():
            javascript = script.read_text(encoding="utf-8")
            css = re.sub(r"url\((['\"]?)images/[^)]*\)", "none", style.read_text(encoding="utf-8"))
            return LeafletAssets(javascript, css, _version(javascript), folder)
    raise AnalysisError(
        f"Leaflet {LEAFLET_VERSION} is not installed (looked in "
        f"{', '.join(str(d) for d in candidate_dirs())}); run `make install` "
        f"(npm install leaflet@{LEAFLET_VERSION}) or `apt-get install libjs-leaflet`"
    )
