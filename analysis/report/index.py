"""The run's landing page, ``index.html``: status, a one-paragraph summary, links.

Links go to every notebook's HTML and executed ``.ipynb``, the exported facts, the figures
and ``manifest.json``; a failed run says so at the top and lists what failed, a partial one
(``--only``) that it is not ``latest``.
"""

from __future__ import annotations

import html
import json
from typing import Any

from analysis.report.execution import NotebookResult, describe_failure


def summary_paragraph(summary: dict[str, Any] | None) -> str:
    """The index's one-paragraph summary, as plain text."""
    if not summary:
        return "The facts could not be exported, so there is no summary for this run."
    as_of = summary.get("as_of")
    scope = f"As of {as_of}, the" if as_of else "The"
    text = (
        f"{scope} corpus has {summary['articles']} article"
        f"{'s' if summary['articles'] != 1 else ''} with {summary['claims']} numeric claim"
        f"{'s' if summary['claims'] != 1 else ''} ({summary['mapped_claims']} placed on the map)."
    )
    newest = summary.get("newest_claim")
    if newest:
        label = f" ({newest['label']})" if newest.get("label") else ""
        text += (
            f" The newest claim, dated {newest['date']}, is “{newest['quote']}”{label}"
            f" in article {newest['article_id']}."
        )
    count = summary["contradictions"]
    if count:
        by_rule = summary.get("contradiction_rules", {})
        rules = ", ".join(f"{n} {rule}" for rule, n in by_rule.items())
        text += f" {count} contradiction{'s' if count != 1 else ''} found ({rules})."
    else:
        text += " No contradictions found."
    return text


def index_html(manifest: dict[str, Any]) -> str:
    """The run's landing page: status, summary, and links to everything in the folder."""
    esc = html.escape
    status = manifest["status"]
    rows = []
    for nb in manifest["notebooks"]:
        link = esc(nb["name"])
        if nb["html"]:
            link = f'<a href="{esc(nb["html"])}">{link}</a>'
        problem = esc(describe_failure(NotebookResult(**nb))) if nb["error"] else ""
        rows.append(
            f"<tr><td>{link}</td><td class=\"{esc(nb['status'])}\">{esc(nb['status'])}</td>"
            f"<td>{nb['seconds']:.1f} s</td>"
            f"<td><a href=\"{esc(nb['notebook'])}\">.ipynb</a></td><td>{problem}</td></tr>"
        )
    facts = manifest.get("facts") or {}
    fact_links = " · ".join(
        f'<a href="facts/{esc(name)}">{esc(name)}</a>' for name in facts.get("files", [])
    )
    by_notebook: dict[str, list[str]] = {}
    for name in manifest.get("figures", []):
        folder, _, file_name = name.rpartition("/")
        # A figure saved as a page is the zoomable map (offline, Leaflet inlined).
        kind = " (zoomable map)" if file_name.endswith(".html") else ""
        by_notebook.setdefault(folder, []).append(
            f'<a href="figures/{esc(name)}">{esc(file_name)}</a>{kind}'
        )
    figure_links = "<br>\n".join(
        f"{esc(folder)}: " + " · ".join(links) if folder else " · ".join(links)
        for folder, links in by_notebook.items()
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in manifest.get("warnings", []))
    reasons = (facts.get("summary") or {}).get("contradiction_reasons", [])
    contradictions = "".join(f"<li>{esc(r)}</li>" for r in reasons)
    params = esc(json.dumps(manifest["parameters"], indent=1, ensure_ascii=False))
    failure_note = ""
    if status != "succeeded":
        problems = [describe_failure(NotebookResult(**nb)) for nb in manifest["notebooks"]
                    if nb["error"]]
        if (facts.get("error") or {}).get("ename"):
            problems.insert(0, f"facts export failed: {facts['error']['ename']}: "
                               f"{facts['error']['evalue']}")
        failure_note = (
            '<p class="failed">This run failed; <code>latest</code> still shows the last '
            "complete run.</p><ul>" + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>"
        )
    elif manifest.get("complete") is False:
        failure_note = (
            "<p>This run ran only some of the notebooks (<code>--only</code>); "
            "<code>latest</code> still shows the last complete run.</p>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>nk-claims report {esc(manifest['run_id'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .25rem .75rem; text-align: left;
       border-bottom: 1px solid #ddd; }}
.succeeded {{ color: #176f2c; }} .failed {{ color: #b00020; font-weight: bold; }}
pre {{ background: #f6f6f6; padding: .5rem; overflow-x: auto; }}
</style></head><body>
<h1>North Korean support for Russia: claims report</h1>
<p>Run <code>{esc(manifest['run_id'])}</code>, <span class="{esc(status)}">{esc(status)}</span>,
started {esc(manifest['started_at'])}, took {manifest['total_seconds']:.1f} s.</p>
{failure_note}
<p>{esc(summary_paragraph(facts.get('summary')))}</p>
{f'<ul>{warnings}</ul>' if warnings else ''}
<h2>Notebooks</h2>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>executed</th><th>error</th></tr>
{''.join(rows)}
</table>
{f'<h2>Contradictions</h2><ul>{contradictions}</ul>' if contradictions else ''}
<h2>Facts used</h2><p>{fact_links or 'none exported'}</p>
<h2>Figures</h2><p>{figure_links or 'none'}</p>
<h2>Run details</h2>
<p><a href="manifest.json">manifest.json</a> (inputs with sha256, package versions,
git commit {esc(str((manifest.get('git') or {}).get('commit') or 'unknown'))}, timings).</p>
<pre>{params}</pre>
</body></html>
"""
