"""Text: folding, tokens, sentences, quotations and voice.

The first stage after an article is read. Nothing here knows about lexicons
or scores: :mod:`~framing.text.folding` makes the key string matching runs
on (case, accents and typography folded, with a map back to original
offsets); :mod:`~framing.text.phrase_keys` turns a lexicon term as written
into the keys it matches; :mod:`~framing.text.tokens` makes the words and
n-grams that are counted; :mod:`~framing.text.sentences` finds sentence
spans; :mod:`~framing.text.quotes` finds quotations and gives every offset
its voice (the outlet's own, a quoted source's, a scare quote's).

May import: nothing else of framing (it is the lowest stage after
:mod:`framing.article` and :mod:`framing.resources`).
"""
