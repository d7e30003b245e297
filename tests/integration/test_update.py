"""``make update`` (corpus fetch → facts build → report) end to end, and an interrupted fetch.

Both work on a copy of the reference corpus in a temporary folder (``NK_CLAIMS_CORPUS``)
with a temporary project root (``NK_CLAIMS_ROOT``: links to this checkout's package,
vocabularies, geodata and notebooks, its own ``data/facts/`` for the data dictionary), so
that neither the repository's ``seeds/`` nor its ``data/`` is ever written. The feeds are
served by the local web site (tests/support/local_web.py): no network.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.core import paths
from tests.support.ingest import FAST_FETCH, copy_corpus, feeds_file
from tests.support.local_web import LocalWeb

pytestmark = pytest.mark.integration


def _project(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Environment for a run on a temporary corpus and root; returns it and the corpus."""
    corpus = copy_corpus(tmp_path / "corpus")
    root = tmp_path / "root"
    (root / "data" / "facts").mkdir(parents=True)
    for part in ("analysis", "notebooks", "data/lexicon", "data/geo", "pyproject.toml"):
        (root / part).symlink_to(paths.ROOT / part)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update({paths.CORPUS_ENV: str(corpus), "NK_CLAIMS_ROOT": str(root)})
    return env, corpus


def _ids(corpus: Path) -> set[str]:
    return set(pd.read_csv(corpus / "seeds" / "catalog.csv", dtype=str)["id"])


def test_make_update_adds_the_new_articles_to_the_report(tmp_path: Path,
                                                         local_web: LocalWeb) -> None:
    env, corpus = _project(tmp_path)
    before = _ids(corpus)
    feeds = feeds_file(tmp_path, local_web.base, ("Morgenkurier", "/feeds/news.xml", "de"))
    reports = tmp_path / "reports"
    done = subprocess.run(
        ["make", "-C", str(paths.ROOT), "-o", ".venv/.installed", "--no-print-directory",
         "update", f"PY={sys.executable}", f"FETCH_ARGS=--feeds {feeds}",
         f"REPORT_ARGS=--only 03 --jobs 1 --out {reports}"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    # three new articles; the wire copy is recognised as the first one under another URL
    assert "fetch: 3 new, 1 duplicate, 0 skipped" in output
    new = _ids(corpus) - before
    assert sorted(i.split("_")[0] for i in new) == ["kursk-truppen", "raketen-lieferungen",
                                                   "troops-and-shells"]
    (run,) = [p for p in reports.iterdir() if p.is_dir() and not p.is_symlink()]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "succeeded"
    # the report's facts hold claims of every new article ...
    claims = pd.read_csv(run / "facts" / "claims.csv", dtype=str)
    assert new <= set(claims["article_id"])
    # ... and the estimates chart plots each one's North Korean troops or soldiers
    notebook = nbformat.read(run / "03_estimates_over_time.ipynb", as_version=4)
    plotted = next(
        "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code" and "plotted_claims_table(" in cell.source
    )
    for article_id in new:
        assert f"{article_id}:" in plotted, article_id
    assert (run / "figures" / "03_estimates_over_time" / "estimates_over_time.png").is_file()
    assert not (paths.ROOT / "reports" / run.name).exists()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_a_fetch_keeps_what_was_added(stop: signal.Signals, tmp_path: Path,
                                               local_web: LocalWeb) -> None:
    env, corpus = _project(tmp_path)
    before = _ids(corpus)
    slow_fetch = FAST_FETCH.replace("timeout_seconds = 1", "timeout_seconds = 30")
    feeds = feeds_file(tmp_path, local_web.base, ("interrupt", "/feeds/interrupt.xml", "de"),
                       fetch=slow_fetch)
    waiting = local_web.hits["/slow"]
    never = local_web.hits["/de/raketen-lieferungen.html"]
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "corpus", "fetch", "--feeds", str(feeds)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while local_web.hits["/slow"] == waiting and time.monotonic() < deadline:
        time.sleep(0.05)  # until the fetch hangs on the server that does not answer
    process.send_signal(stop)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "; interrupted" in out and "1 article(s) added before are kept" in err
    assert "Traceback" not in err
    (added,) = _ids(corpus) - before
    assert added.startswith("kursk-truppen_")
    assert local_web.hits["/de/raketen-lieferungen.html"] == never
    seeds = corpus / "seeds"
    assert not [p for p in seeds.rglob("*") if p.name.endswith(".tmp")]
    assert sorted(p.name for p in (seeds / "html").iterdir()) == [f"{added}.html.gz"]
    check = subprocess.run([sys.executable, "-m", "analysis", "corpus", "check"], env=env,
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
