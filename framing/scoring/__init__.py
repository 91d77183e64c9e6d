"""Scoring: lexicon matches with their voice, and the scores built on them.

:mod:`~framing.scoring.matcher` finds every lexicon term in a text (one
Aho-Corasick automaton built once, whole words only) with its span, sentence
and voice; :mod:`~framing.scoring.match_counts` counts them per article;
:mod:`~framing.scoring.scores` makes the match, article and outlet tables
(loaded terms per 1,000 words, axis scores, preferred variants);
:mod:`~framing.scoring.readability` the reading-ease columns, counted as
textstat counts them (:mod:`~framing.scoring.hyphenation` gives pyphen's
hyphenation for the words the CMU dictionary lacks, and
:mod:`~framing.scoring.readability_batch` scores a whole chunk of texts at
once);
:mod:`~framing.scoring.partials` the mergeable per-outlet sums that let a
corpus be scored in chunks with the same result.

May import: the stages below it (:mod:`framing.store`,
:mod:`framing.provenance`, :mod:`framing.corpus`, :mod:`framing.importers`,
:mod:`framing.lexicon`, :mod:`framing.text`) and the base modules.
"""
