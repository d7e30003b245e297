"""Throughput of the claims extractor on a synthetic German + English corpus (not a test).

    .venv/bin/python benchmarks/extract_throughput.py [--size-mb 5] [--profile]

Builds at least ``--size-mb`` MB of articles from the sentence templates below (about one
sentence in four carries a number; qualifiers, units, places, dates and claimants vary),
runs :func:`analysis.extract.claims.extract_corpus_claims` over them in this single process and
prints ``key=value`` lines, among them ``words_per_s_per_core`` (words / CPU seconds of
this process) and ``ratio_vs_quantulum3`` (our words/s over quantulum3's ``parser.parse``
words/s on the English half; quantulum3 is time-boxed to a sample, see ``--quantulum-seconds``).
The templates are written for this benchmark; no news text is copied.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.catalog import Article  # noqa: E402
from analysis.extract.claims import extract_corpus_claims  # noqa: E402
from analysis.extract.numbers import find_quantities  # noqa: E402

PUBLISHED = dt.date(2024, 11, 12)
WARM_UP_BYTES = 200_000  # about 40 articles

DE = {
    "qualifier": ["", "", "", "rund ", "bis zu ", "mehr als ", "mindestens ", "knapp ",
                  "etwa ", "über ", "weitere ", "schätzungsweise ", "fast ", "gut "],
    "number": ["12.000", "3.500", "10 000", "800", "1.200", "zwölftausend", "zehn", "2.000",
               "25.000", "1,5 Millionen", "13.000", "450", "zwei Dutzend", "6.000"],
    "special": ["zwischen 2.000 und 3.000", "10.000 bis 12.000", "Tausende", "mehrere tausend",
                "Hunderte", "Zehntausende", "300–400"],
    "unit": ["nordkoreanische Soldaten", "Soldaten", "nordkoreanische Truppen",
             "Container mit Munition", "Artilleriegranaten", "ballistische Raketen",
             "Arbeiter", "Offiziere", "Infanteristen", "Kämpfer"],
    "place": ["in der Region Kursk", "in Russland", "nach Russland", "an der Front",
              "im Gebiet Belgorod", "in der Ostukraine", "bei Kursk", "im Fernen Osten Russlands"],
    "date": ["letzte Woche", "am Montag", "im Oktober", "Anfang August", "derzeit",
             "seit August 2023", "vor zwei Wochen", "gestern", "Mitte Oktober", ""],
    "claimant": ["die USA", "das Pentagon", "der südkoreanische Geheimdienst", "Selenskyj",
                 "die NATO", "Kiew", "das ukrainische Verteidigungsministerium",
                 "ein Sprecher des Weißen Hauses", "Seoul"],
    "templates": [
        "{Date} teilte {claimant} mit, dass {num} {unit} {place} stationiert seien.",
        "Laut {claimant} sind {date} {num} {unit} {place} im Einsatz.",
        "{Num} {unit} wurden {date} {place} verlegt, sagte {claimant}.",
        "Bei den Gefechten {place} wurden {date} {num} Soldaten getötet, erklärte {claimant}.",
        "Nordkorea soll {date} {num} {unit} {place} geschickt haben, so {claimant}.",
        "{Claimant} schätzt, dass {date} {num} {unit} {place} kämpfen.",
        "Insgesamt seien {date} {num} {unit} verwundet worden, hieß es aus Kreisen um {claimant}.",
    ],
    "subject": ["Die Regierung in Pjöngjang", "Der Kreml", "Die Opposition", "Der Botschafter",
                "Das Außenministerium", "Die Nachrichtenagentur", "Ein Sprecher der Armee",
                "Die Kommission", "Der Sicherheitsrat", "Die Beobachtermission",
                "Das Verteidigungsministerium", "Die Botschaft in Moskau"],
    "predicate": ["äußerte sich zunächst nicht zu den Berichten",
                  "wies die Vorwürfe als haltlos zurück", "forderte eine Sondersitzung",
                  "kündigte eine Prüfung der Angaben an", "sprach von gezielter Propaganda",
                  "verwies auf frühere Erklärungen", "lehnte eine Stellungnahme ab",
                  "rief zur Zurückhaltung auf", "warnte vor einer weiteren Eskalation",
                  "bestätigte den Eingang des Schreibens", "verlangte eine Untersuchung",
                  "sagte ein geplantes Treffen ab"],
    "adjunct": ["am Abend", "nach Angaben von Diplomaten", "in einer kurzen Mitteilung",
                "auf einer Pressekonferenz", "ohne weitere Einzelheiten", "in Brüssel",
                "nach einer Kabinettssitzung", "am Rande eines Gipfels", "in einem Interview",
                "über ihre Kanäle", "in der Hauptstadt", "zum wiederholten Mal"],
    "person": ["Anna Berger", "Jonas Keller", "Mira Hoffmann", "Lukas Brandt", "Sofia Wendt",
               "Felix Arnold", "Lea Sommer", "Paul Richter", "Nina Vogt", "Erik Lang",
               "Clara Busch", "Tim Franke", "Ida Krüger", "Max Seidel", "Eva Lorenz",
               "Ben Hartmann", "Lina Graf", "Noah Schulz", "Ella Pohl", "Jan Winter"],
    "said": "sagte",
    "filler": [
        "Die Regierung in Pjöngjang äußerte sich zunächst nicht zu den Berichten.",
        "Beobachter sehen darin einen weiteren Schritt der Annäherung beider Staaten.",
        "Der Kreml wies die Vorwürfe als haltlos zurück und sprach von Propaganda.",
        "In Brüssel beraten die Außenminister am Abend über neue Sanktionen.",
        "Die Lage an der Front bleibt nach Einschätzung von Fachleuten angespannt.",
        "Satellitenbilder sollen Bewegungen auf einem Übungsgelände zeigen.",
        "Eine unabhängige Bestätigung der Angaben war zunächst nicht möglich.",
        "Die Opposition forderte eine Sondersitzung des Parlaments.",
        "Der Botschafter wurde ins Außenministerium einbestellt.",
        "Experten warnen vor einer weiteren Eskalation des Konflikts in der Region.",
        "Die Gespräche sollen in der kommenden Woche fortgesetzt werden.",
        "Über die genauen Hintergründe der Vereinbarung ist wenig bekannt.",
    ],
}

EN = {
    "qualifier": ["", "", "", "about ", "up to ", "more than ", "at least ", "nearly ",
                  "some ", "over ", "another ", "an estimated ", "almost ", "roughly "],
    "number": ["12,000", "3,500", "800", "1,200", "twelve thousand", "ten", "2,000",
               "25,000", "1.5 million", "13,000", "450", "two dozen", "6,000", "12k"],
    "special": ["between 2,000 and 3,000", "10,000 to 12,000", "thousands of",
                "several thousand", "hundreds of", "tens of thousands of", "300-400"],
    "unit": ["North Korean soldiers", "soldiers", "North Korean troops",
             "containers of ammunition", "artillery shells", "ballistic missiles",
             "workers", "officers", "infantrymen", "fighters"],
    "place": ["in the Kursk region", "in Russia", "to Russia", "at the front",
              "in the Belgorod region", "in eastern Ukraine", "near Kursk",
              "in Russia's Far East"],
    "date": ["last week", "on Monday", "in October", "in early August", "currently",
             "since August 2023", "two weeks ago", "yesterday", "in mid-October", ""],
    "claimant": ["the United States", "the Pentagon", "South Korea's spy agency", "Zelensky",
                 "NATO", "Kyiv", "Ukraine's defence ministry", "a White House spokesperson",
                 "Seoul"],
    "templates": [
        "{Date} {claimant} said that {num} {unit} were stationed {place}.",
        "According to {claimant}, {num} {unit} are {date} deployed {place}.",
        "{Num} {unit} were moved {place} {date}, {claimant} said.",
        "In the fighting {place}, {num} soldiers were killed {date}, {claimant} stated.",
        "North Korea has sent {num} {unit} {place} {date}, according to {claimant}.",
        "{Claimant} estimates that {num} {unit} are fighting {place} {date}.",
        "Altogether {num} {unit} have been wounded {date}, sources close to {claimant} said.",
    ],
    "subject": ["The government in Pyongyang", "The Kremlin", "The opposition",
                "The ambassador", "The foreign ministry", "The news agency", "An army spokesman",
                "The commission", "The Security Council", "The observer mission",
                "The defence ministry", "The embassy in Moscow"],
    "predicate": ["did not comment on the reports at first", "dismissed the accusations",
                  "called for a special session", "announced a review of the figures",
                  "spoke of deliberate propaganda", "referred to earlier statements",
                  "declined to comment", "called for restraint", "warned of further escalation",
                  "confirmed receipt of the letter", "demanded an investigation",
                  "cancelled a planned meeting"],
    "adjunct": ["in the evening", "according to diplomats", "in a short statement",
                "at a press conference", "without giving details", "in Brussels",
                "after a cabinet meeting", "on the sidelines of a summit", "in an interview",
                "through its channels", "in the capital", "once again"],
    "person": ["Anna Berger", "John Keller", "Mira Hoffman", "Luke Brandt", "Sofia Wendt",
               "Felix Arnold", "Leah Summers", "Paul Richter", "Nina Vogt", "Eric Lang",
               "Clara Bush", "Tim Franks", "Ida Kruger", "Max Seidel", "Eva Lorenz",
               "Ben Hartman", "Lina Graf", "Noah Schultz", "Ella Pohl", "Jan Winter"],
    "said": "said",
    "filler": [
        "The government in Pyongyang did not comment on the reports at first.",
        "Observers see this as a further step in the rapprochement between the two states.",
        "The Kremlin dismissed the accusations as baseless and called them propaganda.",
        "Foreign ministers are meeting in Brussels this evening to discuss new sanctions.",
        "Analysts say the situation at the front remains tense.",
        "Satellite images are said to show movements at a training ground.",
        "The figures could not be independently verified.",
        "The opposition called for a special session of parliament.",
        "The ambassador was summoned to the foreign ministry.",
        "Experts warn of a further escalation of the conflict in the region.",
        "The talks are expected to continue next week.",
        "Little is known about the exact background of the agreement.",
    ],
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number_phrase(vocab: dict, rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(vocab["special"])
    if rng.random() < 0.5:
        return rng.choice(vocab["qualifier"]) + rng.choice(vocab["number"])
    # A figure of its own (grouped as the language writes it), so sentences rarely repeat.
    grouped = f"{rng.randint(2, 400) * 50:,}"
    return rng.choice(vocab["qualifier"]) + (
        grouped.replace(",", ".") if vocab is DE else grouped
    )


def _filler(vocab: dict, rng: random.Random) -> str:
    """A sentence without a figure, from subject, predicate, adjunct and (every other
    time) the person who said it (first and last names mixed): about 700,000 per language,
    so that a large corpus keeps one sentence in four with a figure."""
    sentence = (
        f"{rng.choice(vocab['subject'])} {rng.choice(vocab['predicate'])} "
        f"{rng.choice(vocab['adjunct'])}"
    )
    if rng.random() < 0.5:
        first = rng.choice(vocab["person"]).split()[0]
        last = rng.choice(vocab["person"]).split()[-1]
        sentence += f", {vocab['said']} {first} {last}"
    return sentence + "."


def _sentence(vocab: dict, rng: random.Random, unique: bool = True) -> str:
    """About one sentence in four carries a number."""
    if rng.random() >= 0.25:
        return _filler(vocab, rng) if unique else rng.choice(vocab["filler"])
    slots = {
        "num": _number_phrase(vocab, rng),
        "unit": rng.choice(vocab["unit"]),
        "place": rng.choice(vocab["place"]),
        "date": rng.choice(vocab["date"]),
        "claimant": rng.choice(vocab["claimant"]),
    }
    slots.update({key.capitalize(): _cap(value) for key, value in list(slots.items())})
    slots["Date"] = _cap(slots["date"] or vocab["date"][0])  # a sentence can't start empty
    sentence = rng.choice(vocab["templates"]).format(**slots)
    sentence = " ".join(sentence.split())  # an empty date slot leaves a double space
    return sentence.replace(" ,", ",").replace(" .", ".")


def _new_sentence(vocab: dict, rng: random.Random, seen: set[str] | None) -> str:
    """A sentence not in ``seen`` (then added to it); any sentence when ``seen`` is None."""
    if seen is None:
        return _sentence(vocab, rng, unique=False)
    for _ in range(1000):
        sentence = _sentence(vocab, rng)
        if sentence not in seen:
            seen.add(sentence)
            return sentence
    raise RuntimeError("the templates cannot make enough different sentences; add words")


def build_corpus(
    size_bytes: int, seed: int = 20241112, repeat_sentences: bool = False
) -> list[Article]:
    """Articles of 20-60 sentences, alternating German and English, >= ``size_bytes``.

    No sentence occurs twice in the corpus: the extractor keeps per-sentence caches (date
    expressions, places), and a corpus that repeats its sentences measures those caches
    rather than the rules (``repeat_sentences=True`` builds the old corpus, for comparison).
    """
    rng = random.Random(seed)
    seen: set[str] | None = None if repeat_sentences else set()
    articles: list[Article] = []
    total = 0
    while total < size_bytes:
        language = "de" if len(articles) % 2 == 0 else "en"
        vocab = DE if language == "de" else EN
        paragraphs = []
        for _ in range(rng.randint(5, 12)):
            paragraphs.append(
                " ".join(_new_sentence(vocab, rng, seen) for _ in range(rng.randint(2, 6)))
            )
        text = "\n".join(paragraphs)
        total += len(text.encode("utf-8"))
        article_id = f"bench_{len(articles):05d}"
        articles.append(
            Article(
                id=article_id, file=f"{article_id}.txt", title="", outlet="", url="",
                published=PUBLISHED - dt.timedelta(days=rng.randint(0, 60)),
                language=language, notes="", text=text,
            )
        )
    return articles


def _words(articles: list[Article]) -> int:
    return sum(len(article.text.split()) for article in articles)


def _timed(function, *args):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _quantulum(articles: list[Article], budget_seconds: float) -> tuple[int, float, bool]:
    """Words parsed and CPU seconds for quantulum3 on English articles, within a budget."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed"
        from quantulum3 import parser

        parser.parse("warm-up: 3 km")  # loads its unit tables outside the timing
        words, cpu_used, wall_start = 0, 0.0, time.perf_counter()
        for article in articles:
            if time.perf_counter() - wall_start > budget_seconds:
                return words, cpu_used, True
            _, _, cpu = _timed(parser.parse, article.text)
            cpu_used += cpu
            words += len(article.text.split())
    return words, cpu_used, False


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size-mb", type=float, default=5.0, help="corpus size (default 5)")
    options.add_argument("--seed", type=int, default=20241112)
    options.add_argument(
        "--quantulum-seconds", type=float, default=20.0,
        help="time box for quantulum3 (it is ~100x slower; default 20 s)",
    )
    options.add_argument("--profile", action="store_true", help="print the cProfile top 25")
    options.add_argument(
        "--repeat-sentences", action="store_true",
        help="the corpus before 2026-12-01: 12 filler sentences per language, repeated",
    )
    args = options.parse_args(argv)

    articles = build_corpus(int(args.size_mb * 1_000_000), args.seed, args.repeat_sentences)
    english = [a for a in articles if a.language == "en"]
    words = _words(articles)
    print(f"corpus_bytes={sum(len(a.text.encode('utf-8')) for a in articles)}")
    print(f"articles={len(articles)} words={words} english_words={_words(english)}")

    # Compile the lexicon patterns outside the timing. Some are compiled only when an article
    # first needs them (a date form's own pattern), so the warm-up covers every template.
    # Its articles come from another seed: none of their sentences is in the timed corpus,
    # so no per-sentence cache is filled with the timed text beforehand.
    warm_up = build_corpus(WARM_UP_BYTES, args.seed + 1)
    extract_corpus_claims(warm_up)
    claims, wall, cpu = _timed(extract_corpus_claims, articles)
    print(f"claims={len(claims)} seconds={wall:.2f} cpu_seconds={cpu:.2f}")
    ours = words / cpu
    print(f"words_per_s_per_core={ours:.0f}")

    def quantities_only() -> int:
        return sum(len(find_quantities(a.text, a.language)) for a in articles)

    found, _, numbers_cpu = _timed(quantities_only)
    print(f"quantities={found} numbers_only_words_per_s_per_core={words / numbers_cpu:.0f}")

    q_words, q_cpu, boxed = _quantulum(english, args.quantulum_seconds)
    theirs = q_words / q_cpu if q_cpu else float("nan")
    sample = f" (time-boxed: {q_words} of {_words(english)} English words)" if boxed else ""
    print(f"quantulum3_words_per_s_per_core={theirs:.0f}{sample}")
    print(f"ratio_vs_quantulum3={ours / theirs:.1f}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(extract_corpus_claims, articles)
        report = io.StringIO()
        pstats.Stats(profiler, stream=report).sort_stats("tottime").print_stats(25)
        print(report.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
