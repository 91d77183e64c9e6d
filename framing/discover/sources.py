"""Who each outlet quotes: one row per quotation, and a sources table per outlet.

The quotation table lists every direct quotation with its speaker, reporting
verb and how the speaker was found (:mod:`framing.text.attribution`); the
outlet table counts, per outlet, quotations, the share of its text inside
them, distinct speakers, its most quoted speakers, its reporting verbs with
their loadedness (the weights of the lexicons' ``attribution`` concept:
"said" 0, "claimed" 0.7, "bragged" 1), and how many of its loaded terms sit
inside quotations rather than in its own voice. The measures follow the
source-diversity counts of the Gender Gap Tracker (Asr et al. 2021, PLOS ONE
16(1)) and the attribution-verb analysis of Bergler (1992).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon
from framing.text.attribution import NOT_FOUND, attribute_quotations
from framing.text.speakers import speaker_names
from framing.text.tokens import fold

#: Columns of :func:`quote_table`, in order.
QUOTE_COLUMNS = ["outlet", "article", "speaker", "speaker_as_written", "kind", "verb", "start", "end",
                 "quotation", "how", "via", "closed"]
#: What :func:`source_table` can give one row per.
SOURCE_GROUPS = ("outlet", "article")
#: Concept id whose terms weigh reporting verbs.
ATTRIBUTION_CONCEPT = "attribution"


def quote_table(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per direct quotation, with :data:`QUOTE_COLUMNS`.

    Parameters
    ----------
    articles : iterable of Article

    Returns
    -------
    pandas.DataFrame
        ``speaker`` is the merged name (one per person or organisation in an
        article, :func:`framing.text.speakers.speaker_names`), "" when
        ``how`` is "no speaker found"; ``start``/``end`` index the quoted
        content in the article's text.
    """
    rows = []
    for article in articles:
        found = attribute_quotations(article.text)
        for a, name in zip(found, speaker_names(article.text, found)):
            rows.append((article.outlet, article.id, name, a.speaker, a.kind, a.verb, a.start, a.end,
                         article.text[a.start:a.end], a.how, a.via, a.closed))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def verb_weights(lexicons: Sequence[Lexicon]) -> dict[str, float]:
    """Folded reporting verb (and each listed form) to its weight in an ``attribution`` concept."""
    weights: dict[str, float] = {}
    for lexicon in lexicons:
        for concept in lexicon.concepts:
            if concept.id != ATTRIBUTION_CONCEPT:
                continue
            for term in concept.terms:
                for form in (term.text, *term.forms):
                    weights.setdefault(fold(form), term.weight)
    return weights


def _counted(values: Iterable[str], top: int | None = None, weights: dict[str, float] | None = None) -> str:
    """"said ×12 (0), claimed ×2 (0.7)": the most common first."""
    parts = []
    for value, count in Counter(v for v in values if v).most_common(top):
        weight = weights.get(fold(value)) if weights is not None else None
        parts.append(f"{value} ×{count}" + (f" ({weight:g})" if weight is not None else ""))
    return ", ".join(parts)


def source_table(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon],
    *,
    quotes: pd.DataFrame | None = None,
    matches: pd.DataFrame | None = None,
    top: int = 5,
    by: str = "outlet",
) -> pd.DataFrame:
    """The sources table: one row per outlet (or per article).

    Parameters
    ----------
    articles : sequence of Article
    lexicons : sequence of Lexicon
        Their ``attribution`` concepts weigh the verbs; their terms are the loaded terms.
    quotes : pandas.DataFrame, optional
        :func:`quote_table` of ``articles``, if already made.
    matches : pandas.DataFrame, optional
        :func:`framing.scoring.scores.match_table` of ``articles``, if already made.
    top : int
        How many top speakers to list (keyword-only, at least 1).
    by : {"outlet", "article"}
        One row per outlet (default) or per article (keyed ``article``, with its ``outlet``).

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, quotations, attributed, quoted_share, speakers, top_speakers,
        verbs, verb_loadedness, loaded_verbs, loaded_in_quotes, loaded_own_voice,
        loaded_quoted_share``. ``verb_loadedness`` is the mean weight of the
        verbs the lexicons weigh (NaN when none); the loaded-term counts take
        matches of non-zero weight, a span matched twice counted once.
    """
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, got {top!r}")
    if by not in SOURCE_GROUPS:
        raise ValueError(f"by must be one of {', '.join(SOURCE_GROUPS)}, got {by!r}")
    from framing.scoring.scores import match_table

    articles = list(articles)
    quotes = quote_table(articles) if quotes is None else quotes
    matches = match_table(articles, lexicons, sentences=False) if matches is None else matches
    weights = verb_weights(lexicons)
    loaded = matches[matches["weight"] != 0].drop_duplicates(["article", "start", "end"])
    rows = []
    keys = dict.fromkeys(a.outlet if by == "outlet" else a.id for a in articles)
    for key in keys:
        texts = [a.text for a in articles if (a.outlet if by == "outlet" else a.id) == key]
        own = quotes[quotes[by] == key]
        found = own[own["how"] != NOT_FOUND]
        weighed = [weights[fold(v)] for v in found["verb"] if fold(v) in weights]
        terms = loaded[loaded[by] == key]
        in_quotes = int((terms["voice"] == "quoted").sum())
        own_voice = int((terms["voice"] == "authorial").sum())
        outlet = key if by == "outlet" else next(a.outlet for a in articles if a.id == key)
        rows.append({
            **({} if by == "outlet" else {"article": key}),
            "outlet": outlet,
            "quotations": len(own),
            "attributed": len(found),
            "quoted_share": float((own["end"] - own["start"]).sum()) / max(sum(len(t) for t in texts), 1),
            "speakers": found["speaker"].nunique(),
            "top_speakers": _counted(found["speaker"], top),
            "verbs": _counted(found["verb"], None, weights),
            "verb_loadedness": sum(weighed) / len(weighed) if weighed else float("nan"),
            "loaded_verbs": sum(w > 0 for w in weighed),
            "loaded_in_quotes": in_quotes,
            "loaded_own_voice": own_voice,
            "loaded_quoted_share": in_quotes / (in_quotes + own_voice) if in_quotes + own_voice else float("nan"),
        })
    return pd.DataFrame(rows, columns=[*([] if by == "outlet" else ["article"]), "outlet", "quotations", "attributed", "quoted_share", "speakers",
                                       "top_speakers", "verbs", "verb_loadedness", "loaded_verbs",
                                       "loaded_in_quotes", "loaded_own_voice", "loaded_quoted_share"])


def speaker_counts(quotes: pd.DataFrame, *, top: int = 8) -> pd.DataFrame:
    """Quotations per outlet and speaker: each outlet's ``top`` speakers, the rest as "others (N speakers)".

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, speaker, quotations``; quotations with no speaker found
        are counted as "(no speaker found)".
    """
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, got {top!r}")
    rows = []
    for outlet, group in quotes.groupby("outlet", sort=False):
        counts = Counter(s if s else "(no speaker found)" for s in group["speaker"])
        named = [(s, n) for s, n in counts.most_common() if s != "(no speaker found)"]
        rows.extend((outlet, s, n) for s, n in named[:top])
        rest = sum(n for _, n in named[top:])
        if rest:
            rows.append((outlet, f"others ({len(named) - top} speakers)", rest))
        if counts["(no speaker found)"]:
            rows.append((outlet, "(no speaker found)", counts["(no speaker found)"]))
    return pd.DataFrame(rows, columns=["outlet", "speaker", "quotations"])
