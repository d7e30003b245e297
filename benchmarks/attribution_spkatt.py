"""Speaker attribution on SpkAtt-2023 (German news), scored like the shared task (not a test).

    .venv/bin/python benchmarks/attribution_spkatt.py DIR [--details]

For every SpkAtt JSON file under ``DIR`` (e.g. ``../shared/bench/spkatt/train``; the data are
never copied into this repository), the sentences' tokens are joined with single spaces
(offsets recorded), :func:`analysis.extract.attribution.find_reports` runs on each sentence,
and the continuation rules of :mod:`analysis.extract.claimant_resolution` add a report for a
sentence that goes on with the previous source (German reported speech). Each report becomes
an annotation: the tokens its cue, source and message spans overlap (the message without the
report's own frame). A quotation that goes on into the next sentences (the continuation
carries the first sentence's cue) is one annotation over all of them, as the task marks it;
a quotation that opens anew after the frame ("„A“, sagte X. „B.“") is one of its own, and
the sentences of a quotation whose frame closes it later ("„A. B“, sagte X.") join that
frame's annotation.

Scoring follows the task's ``eval/score.py`` (read there, not copied): per document, system
and gold annotations are paired by an optimal assignment (``scipy.optimize.linear_sum_assignment``)
of the token F1 of their messages; for every pair, and every unpaired annotation against an
empty one, each role gets token precision and recall (undefined when it has no tokens on
either side); precision and recall are averaged over the annotations where defined (macro),
and F1 is their harmonic mean. All annotations count, nested ones too (the full track).
``_numeric`` figures repeat this on the annotations whose message holds a number (a token
with a digit), gold and system alike. Checked against the task's own ``eval/classes.py``
(its ``evaluate_doc`` fed this script's gold and system annotations, per-role macro
precision and recall as in its ``perform_evaluation``): identical Cue and Source figures to
three decimals on ``train/`` (2026-12-01); its only extra, a 0.01 bonus for the same Form in
the pairing, cannot apply since the system gives no Form. Prints ``cue_f1=… source_f1=…
source_f1_numeric=…`` and the precision/recall behind them. Skips with one line when
``DIR`` is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.extract.speech_document import document_reports  # noqa: E402

ROLES = ("Cue", "Source")


@dataclass
class Annotation:
    message: list[int]
    roles: dict[str, list[int]] = field(default_factory=dict)
    forward: bool = False  # a quotation whose cue comes in a later sentence: joins it


def _absolute(offsets: list[int], pairs: list[str]) -> list[int]:
    found = set()
    for pair in pairs:
        sentence, token = pair.split(":")
        found.add(offsets[int(sentence)] + int(token))
    return sorted(found)


def _gold(document: dict, offsets: list[int]) -> list[Annotation]:
    return [
        Annotation(_absolute(offsets, a["Message"]),
                   {role: _absolute(offsets, a.get(role, [])) for role in ROLES})
        for a in document["Annotations"]
    ]


def _system(document: dict, offsets: list[int]) -> list[Annotation]:
    sentences = []
    for sentence in document["Sentences"]:
        tokens = sentence["Tokens"]
        starts, position = [], 0
        for token in tokens:
            starts.append(position)
            position += len(token) + 1
        sentences.append((" ".join(tokens), starts))
    found = []
    for report in document_reports([text for text, _ in sentences], "de"):
        def tokens_of(index: int, spans, exclude=None) -> list[int]:
            text, starts = sentences[index]
            chosen = set()
            for number, start in enumerate(starts):
                end = start + len(document["Sentences"][index]["Tokens"][number])
                inside = any(a < end and start < b for a, b in spans)
                if inside and not (exclude and exclude[0] <= start < exclude[1]):
                    chosen.add(offsets[index] + number)
            return sorted(chosen)

        message = tokens_of(report.sentence_index, [report.report.message], report.report.frame)
        cue_sentence = report.sentence_index if report.cue_sentence is None else report.cue_sentence
        cue = tokens_of(cue_sentence, list(report.report.cue))
        source_index, source_span = report.source_sentence, report.source_span
        source = tokens_of(source_index, [source_span]) if source_span else []
        if not message:  # a report whose message has no token of its own is left out
            continue
        previous = max((a for a in found if cue and a.roles["Cue"] == cue
                        and a.roles["Source"] == source
                        and max(a.message) < offsets[report.sentence_index]),
                       key=lambda a: max(a.message), default=None)
        if previous is not None and (report.goes_on or previous.forward):
            # a quotation going on over several sentences is one report, as the task marks it
            # (two sentences share a cue only when one goes on with the other's quotation)
            previous.message = sorted(set(previous.message) | set(message))
            continue
        found.append(Annotation(message, {"Cue": cue, "Source": source},
                                forward=cue_sentence > report.sentence_index))
    return found


def _overlap_f1(gold: list[int], system: list[int]) -> float:
    both = len(set(gold) & set(system))
    if not both:
        return 0.0
    precision, recall = both / len(system), both / len(gold)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Scores:
    precision: dict[str, list[float]] = field(default_factory=lambda: {r: [] for r in ROLES})
    recall: dict[str, list[float]] = field(default_factory=lambda: {r: [] for r in ROLES})

    def add(self, gold: Annotation | None, system: Annotation | None) -> None:
        for role in ROLES:
            g = set(gold.roles[role]) if gold else set()
            s = set(system.roles[role]) if system else set()
            if s:
                self.precision[role].append(len(g & s) / len(s))
            if g:
                self.recall[role].append(len(g & s) / len(g))

    def f1(self, role: str) -> tuple[float, float, float]:
        p = sum(self.precision[role]) / len(self.precision[role]) if self.precision[role] else 0.0
        r = sum(self.recall[role]) / len(self.recall[role]) if self.recall[role] else 0.0
        return (2 * p * r / (p + r) if p + r else 0.0), p, r


def _score_document(gold: list[Annotation], system: list[Annotation], scores: Scores) -> None:
    from scipy.optimize import linear_sum_assignment  # the task's pairing

    paired_gold: set[int] = set()
    paired_system: set[int] = set()
    if gold and system:
        matrix = [[_overlap_f1(g.message, s.message) for s in system] for g in gold]
        rows, columns = linear_sum_assignment(matrix, maximize=True)
        for g, s in zip(rows, columns, strict=True):
            scores.add(gold[g], system[s])
            paired_gold.add(int(g))
            paired_system.add(int(s))
    for index, annotation in enumerate(gold):
        if index not in paired_gold:
            scores.add(annotation, None)
    for index, annotation in enumerate(system):
        if index not in paired_system:
            scores.add(None, annotation)


def _numeric(annotations: list[Annotation], digits: set[int]) -> list[Annotation]:
    return [a for a in annotations if digits.intersection(a.message)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of SpkAtt JSON files")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"attribution_spkatt: skipped, no SpkAtt folder at {args.folder}")
        return 0
    files = sorted(args.folder.rglob("*.json"))
    if not files:
        print(f"attribution_spkatt: skipped, no JSON files under {args.folder}")
        return 0
    overall, numeric = Scores(), Scores()
    gold_count = system_count = 0
    started = time.process_time()
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        offsets = [0]
        for sentence in document["Sentences"]:
            offsets.append(offsets[-1] + len(sentence["Tokens"]))
        digits = {
            offsets[i] + j
            for i, sentence in enumerate(document["Sentences"])
            for j, token in enumerate(sentence["Tokens"])
            if any(ch.isdigit() for ch in token)
        }
        gold, system = _gold(document, offsets), _system(document, offsets)
        gold_count += len(gold)
        system_count += len(system)
        _score_document(gold, system, overall)
        _score_document(_numeric(gold, digits), _numeric(system, digits), numeric)
    seconds = time.process_time() - started
    cue, cue_p, cue_r = overall.f1("Cue")
    source, source_p, source_r = overall.f1("Source")
    cue_n, _, _ = numeric.f1("Cue")
    source_n, source_n_p, source_n_r = numeric.f1("Source")
    print(f"files={len(files)} gold_annotations={gold_count} system_annotations={system_count} "
          f"cpu_seconds={seconds:.1f}")
    print(f"cue_precision={cue_p:.3f} cue_recall={cue_r:.3f} "
          f"source_precision={source_p:.3f} source_recall={source_r:.3f}")
    print(f"source_precision_numeric={source_n_p:.3f} source_recall_numeric={source_n_r:.3f} "
          f"cue_f1_numeric={cue_n:.3f}")
    print(f"cue_f1={cue:.4f} source_f1={source:.4f} source_f1_numeric={source_n:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
