"""analysis.report.index: the run's landing page and its summary paragraph."""

from __future__ import annotations

from typing import Any

from analysis.report.index import index_html, summary_paragraph

SUMMARY = {
    "as_of": None, "articles": 3, "claims": 1, "mapped_claims": 1, "contradictions": 2,
    "contradiction_rules": {"interval_conflict": 1, "location_conflict": 1},
    "contradiction_reasons": ["a:1 and b:2 cannot both be true", "<b>not markup</b>"],
    "newest_claim": {"date": "2024-11-11", "quote": "rund 50.000 Soldaten", "label": "",
                     "article_id": "a1"},
}


def _notebook(name: str, error: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name, "notebook": f"{name}.ipynb", "html": f"{name}.html",
        "status": "failed" if error else "succeeded", "started_at": "2024-11-12T00:00:00.000Z",
        "finished_at": "2024-11-12T00:00:02.000Z", "seconds": 2.0, "parameters": {},
        "error": error,
    }


def _manifest(**changes: Any) -> dict[str, Any]:
    manifest = {
        "run_id": "20241112T000000Z-abcdef12", "status": "succeeded",
        "started_at": "2024-11-12T00:00:00.000Z", "total_seconds": 3.25,
        "parameters": {"shared": {"as_of": None}, "notebooks": {}},
        "notebooks": [_notebook("00_first"), _notebook("01_second")],
        "facts": {"files": ["claims.csv", "claims.geojson"], "summary": SUMMARY},
        "figures": ["00_first/bars.png", "00_first/region_map_RU-KRS.html"],
        "warnings": [],
        "git": {"commit": "0123abcd", "dirty": False},
    }
    manifest.update(changes)
    return manifest


def test_summary_paragraph_reads_naturally() -> None:
    text = summary_paragraph(SUMMARY)
    assert text.startswith("The corpus has 3 articles with 1 numeric claim (1 placed")
    assert "dated 2024-11-11, is “rund 50.000 Soldaten” in article a1" in text
    assert text.endswith("2 contradictions found (1 interval_conflict, 1 location_conflict).")
    assert "No contradictions found." in summary_paragraph({**SUMMARY, "contradictions": 0})
    labelled = {**SUMMARY["newest_claim"], "label": "≈ 50,000 soldiers"}
    assert "“rund 50.000 Soldaten” (≈ 50,000 soldiers) in" in summary_paragraph(
        {**SUMMARY, "newest_claim": labelled}
    )
    as_of = summary_paragraph({**SUMMARY, "as_of": "2024-11-11", "articles": 1, "claims": 2})
    assert as_of.startswith("As of 2024-11-11, the corpus has 1 article with 2 numeric claims")
    assert summary_paragraph(None).startswith("The facts could not be exported")


def test_index_links_everything_and_escapes_text() -> None:
    page = index_html(_manifest(warnings=["committed facts are out of date; run `make facts`"]))
    for link in ("00_first.html", "01_second.html", "00_first.ipynb", "manifest.json",
                 "facts/claims.csv", "facts/claims.geojson", "figures/00_first/bars.png"):
        assert f'href="{link}"' in page
    assert "00_first: " in page  # figures grouped by notebook
    assert 'region_map_RU-KRS.html</a> (zoomable map)' in page
    assert "2 contradictions found" in page and "a:1 and b:2 cannot both be true" in page
    assert "&lt;b&gt;not markup&lt;/b&gt;" in page and "<b>not markup</b>" not in page
    assert "run `make facts`" in page
    assert "git commit 0123abcd" in page and "took 3.2 s" in page
    assert "This run failed" not in page and 'class="succeeded"' in page


def test_failed_run_says_what_failed() -> None:
    error = {"cell_index": 4, "execution_count": 5, "ename": "ValueError",
             "evalue": "deliberate", "source": "raise ValueError('deliberate')"}
    page = index_html(_manifest(
        status="failed",
        notebooks=[_notebook("00_first"), _notebook("02_broken", error)],
        facts={"error": {"ename": "KeyError", "evalue": "'location_name'"}},
    ))
    assert "This run failed" in page and 'class="failed"' in page
    assert "02_broken failed at cell In [5] (raise ValueError(&#x27;deliberate&#x27;))" in page
    assert "facts export failed: KeyError: &#x27;location_name&#x27;" in page
    assert "The facts could not be exported" in page and "none exported" in page


def test_a_partial_run_says_it_is_not_latest() -> None:
    page = index_html(_manifest(complete=False))
    assert "ran only some of the notebooks (<code>--only</code>)" in page
    assert "only some" not in index_html(_manifest(complete=True))
    assert "only some" not in index_html(_manifest())  # manifests of earlier versions
