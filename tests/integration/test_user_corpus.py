"""A user's articles never break the test suite.

In a temporary copy of the repository (its git-tracked files, this environment's venv, the
copy's own package on ``PYTHONPATH`` for every process and notebook kernel), two new
articles go in through ``corpus add`` and the copy's facts are rebuilt with ``facts build``,
as the README tells a user to do. The tests that used to count the whole corpus (the
extract CLI, the facts stage, strict nbval of every notebook) must still pass there,
because they run on the reference corpus in ``tests/reference/``, not on ``seeds/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.core import paths

pytestmark = pytest.mark.integration

ARTICLES = {
    "kursk_de": ("de", "2025-01-15", (
        "Nordkoreanische Soldaten in Kursk\n\n"
        "Nach Angaben des südkoreanischen Geheimdienstes sind inzwischen rund 11.000 "
        "nordkoreanische Soldaten in der Region Kursk stationiert. Das ukrainische "
        "Verteidigungsministerium erklärte am Montag, mehr als 200 nordkoreanische Soldaten "
        "seien bei Kämpfen getötet worden. Nordkorea habe Russland zudem bis zu 50 Raketen "
        "geliefert.\n"
    )),
    "kursk_en": ("en", "2025-01-16", (
        "North Korean losses in Kursk\n\n"
        "South Korea's spy agency said on Wednesday that about 3,000 North Korean soldiers "
        "have been killed or wounded in Russia's Kursk region. The Pentagon said last week "
        "that at least 12,000 North Korean troops were deployed to Russia.\n"
    )),
}
# The tests that counted the whole corpus before it was fixed (issue 10): the extract CLI,
# the facts stage, and strict nbval of the notebook that lists the corpus and its claims
# (01) and of the one that shows the curated overrides (03). The other notebooks read the
# facts through the same loader, so two kernels prove the mechanism at half the cost of four.
# The facts tests listed are those that read the corpus's folders (the Dask build tests of
# test_dataset*.py make their own corpora, so they prove nothing here and cost a cluster).
CORPUS_COUNTING_TESTS = (
    "tests/unit/extract/test_cli_extract.py", "tests/unit/facts/test_cli.py",
    "tests/unit/facts/test_consistency.py", "tests/unit/facts/test_dictionary.py",
    "tests/unit/facts/test_overrides.py", "tests/unit/facts/test_query.py",
    "tests/unit/facts/test_store.py",
    "notebooks/01_claims.ipynb", "notebooks/03_estimates_over_time.ipynb",
)
# Tests of those files that read no corpus and cost a Python start each: which modules an
# extract command imports (each one a fresh interpreter). They run in the suite itself.
NOT_CORPUS_COUNTING = (
    "tests/unit/extract/test_cli_extract.py::"
    "test_extract_commands_import_neither_later_stages_nor_heavy_libraries",
)


def _tracked_files(root: Path) -> list[str]:
    """Files git tracks (plus new ones it does not ignore), as they are in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, capture_output=True, check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def _copy_repository(root: Path, target: Path) -> Path:
    for name in _tracked_files(root):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination)
    return target


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{output[-6000:]}"
    return output


def test_added_articles_leave_the_suite_passing(tmp_path: Path) -> None:
    if not (paths.ROOT / ".git").exists():
        pytest.skip("not a git checkout: the copy is made from the git-tracked files")
    repo = _copy_repository(paths.ROOT, tmp_path / "repo")
    # The user's shell: no corpus override; the copy's package wins over the editable
    # install, in this process's children and in the notebook kernels they start.
    env = {k: v for k, v in os.environ.items()
           if k not in (paths.CORPUS_ENV, "NK_CLAIMS_ROOT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(repo)
    python = [sys.executable, "-m", "analysis"]

    located = _run([sys.executable, "-c", "import analysis; print(analysis.__file__)"], repo, env)
    assert located.strip() == str(repo / "analysis" / "__init__.py")

    for article_id, (language, published, text) in ARTICLES.items():
        source = tmp_path / f"{article_id}.txt"
        source.write_text(text, encoding="utf-8")
        _run([*python, "corpus", "add", str(source), "--published", published,
              "--language", language], repo, env)
    _run([*python, "facts", "build"], repo, env)

    claims = pd.read_csv(repo / "data" / "facts" / "claims.csv", dtype=str)
    assert set(ARTICLES) <= set(claims["article_id"])  # the user's corpus grew
    reference = paths.REFERENCE_CORPUS_DIR.relative_to(paths.ROOT)
    for name in ("seeds/catalog.csv", "data/facts/claims.csv", "data/facts/events.csv"):
        assert (repo / reference / name).read_bytes() == (paths.ROOT / reference / name
                                                          ).read_bytes()

    # Serially (-n 0): one worker of `make test` runs this, the other the rest.
    _run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
          *CORPUS_COUNTING_TESTS, *(f"--deselect={test}" for test in NOT_CORPUS_COUNTING)],
         repo, env)
