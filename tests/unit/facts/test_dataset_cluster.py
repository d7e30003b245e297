"""``facts build --scheduler tcp://...``: a Dask cluster gives the rows ``sync`` gives.

One LocalCluster (2 worker processes) for the module: starting one costs seconds.
"""

from __future__ import annotations

import functools
from pathlib import Path

import cloudpickle
import pytest

from analysis.cli import main
from analysis.corpus.synth import write_corpus
from analysis.facts.dataset import build_dataset
from tests.support import facts_datasets
from tests.support.facts_datasets import assert_same_rows, kill_worker_once

distributed = pytest.importorskip("distributed")
# The workers need not import the tests package to run the fault-injecting extractor.
cloudpickle.register_pickle_by_value(facts_datasets)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 10, seed=21)
    return folder


@pytest.fixture(scope="module")
def sync_build(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sync") / "facts"
    build_dataset(corpus, out, scheduler="sync", batch_size=2)
    return out


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", memory_limit=0) as local:
        yield local


def test_cluster_build_equals_the_sync_build_row_for_row(corpus, sync_build, cluster, tmp_path,
                                                        capsys):
    out = tmp_path / "facts"
    code = main(["facts", "build", "--corpus", str(corpus), "--out", str(out),
                 "--scheduler", cluster.scheduler_address, "--batch-size", "2"])
    assert code == 0, capsys.readouterr().err
    assert_same_rows(out, sync_build)


def test_a_worker_killed_mid_run_is_replaced_and_the_rows_are_the_same(
    corpus, sync_build, cluster, tmp_path
):
    out, marker = tmp_path / "facts", tmp_path / "killed"
    build_dataset(corpus, out, scheduler=cluster.scheduler_address, batch_size=2,
                  extract=functools.partial(kill_worker_once, marker=str(marker)))
    assert marker.exists()  # a worker did die
    assert_same_rows(out, sync_build)


def test_an_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("analysis.facts.dataset.CONNECT_TIMEOUT", "1s")
    code = main(["facts", "build", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and err.count("\n") == 1
