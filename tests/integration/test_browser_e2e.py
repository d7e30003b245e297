"""End to end in a real browser: the explorer notebook in JupyterLab reacts to input.

Only what a browser can show is tested here; nbval (``make test``) already executes every
notebook and compares its outputs. Starts JupyterLab on a free local port with a random
token, serving a *copy* of the explorer notebook (the committed one is never touched), and
drives Debian's ``/usr/bin/chromium`` with Playwright (never ``playwright install``): clear
outputs, Run > Run All Cells, wait until every cell ran and the kernel is idle, assert there
is no error output and every figure rendered, then pick a claim and change a filter widget:
table, picker, detail, chart, map and the zoomable map's symbols must follow. The report's
standalone zoomable map is opened from disk with every network request blocked: zoom, click
a symbol, read its popup. Screenshots land in the test's temporary folder; with
``UPDATE_SCREENSHOTS=1`` the explorer's and the zoomable map's are also copied to
``notebooks/img/explore.png`` and ``notebooks/img/zoomable_map.png`` for the README.

Skipped (with the reason) only when chromium is missing; ``make test`` installs it via
apt, and CI sets ``NK_CLAIMS_REQUIRE_BROWSER=1`` so a missing browser fails instead.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.core.atomic import atomic_write_bytes

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
KERNEL_NAME = "nk-claims"
KERNEL_DISPLAY_NAME = "Python (nk-claims)"
EXPLORE_NOTEBOOK = "00_explore.ipynb"
LAB_SETTINGS_SOURCE = paths.DATA_DIR / "jupyter" / "overrides.json"

SERVER_START_TIMEOUT_S = 90
NOTEBOOK_RUN_TIMEOUT_MS = 150_000
UI_TIMEOUT_MS = 60_000

# JavaScript: true once every code cell of the open notebook shows an execution count
# (or a cell failed, which stops Run All) and the kernel is idle.
JS_RUN_FINISHED = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  if (!status || status.getAttribute('data-status') !== 'idle') return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
  if (prompts.some(t => t.includes('*'))) return false;
  const failed = [...panel.querySelectorAll('.jp-OutputArea-output')]
    .some(o => /Traceback|Error:/.test(o.textContent)
               && o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr');
  return failed || prompts.every(t => /^\\[\\d+\\]:$/.test(t));
}
"""

# JavaScript: every <img> in the outputs finished loading (broken or not).
JS_IMAGES_SETTLED = """
() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea img')]
        .every(img => img.complete)
"""


def _require_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    reason = (
        f"{CHROMIUM} is missing and could not be installed "
        "(make test installs it with apt-get when run as root; or: sudo apt-get install chromium)"
    )
    if os.environ.get("NK_CLAIMS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NK_CLAIMS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@dataclass
class LabServer:
    token: str
    root: Path
    log: Path
    runtime: Path
    process: subprocess.Popen
    base_url: str = ""  # known once the server has bound its port (see _wait_until_ready)

    def url(self, path: str) -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return json.load(response)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _copy_notebooks(target: Path) -> Path:
    """Copy the explorer notebook into ``notebooks/`` next to links to data/ and seeds/.

    The links keep relative paths such as ``../data/...`` working from the copy; the
    ``analysis`` package itself resolves paths from its install location.
    """
    root = target / "notebooks"
    root.mkdir()
    shutil.copy2(paths.NOTEBOOKS_DIR / EXPLORE_NOTEBOOK, root / EXPLORE_NOTEBOOK)
    for name in ("data", "seeds"):
        (target / name).symlink_to(paths.ROOT / name, target_is_directory=True)
    return root


def _stop(process: subprocess.Popen) -> None:
    """Stop the server this test started, by its PID: terminate, wait, then kill."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def _start_lab(base: Path) -> LabServer:
    """Start JupyterLab on the explorer's copy in ``base``; it answers a few seconds later."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        pytest.fail(f"the {KERNEL_NAME!r} Jupyter kernel is not installed; run `make install`")

    root = _copy_notebooks(base)
    # Cells render all at once (no virtual scrolling), so every output is in the DOM.
    tracker = base / "user-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}\n')

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "MPLBACKEND"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),   # ignore the user's ~/.jupyter
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        IPYTHONDIR=str(base / "ipython"),
    )
    token = secrets.token_hex(16)
    # Port 0: the server binds a port the system picks and names it in its runtime file
    # (jpserver-<pid>.json). A port picked here and handed over could be taken by another
    # process in between; under load that made the start fail now and then.
    # Language-server and terminal extensions: nothing here uses them; off, the server
    # starts faster.
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.jpserver_extensions="
        "{'jupyter_lsp': False, 'jupyter_server_terminals': False}",
        f"--LabApp.user_settings_dir={base / 'user-settings'}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    log = base / "jupyterlab.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=root
        )
    return LabServer(token, root, log, Path(env["JUPYTER_RUNTIME_DIR"]), process)


def _bound_url(server: LabServer) -> str | None:
    """The server's URL from its runtime file, or None while it has not bound a port."""
    info = server.runtime / f"jpserver-{server.process.pid}.json"
    try:
        port = json.loads(info.read_text(encoding="utf-8"))["port"]
    except (OSError, ValueError, KeyError):  # not written yet, or half written
        return None
    return f"http://127.0.0.1:{port}" if port else None


def _wait_until_ready(server: LabServer) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            pytest.fail(
                f"JupyterLab exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        server.base_url = server.base_url or _bound_url(server) or ""
        if server.base_url:
            try:
                server.get_json("/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
        if time.monotonic() > deadline:
            pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT_S}s:\n"
                        f"{server.log_tail()}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def lab_and_browser(tmp_path_factory: pytest.TempPathFactory):
    """JupyterLab and chromium (None when missing), started side by side: chromium
    launches while JupyterLab boots."""
    server = _start_lab(tmp_path_factory.mktemp("lab"))
    try:
        with ExitStack() as stack:
            chromium = None
            if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
                from playwright.sync_api import sync_playwright

                playwright = stack.enter_context(sync_playwright())
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                stack.callback(chromium.close)
            _wait_until_ready(server)
            yield server, chromium
    finally:
        _stop(server.process)


@pytest.fixture(scope="module")
def lab_server(lab_and_browser) -> LabServer:
    return lab_and_browser[0]


@pytest.fixture(scope="module")
def browser(lab_and_browser):
    _require_chromium()
    return lab_and_browser[1]


@contextmanager
def _step(what: str, lab_server: LabServer, page) -> Iterator[None]:
    """Turn a Playwright timeout into a failure that says which step hung, with evidence."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        yield
    except PlaywrightTimeout as exc:
        shot = lab_server.root.parent / "timeout.png"
        page.screenshot(path=str(shot))
        pytest.fail(
            f"timed out: {what} ({exc.message.splitlines()[0]}); screenshot {shot}\n"
            f"JupyterLab log:\n{lab_server.log_tail()}"
        )


def _run_all_cells(page, lab_server: LabServer, notebook: str, workspace: str) -> None:
    """Open ``notebook`` in its own workspace, clear outputs, Run > Run All Cells, wait."""
    page.goto(lab_server.url(f"/lab/workspaces/{workspace}/tree/{notebook}"))
    with _step(f"{notebook}: open the notebook", lab_server, page):
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook-cell", timeout=UI_TIMEOUT_MS)
    with _step(f"{notebook}: start the {KERNEL_DISPLAY_NAME!r} kernel", lab_server, page):
        page.wait_for_function(
            "name => [...document.querySelectorAll('.jp-NotebookPanel-toolbar .jp-KernelName')]"
            ".some(e => e.textContent.trim() === name)",
            arg=KERNEL_DISPLAY_NAME, timeout=UI_TIMEOUT_MS,
        )
        page.wait_for_selector(
            '.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=UI_TIMEOUT_MS
        )
    # Clearing first makes stale execution counts and outputs impossible to mistake for
    # this run's.
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Edit$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Clear Outputs of All Cells$")).click()
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    with _step(f"{notebook}: Run All Cells until the kernel is idle", lab_server, page):
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]"
            ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))",
            timeout=UI_TIMEOUT_MS,
        )
        page.wait_for_function(JS_RUN_FINISHED, timeout=NOTEBOOK_RUN_TIMEOUT_MS, polling=250)
    with _step(f"{notebook}: load every figure", lab_server, page):
        page.wait_for_function(JS_IMAGES_SETTLED, timeout=UI_TIMEOUT_MS)


def _error_outputs(page) -> list[str]:
    """Text of outputs that are tracebacks or errors (stderr with Traceback, or ename)."""
    texts = page.eval_on_selector_all(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
        "els => els.map(e => e.textContent)",
    )
    error_line = re.compile(r"^\w*(Error|Exception)\b", re.M)
    errors = [t for t in texts if "Traceback" in t or error_line.search(t)]
    widget_failures = page.eval_on_selector_all(
        ".jp-OutputArea-output", "els => els.map(e => e.textContent)"
    )
    errors += [t for t in widget_failures if "Error displaying widget" in t]
    return errors


def _committed_image_count(notebook: Path) -> int:
    data = json.loads(notebook.read_text(encoding="utf-8"))
    return sum(
        1
        for cell in data.get("cells", [])
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


def test_lab_settings_turn_off_news_and_update_checks(lab_server: LabServer):
    wanted = json.loads(LAB_SETTINGS_SOURCE.read_text(encoding="utf-8"))
    for plugin, values in wanted.items():
        answer = lab_server.get_json(f"/lab/api/settings/{plugin}")
        for key, value in values.items():
            # Overrides replace the schema defaults; the (empty) user settings come on top.
            effective = answer["settings"].get(key, answer["schema"]["properties"][key]["default"])
            assert effective == value, (
                f"JupyterLab setting {plugin}:{key} is {effective!r}, not {value!r}; "
                "run `make install` to copy data/jupyter/overrides.json into the venv"
            )


def test_explorer_runs_in_jupyterlab_and_follows_its_filters(
    lab_server: LabServer, browser, tmp_path
):
    notebook = EXPLORE_NOTEBOOK
    page_errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        _run_all_cells(page, lab_server, notebook, workspace=f"e2e-{Path(notebook).stem}")
        page.screenshot(path=str(tmp_path / f"{Path(notebook).stem}.png"))

        errors = _error_outputs(page)
        assert not errors, f"{notebook}: error output in JupyterLab:\n" + "\n---\n".join(errors)

        images = page.eval_on_selector_all(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea img",
            "els => els.map(e => e.naturalWidth)",
        )
        assert all(width > 0 for width in images), f"{notebook}: a figure did not render"
        expected = max(_committed_image_count(paths.NOTEBOOKS_DIR / notebook), 1)
        assert len(images) >= expected, (
            f"{notebook}: {len(images)} figures rendered, the committed notebook has {expected}"
        )
        _exercise_explorer(page, tmp_path)
    finally:
        if page_errors:
            print(f"{notebook}: browser console errors: {page_errors}")
        context.close()


def _explorer_state(page) -> dict:
    return page.evaluate(
        """() => {
      const table = document.querySelector('.nk-explore-table');
      const header = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
      const rows = [...table.querySelectorAll('tbody tr')].map(
        r => [...r.querySelectorAll('td')].map(td => td.textContent.trim()));
      const detail = document.querySelector('.nk-explore-detail');
      const mark = detail.querySelector('mark');
      return {
        count: document.querySelector('.nk-explore-count').textContent.trim(),
        units: rows.map(r => r[header.indexOf('unit')]),
        quotes: rows.map(r => r[header.indexOf('quote')]),
        html: table.innerHTML,
        // ipywidgets renders option labels with no-break spaces; \\s covers them.
        picker: [...document.querySelectorAll('.nk-explore-claim select option')]
          .map(o => o.textContent.replace(/\\s+/g, ' ').trim()),
        marked: mark ? mark.textContent : null,
        detail: detail.textContent.trim(),
        images: [...document.querySelectorAll('.nk-explorer img')]
          .filter(img => img.offsetParent).map(img => [img.src, img.naturalWidth]),
      };
    }"""
    )


def _detail_shows_a_claim(state: dict) -> bool:
    """The detail shows a listed claim: an extracted one's quote marked in its sentence, or
    a reference claim's note (reference claims keep no article text)."""
    if state["marked"] is not None:
        return state["marked"] in state["quotes"]
    return state["detail"].startswith("Reference claim coded from public reporting")


def _wait_until_explorer_idle(page) -> None:
    page.wait_for_selector(".nk-explorer:not(.nk-busy)", timeout=UI_TIMEOUT_MS)
    page.wait_for_function(JS_IMAGES_SETTLED, timeout=UI_TIMEOUT_MS)


def _exercise_explorer(page, tmp_path: Path) -> None:
    """Pick a claim, then filter by the rarest unit: table, picker, figures must follow."""
    explorer = page.locator(".nk-explorer")
    explorer.wait_for(timeout=UI_TIMEOUT_MS)
    page.wait_for_selector(".nk-explore-table tbody tr", timeout=UI_TIMEOUT_MS)
    _wait_until_explorer_idle(page)
    before = _explorer_state(page)
    assert before["quotes"], "the explorer table is empty before filtering"
    assert len(before["picker"]) == len(before["quotes"]), before["picker"]
    assert _detail_shows_a_claim(before), "the selected claim's quote is not marked"
    assert before["images"] and all(width > 0 for _, width in before["images"])

    # Picking a reference claim (its label ends with "[outlet]") shows where it comes from;
    # picking the last extracted claim shows its sentence with its quote highlighted.
    labels = before["picker"]
    reference = [i for i, label in enumerate(labels) if label.endswith("]")]
    if reference:
        outlet = labels[reference[-1]].rsplit("[", 1)[-1].rstrip("]")
        page.locator(".nk-explore-claim select").select_option(index=reference[-1])
        page.wait_for_function(
            "o => { const d = document.querySelector('.nk-explore-detail').textContent;"
            " return d.includes('Reference claim coded from public reporting')"
            " && d.includes(o); }",
            arg=outlet, timeout=UI_TIMEOUT_MS,
        )
    extracted = [i for i, label in enumerate(labels) if not label.endswith("]")]
    assert extracted, "the explorer lists no extracted claim"
    page.locator(".nk-explore-claim select").select_option(index=extracted[-1])
    last_quote = labels[extracted[-1]].rsplit(" · ", 1)[-1].rstrip("…")
    page.wait_for_function(
        "q => { const m = document.querySelector('.nk-explore-detail mark');"
        " return m && m.textContent.startsWith(q); }",
        arg=last_quote, timeout=UI_TIMEOUT_MS,
    )

    # Room for the whole explorer: tall viewport, left sidebar closed (Ctrl+B, command mode).
    page.set_viewport_size({"width": 1400, "height": 2300})
    if page.locator("#jp-left-stack:visible").count():
        page.keyboard.press("Escape")
        page.keyboard.press("Control+b")
    explorer.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_function(JS_IMAGES_SETTLED, timeout=UI_TIMEOUT_MS)
    shot = tmp_path / "explore.png"
    explorer.screenshot(path=str(shot))
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        atomic_write_bytes(paths.NOTEBOOKS_DIR / "img" / "explore.png", shot.read_bytes())

    symbols_before = _zoomable_symbol_count(page, expected=expected_symbols(None))
    counts = {unit: before["units"].count(unit) for unit in set(before["units"])}
    options = page.eval_on_selector_all(
        ".nk-filter-units select option",
        "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())",
    )
    assert options, "the Unit filter offers no units"
    unit = min(options, key=lambda name: (counts.get(name, 0), name))
    page.locator(".nk-filter-units select").select_option(label=unit)
    page.wait_for_function(
        "old => document.querySelector('.nk-explore-table').innerHTML !== old",
        arg=before["html"], timeout=UI_TIMEOUT_MS,
    )
    _wait_until_explorer_idle(page)
    after = _explorer_state(page)
    symbols_after = _zoomable_symbol_count(page, expected=expected_symbols(unit))
    assert symbols_after != symbols_before, (
        f"the zoomable map kept {symbols_before} symbols after filtering to {unit}"
    )
    assert after["units"] and set(after["units"]) == {unit}, after["units"]
    assert len(after["units"]) < len(before["units"]) or len(counts) == 1
    assert after["count"].startswith(f"{len(after['units'])} of "), after["count"]
    assert len(after["picker"]) == len(after["quotes"]), after["picker"]
    assert _detail_shows_a_claim(after), "the detail does not follow the filter"
    assert after["images"] and all(width > 0 for _, width in after["images"])
    assert [src for src, _ in after["images"]] != [src for src, _ in before["images"]], (
        "chart and map were not redrawn for the filtered claims"
    )
    explorer.screenshot(path=str(tmp_path / f"explore-{unit}.png"))


def _explorer_claims():
    """The claims the explorer notebook starts from: committed facts and reference claims."""
    from analysis.facts.reference import with_reference
    from analysis.facts.store import load_claims

    return with_reference(load_claims(), True)


def expected_symbols(unit: str | None) -> int:
    """How many symbols the explorer's zoomable map must draw for a unit filter."""
    from analysis.viz.interactive_map import InteractiveMap

    claims = _explorer_claims()
    if unit is not None:
        claims = claims[claims["unit"] == unit]
    return len(InteractiveMap(claims, "RU-KRS").selected)


def _zoomable_symbol_count(page, *, expected: int) -> int:
    """Wait until the explorer's zoomable map (its own document in an iframe) has drawn
    ``expected`` symbols in a view fitted to the oblast; return the count."""
    frame = page.frame_locator(".nk-explore-zoomable iframe")
    frame.locator("#nk-map.leaflet-container").wait_for(timeout=UI_TIMEOUT_MS)
    state = """() => [document.querySelectorAll('.nk-symbol[data-claim-id]').length,
                      window.nkMap ? window.nkMap.getZoom() : -1]"""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while True:  # the frame is replaced on each redraw: poll the current one
        count, zoom = frame.locator("#nk-map").evaluate(state)
        if (count == expected and zoom >= 5) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    assert count == expected, f"the zoomable map shows {count} symbols, not {expected}"
    # Fitted to the oblast even when the frame got its size after the page loaded.
    assert zoom >= 5, f"the zoomable map shows the whole world (zoom {zoom}), not the oblast"
    return count


def test_standalone_zoomable_map_works_offline_zooms_and_opens_popups(browser, tmp_path):
    """The report's region_map_<region>.html, opened from disk with the network blocked."""
    from analysis.corpus.catalog import load_corpus
    from analysis.viz.interactive_map import InteractiveMap

    zoomable = InteractiveMap(_explorer_claims(), "RU-KRS",
                              articles={a.id: a for a in load_corpus()})
    path = zoomable.save(tmp_path / "region_map_RU-KRS.html")
    requested: list[str] = []

    def block_network(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            requested.append(url)
            route.abort()

    context = browser.new_context(viewport={"width": 1200, "height": 800}, offline=True)
    context.route("**/*", block_network)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#nk-map.leaflet-container .nk-symbol", timeout=UI_TIMEOUT_MS)
        symbols = page.locator(".nk-symbol[data-claim-id]")
        assert symbols.count() == len(zoomable.selected) > 0
        assert page.locator(".nk-legend").inner_text().startswith("Legend")
        assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()

        # The smallest symbol is drawn last, on top of any larger one at the same place.
        target = symbols.last
        claim_id = target.get_attribute("data-claim-id")
        box = target.bounding_box()
        zoom_before = page.evaluate("() => window.nkMap.getZoom()")
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -100)  # zoom in (about one level) around the symbol
        page.wait_for_function("z => window.nkMap.getZoom() > z", arg=zoom_before,
                               timeout=UI_TIMEOUT_MS)
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_function("z => window.nkMap.getZoom() >= z + 1", arg=zoom_before,
                               timeout=UI_TIMEOUT_MS)
        page.locator(f'.nk-symbol[data-claim-id="{claim_id}"]').click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=UI_TIMEOUT_MS)
        text = popup.inner_text()
        row = zoomable.selected.set_index("claim_id").loc[claim_id]
        assert claim_id in text and "claimed by" in text and "as of" in text
        assert str(row["unit"]) in text
        if row["source"] == "reference":  # its source page is linked
            assert popup.locator("a[href^='http']").count() == 1
        shot = tmp_path / "zoomable_map.png"
        page.screenshot(path=str(shot))
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            atomic_write_bytes(paths.NOTEBOOKS_DIR / "img" / "zoomable_map.png",
                               shot.read_bytes())
        assert not requested, f"the offline page asked the network for {requested}"
        assert not page_errors, page_errors
    finally:
        context.close()
