"""What the speech-report tests compare: a report's cue, source and message as text."""

from __future__ import annotations

from analysis.extract.attribution import Report, find_reports


def report_texts(sentence: str, report: Report) -> tuple[list[str], str | None, str]:
    """The cue's words, the source (None without one) and the message of ``report``."""
    cue = [sentence[a:b] for a, b in report.cue]
    source = sentence[slice(*report.source)] if report.source else None
    return cue, source, sentence[slice(*report.message)]


def only_report(sentence: str, language: str = "de") -> tuple[list[str], str | None, str]:
    """:func:`report_texts` of the one report in ``sentence`` (fails if there is not one)."""
    reports = find_reports(sentence, language)
    assert len(reports) == 1, reports
    return report_texts(sentence, reports[0])
