"""Time, peak memory and output size of the claims extractor on two hostile inputs (not a test).

    .venv/bin/python benchmarks/extract_large.py [--numbers 8000] [--article-mb 19]

Issue 15: one sentence with 8,000 numbers took 112 s, 4.2 GB and wrote a 1 GB CSV (every
row repeated the whole sentence); a 19 MB article took 4 min 26 s and 433 MB. Each case runs
in a fresh interpreter (``--case``), so its peak resident memory is its own; the text is
built there before the baseline is taken. Prints one ``key=value`` line per case:
``seconds`` (wall), ``cpu_seconds``, ``peak_rss_mb`` (growth of the peak resident set over
the baseline), ``claims`` and ``csv_bytes`` (the claims table as ``extract`` writes it).
The 19 MB article is the synthetic corpus of ``extract_throughput.py`` as one article.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PUBLISHED = dt.date(2024, 11, 12)


def _many_numbers(count: int) -> str:
    """One German sentence listing ``count`` different figures."""
    figures = ", ".join(f"{(n + 1) * 3:,} Soldaten".replace(",", ".") for n in range(count))
    return f"Laut Kiew wurden am Montag {figures} verlegt."


def _large_article(megabytes: float) -> str:
    from extract_throughput import build_corpus

    articles = build_corpus(int(megabytes * 1_000_000))
    return "\n".join(article.text for article in articles)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _run_case(case: str, size: float) -> int:
    from analysis.core import tables
    from analysis.corpus.catalog import Article
    from analysis.extract.claims import extract_corpus_claims

    text = _many_numbers(int(size)) if case == "sentence" else _large_article(size)
    article = Article(id="large", file="large.txt", title="", outlet="", url="",
                      published=PUBLISHED, language="de", notes="", text=text)
    extract_corpus_claims([dataclasses.replace(article, text="Es sind 3.000 Soldaten.")])
    baseline = _peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = extract_corpus_claims([article])
    csv_bytes = len(tables.to_csv_text(frame).encode("utf-8"))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    label = (f"large_sentence_numbers={int(size)}" if case == "sentence"
             else f"large_article_bytes={len(text.encode('utf-8'))}")
    print(f"{label} seconds={wall:.2f} cpu_seconds={cpu:.2f} "
          f"peak_rss_mb={_peak_rss_mb() - baseline:.0f} claims={len(frame)} "
          f"csv_bytes={csv_bytes}")
    return 0


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--numbers", type=int, default=8000, help="numbers in the sentence")
    options.add_argument("--article-mb", type=float, default=19.0, help="article size in MB")
    options.add_argument("--case", choices=["sentence", "article"], help=argparse.SUPPRESS)
    options.add_argument("--size", type=float, help=argparse.SUPPRESS)
    args = options.parse_args(argv)
    if args.case:
        return _run_case(args.case, args.size)
    status = 0
    for case, size in (("sentence", args.numbers), ("article", args.article_mb)):
        done = subprocess.run(
            [sys.executable, __file__, "--case", case, "--size", str(size)], check=False
        )
        status = status or done.returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
