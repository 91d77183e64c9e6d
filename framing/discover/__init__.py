"""Discovery: what distinguishes outlets beyond the lexicon, with uncertainty.

:mod:`~framing.discover.term_counts` counts n-grams per group;
:mod:`~framing.discover.logodds` ranks distinctive terms by log-odds with an
informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), and
:mod:`~framing.discover.blockwise` does so block by block, keeping only the top terms;
:mod:`~framing.discover.intervals` gives bootstrap intervals of outlet
scores; :mod:`~framing.discover.kwic` shows a term in context;
:mod:`~framing.discover.timeline` follows a score over time.

May import: :mod:`framing.scoring` and every stage below it.
"""
