"""Stage 3, extract: from one article's text to claims and events. Pure: no files written.

In: :class:`~analysis.corpus.catalog.Article` objects and the lexicon.
Out: typed frames (the schema's claim and event columns, :mod:`analysis.core.tables`) with
character offsets into the article text. Commands ``extract`` and ``events`` (``cli``).
Extraction never imports storage (``facts``) or any later stage.

Modules in flow order, each with its rules in its docstring: ``sentences``, ``visible``;
numbers (``number_grammar`` → ``number_values`` → ``number_context`` → ``numbers``); dates
(``date_lexicon`` → ``date_grammar`` → ``date_periods`` → ``date_relative`` →
``date_forms`` → ``date_ranges`` → ``date_tense`` → ``date_resolution`` → ``dates``);
``mentions`` (places, actors, claimants); attribution (``speech_grammar`` →
``speech_phrases`` → ``speech_clauses`` → ``speech_subjects`` → ``speech_extents`` →
``speech_verbs`` → ``speech_prepositions`` → ``speech_sources`` → ``attribution`` →
``claimant_phrases`` → ``claimant_resolution``; ``speech_document`` is the per-document
view the SpkAtt benchmark scores); claims (``claim_grammar`` → ``claim_units`` →
``claim_context`` → ``claim_actors`` → ``claim_location`` → ``claim_clauses`` →
``claim_setting`` → ``claim_time`` → ``claims``, the assembly); events
(``event_segments`` → ``event_participants`` → ``events``).
"""
