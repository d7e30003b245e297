"""The vocabulary of reported speech for one language, compiled once: :func:`speech_grammar`.

Built from two files of ``data/lexicon/<lang>/`` (see its README):

* ``speech_cues.csv`` (``term,role,particle``): the cues of speech, thought and writing.
  ``verb`` (sagte, erklärte, said, estimated: a report whatever its message is, a clause,
  a quote or an object), ``verb_clause`` (hofft, fordert, believes: a report only with a
  clause or a quote as its message); ``particle``: the separable particle a German form
  needs later in its clause ("teilte … mit", "gab … bekannt"). ``preposition`` (laut,
  according to: the source follows), ``relay`` (citing, unter Berufung auf: the source
  follows, and it is the origin of what the rest of the clause reports), ``postposition``
  (zufolge: the source comes
  before), ``postposed`` (", so der Minister": after a comma or a quote only),
  ``noun_preposition`` ("nach", a cue only before a report noun: "nach Angaben des ..."),
  ``report_noun`` / ``report_noun_suffix`` (Angaben, Polizeiangaben, estimates),
  ``briefing_noun`` (Unterrichtung, briefing: a report only with its source attached, "a
  briefing by the NIS", and then the origin of what the one who was briefed says),
  ``impersonal`` (hieß es, it is said: the source, if any, follows "aus"/"von"),
  ``source_adverb`` (Demnach: cue and source in one word, meaning the previous source),
  ``quote_object`` ("quoted X as saying": the source is the object), ``not_cue`` (a
  multi-word use of a cue word that reports nothing: "nannte sich" is a name, "bestätigte
  sich" came true; matched like other multi-word cues, so the word alone is not read),
  ``content_noun`` (Behauptung, Forderung: a noun whose clause says what was claimed or
  asked, "die Behauptung, die Zahl sei falsch"; a report in the SpkAtt view only, like
  ``verb_view``: the claims never take its holder as a claimant).
* ``function_words.csv`` (``term,role``): the closed word classes the phrase scanner of
  :mod:`analysis.extract.speech_phrases` needs: ``determiner``, ``oblique`` (German dative
  and accusative articles: not a subject), ``genitive`` (des, of), ``preposition``,
  ``conjunction``, ``subordinator``, ``relative``, ``auxiliary``, ``adverb``, ``time_word``,
  ``time_modifier``, ``pronoun``, ``addressee`` (gegenüber), ``konjunktiv`` (German
  reported-speech verb forms: seien, habe, werde) and ``konjunktiv2`` (hätte, wäre, würde:
  reported speech too, but also plain conditionals, so they continue a source only right
  after a sentence that has one), ``reportative`` (soll, sollen: "soll … gewesen sein"
  reports what someone else says, but is also a plan or an order: the same condition),
  ``expletive`` (German "es" in "sah es Köhler als Aufgabe an", "Es ist klar": never a
  source on its own; part of the cue of an impersonal passive, "Es wird befürchtet"),
  ``predicative`` (German "als" in "bezeichnete den Plan als Fehler": part of the cue of a
  verb that reports a clause, as the SpkAtt task marks it).

Matching: verb forms match in lower case only ("States" in "United States" is no verb, the
noun "Angaben" is not the verb "angaben"); the other cues match with the first letter in
either case (Laut, According to); report nouns as listed (first letter either case). A
multi-word cue also matches with one ``adverb`` after its first word ("wurde dann bekannt",
"ist auch der Ansicht"); the adverb is not part of the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from analysis.core.errors import ExtractionError
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import term_pattern, trie

CUE_ROLES = (
    "verb", "verb_clause", "verb_view", "preposition", "relay", "postposition", "postposed",
    "noun_preposition", "report_noun", "report_noun_suffix", "briefing_noun", "impersonal",
    "source_adverb", "quote_object", "not_cue", "content_noun",
)
WORD_ROLES = (
    "determiner", "oblique", "genitive", "preposition", "conjunction", "subordinator",
    "relative", "auxiliary", "adverb", "time_word", "time_modifier", "pronoun", "addressee",
    "konjunktiv", "konjunktiv2", "reportative", "possessive", "expletive", "predicative",
)
VERB_ROLES = frozenset({"verb", "verb_clause", "verb_view"})
CLAUSE_ROLES = frozenset({"verb_clause", "verb_view"})  # a report only with a clause or quote
# reports the claims never attribute a number to (the SpkAtt view only)
VIEW_ROLES = frozenset({"verb_view", "content_noun"})

# A word: letters or digits, inner hyphens, apostrophes and number separators ("10.000",
# "Korea's", "Seong-kweun"); an abbreviation with dots ("U.S."); else one character.
# A name's initial ("Jürgen R. Thumann") and a title ("Prof. Dr.") keep their full stop:
# they are inside a speaker's name, not the end of one.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\b(?:Prof|Dr|Mr|Mrs|Ms|Gen|Sen|Rep|Jr|Sr)\."
                    r"(?=\s)|\b[^\W\d_a-zäöüß]\.(?=\s+[^\W\d_a-zäöüß])"
                    r"|\w+(?:[-‐'’.,]\w+)*|[^\w\s]")
OPENING_QUOTES = frozenset("„“\"»«‚‘")
CLOSING_QUOTES = frozenset("“”\"«»‘’")


class Token(NamedTuple):
    """One token of a sentence: offsets relative to the sentence, its text and lower case."""

    start: int
    end: int
    text: str
    lower: str


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` with offsets (``text[t.start:t.end] == t.text``)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lower-cases to two characters
        return [Token(m.start(), m.end(), m.group(0), m.group(0).lower())
                for m in _TOKEN.finditer(text)]
    # tuple.__new__ directly: Token._make is a Python-level call per token, and this runs
    # for every sentence that holds a speech cue.
    new = tuple.__new__
    spans = [match.span() for match in _TOKEN.finditer(text)]
    return [new(Token, (start, end, text[start:end], lowered[start:end]))
            for start, end in spans]


@dataclass(frozen=True)
class SpeechGrammar:
    """Everything compiled once per language (see the module docstring)."""

    language: str
    scan: re.Pattern  # any cue, for the one search that rules a sentence in or out
    cues: dict[str, frozenset[str]]  # cue key (lower case, single spaces) -> roles
    particles: dict[str, frozenset[str]]  # verb form -> particles it needs ("" = none)
    noun_suffixes: tuple[str, ...]
    report_nouns: frozenset[str]
    briefing_nouns: frozenset[str]
    words: dict[str, frozenset[str]]  # role -> lower-case words
    classes: dict[str, frozenset[str]]  # lower-case word -> roles

    def has(self, token: Token, role: str) -> bool:
        return role in self.classes.get(token.lower, ())

    def is_report_noun(self, token: Token) -> bool:
        """Angaben, Schätzungen, Polizeiangaben (suffix), estimates."""
        if token.lower in self.report_nouns:
            return True
        return token.text[:1].isupper() and token.lower.endswith(self.noun_suffixes)


@cached
def speech_grammar(language: str) -> SpeechGrammar:
    """The compiled speech vocabulary of ``language``; ExtractionError if it has none."""
    lexicon.check_language(language)
    cue_rows = lexicon.table(language, "speech_cues", ("term", "role", "particle"))
    word_rows = lexicon.table(language, "function_words", ("term", "role"))
    cues: dict[str, set[str]] = {}
    particles: dict[str, set[str]] = {}
    verbs: list[str] = []
    others: list[str] = []
    suffixes: list[str] = []
    nouns: set[str] = set()
    briefings: set[str] = set()
    for row in cue_rows:
        role, term = row["role"], row["term"]
        if role not in CUE_ROLES:
            raise ExtractionError(
                f"{lexicon.table_path(language, 'speech_cues')}: term {term!r} has unknown role "
                f"{role!r}; use one of {', '.join(CUE_ROLES)}"
            )
        key = lexicon.term_key(term)
        if role == "report_noun_suffix":
            suffixes.append(key)
            continue
        cues.setdefault(key, set()).add(role)
        if role in VERB_ROLES:
            verbs.append(key)
            if term.strip() != key:  # "ist der Ansicht": the scan matches the noun's capital
                verbs.append(term.strip())
            particles.setdefault(key, set()).add(lexicon.term_key(row["particle"]))
        else:
            others.append(term)
        if role == "report_noun":
            nouns.add(key)
        if role == "briefing_noun":
            briefings.add(key)
    words: dict[str, set[str]] = {role: set() for role in WORD_ROLES}
    for row in word_rows:
        if row["role"] not in words:
            raise ExtractionError(
                f"{lexicon.table_path(language, 'function_words')}: term {row['term']!r} has "
                f"unknown role {row['role']!r}; use one of {', '.join(WORD_ROLES)}"
            )
        words[row["role"]].add(lexicon.term_key(row["term"]))
    classes: dict[str, set[str]] = {}
    for role, members in words.items():
        for word in members:
            classes.setdefault(word, set()).add(role)
    # One search decides whether a sentence can hold a report at all (most cannot).
    scan = rf"(?<![\w-])(?:{trie(verbs)}|{term_pattern(others)})(?!\w)"
    if suffixes:  # inside a compound: "Polizeiangaben"
        scan += rf"|(?:{trie(suffixes)})(?!\w)"
    adverbs = "|".join(sorted(map(re.escape, words["adverb"]), key=len, reverse=True))
    gapped = [(first, rf"(?i:\s+(?:{adverbs})\s+" + r"\s+".join(map(re.escape, rest)) + ")")
              for first, *rest in (key.split() for key in cues if " " in key)]
    if gapped and adverbs:  # one adverb inside a multi-word cue: "wurde dann bekannt"
        scan += rf"|(?<![\w-])(?:{trie(gapped, fold_first=True)})(?!\w)"
    return SpeechGrammar(
        language=language,
        scan=re.compile(scan),
        cues={key: frozenset(roles) for key, roles in cues.items()},
        particles={key: frozenset(p) for key, p in particles.items()},
        noun_suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        report_nouns=frozenset(nouns),
        briefing_nouns=frozenset(briefings),
        words={role: frozenset(members) for role, members in words.items()},
        classes={word: frozenset(roles) for word, roles in classes.items()},
    )
