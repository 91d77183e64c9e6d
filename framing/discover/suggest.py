"""Suggested concepts: wordings of one thing that two groups of articles choose differently.

A concept of a lexicon gathers the interchangeable wordings of one thing,
each weighted by the side it signals. :func:`suggest_concepts` proposes
them from a corpus alone, in four steps:

1. **Candidates** (:func:`framing.discover.candidates.candidate_terms`): the
   frequent and the distinctive words and phrases of the two groups, each
   with the z-score of the log-odds ratio with informative Dirichlet prior
   (Monroe, Colaresi & Quinn 2008), boilerplate removed first
   (:mod:`framing.text.boilerplate`).
2. **Substitutes** (:func:`framing.discover.contexts.context_vectors`):
   terms used among the same neighbouring words, by the cosine of PPMI
   context vectors reduced with SVD (Levy, Goldberg & Dagan 2015).
3. **Concepts**: each strongly distinctive term (``|z| >= seed_z``), most
   distinctive first, is a seed; its substitutes (cosine at least
   ``min_similarity``) that the *other* group prefers, or that both use
   about equally (the neutral wording), join it, each term in one concept
   only, and only if the seed is also among *its* :data:`MUTUAL_K` most
   similar candidates (mutual nearest neighbours: a topic word such as
   "pope" has "president" near, but "president" has closer substitutes).
   At most one neutral wording joins, and only a close one (cosine at
   least :data:`NEUTRAL_SIMILARITY`); a concept needs a second wording.
4. **Weights** ``w = tanh(z / Z_SCALE)`` (:data:`Z_SCALE` = 4), rounded to
   two decimals: z = 1.96 (the 5 % level) gives 0.45, z = 4 gives 0.76,
   z = 8 gives 0.96, so the weight grows with the evidence and stays within
   -1..1; ``|z| < 1.96`` is the neutral wording, weight 0. The squashing is
   ours; the z is Monroe et al.'s. Concepts are ranked by how clearly they
   divide the groups: the best, over the concept's other wordings, of the
   ``|z|`` of the log odds ratio of choosing the seed over that wording
   (:func:`_choice_z`) times their cosine.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from framing.article import Article
from framing.discover.candidates import candidate_terms
from framing.discover.contexts import DEFAULT_WINDOW, context_vectors
from framing.discover.term_counts import count_terms, group_of
from framing.text.boilerplate import strip_boilerplate
from framing.text.phrase_keys import surface_keys
from framing.text.sentences import sentence_spans
from framing.text.tokens import TokenOptions, fold

#: z is divided by this before tanh (see the module docstring).
Z_SCALE = 4.0
#: Below this |z| a wording is neutral (weight 0): the 5 % two-sided level.
NEUTRAL_Z = 1.96
#: Fewest articles and counted words per group to suggest anything.
MIN_ARTICLES = 5
MIN_TOKENS = 2000
#: Least cosine of a neutral wording to the seed: closer than the other side's wordings need.
NEUTRAL_SIMILARITY = 0.5
#: A phrase with a part it owes its preference to is at most this share of the part's uses.
INHERIT_SHARE = 1 / 3
#: A wording joins a seed only if the seed is among its MUTUAL_K most similar candidates.
MUTUAL_K = 10
#: Context words: the most frequent content words.
CONTEXT_WORDS = 5000


@dataclass(frozen=True)
class SuggestedTerm:
    """One wording of a suggested concept, with its evidence."""

    term: str
    weight: float
    z: float
    count_neg: int
    count_pos: int
    similarity: float
    example_neg: str = ""
    example_pos: str = ""


@dataclass(frozen=True)
class SuggestedConcept:
    """Wordings of one thing, the seed first; ``score`` ranks concepts."""

    id: str
    label: str
    score: float
    terms: tuple[SuggestedTerm, ...] = field(default_factory=tuple)


def weight_of(z: float) -> float:
    """The weight of a wording from its z: ``tanh(z / Z_SCALE)``, 0 when ``|z| < NEUTRAL_Z``.

    Examples
    --------
    >>> weight_of(8.0), weight_of(-1.0), weight_of(-1.96)
    (0.96, 0.0, -0.45)
    """
    return 0.0 if abs(z) < NEUTRAL_Z else round(math.tanh(z / Z_SCALE), 2)


def check_groups(articles: Sequence[Article], by: str, negative: str, positive: str) -> None:
    """Refuse inputs that cannot give suggestions, with a message saying why.

    Raises
    ------
    ValueError
        No text; an unknown field; a group not in the column (naming the
        groups that are); the same group twice; a group with too few
        articles or words.
    """
    if not any(a.text.strip() for a in articles):
        raise ValueError("the corpus has no text to suggest concepts from")
    if negative == positive:
        raise ValueError(f"--negative and --positive are both {negative!r}; give two different groups")
    sizes: dict[str, int] = {}
    words: dict[str, int] = {}
    for article in articles:
        group = group_of(article, by)
        sizes[group] = sizes.get(group, 0) + 1
        words[group] = words.get(group, 0) + len(article.text.split())
    for name in (negative, positive):
        if name not in sizes:
            raise ValueError(f"group {name!r} is not in {by!r}; groups are: {', '.join(map(repr, sizes))}")
        if sizes[name] < MIN_ARTICLES or words[name] < MIN_TOKENS:
            raise ValueError(f"group {name!r} has {sizes[name]} articles and {words[name]} words: too few to "
                             f"suggest concepts (need {MIN_ARTICLES} articles and {MIN_TOKENS} words)")


def _concept_id(term: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold(term)).strip("_") or "concept"
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name)
    return name


def _group_concepts(cands: pd.DataFrame, vectors: np.ndarray, *, seed_z: float, min_similarity: float,
                    top: int, per_concept: int) -> list[tuple[float, list[tuple[int, float]]]]:
    """Concepts as (score, [(candidate row, similarity to the seed)]), seed first, best first."""
    z = cands["z"].to_numpy()
    neg = cands["count_neg"].to_numpy(dtype=float)
    pos = cands["count_pos"].to_numpy(dtype=float)
    seen = np.linalg.norm(vectors, axis=1) > 0
    similarity = vectors @ vectors.T
    # Each term's MUTUAL_K-th highest similarity (itself excluded): a pair is mutual
    # neighbours when each is within the other's MUTUAL_K nearest.
    k = min(MUTUAL_K, len(z) - 1)
    kth = -np.partition(-similarity, k, axis=1)[:, k] if k > 0 else np.full(len(z), -np.inf)
    taken: set[str] = set()  # surface keys of terms already in a concept (plurals collide)
    inherits = _inheriting(cands)
    concepts = []
    for seed in np.argsort(-np.abs(z), kind="stable"):
        if abs(z[seed]) < seed_z or len(concepts) >= 3 * top:
            break
        seed_keys = surface_keys(cands["term"].iat[seed])
        if not seen[seed] or seed_keys & taken or inherits[seed]:
            continue
        sims = similarity[seed]
        sign = np.sign(z[seed])
        members: list[tuple[int, float]] = [(int(seed), 1.0)]
        keys = set(seed_keys)
        neutral = False
        for j in np.argsort(-sims, kind="stable"):
            if sims[j] < min_similarity or len(members) >= per_concept:
                break
            if sims[j] < kth[j]:
                continue  # the seed is not among this term's nearest: it has closer substitutes
            is_neutral = abs(z[j]) < NEUTRAL_Z
            if j == seed or inherits[j] or (np.sign(z[j]) == sign and not is_neutral):
                continue  # the same side's other words are its topic, not another wording
            if is_neutral and (neutral or sims[j] < NEUTRAL_SIMILARITY):
                continue  # one neutral wording, and only a close substitute
            term_keys = surface_keys(cands["term"].iat[j])
            if term_keys & (taken | keys) or any(_overlaps(cands["term"].iat[j], cands["term"].iat[m]) for m, _ in members):
                continue
            members.append((int(j), float(sims[j])))
            keys |= term_keys
            neutral = neutral or is_neutral
        if len(members) < 2:
            continue  # a concept needs a second wording, the other side's or a neutral one
        score = max(_choice_z(neg[seed], pos[seed], neg[m], pos[m]) * sim for m, sim in members[1:])
        concepts.append((score, members))
        taken |= keys
    concepts.sort(key=lambda c: -c[0])
    return concepts[:top]


def _inheriting(cands: pd.DataFrame) -> np.ndarray:
    """Does a phrase owe its preference to a part ("detained illegal aliens" to "illegal aliens")?

    True when the phrase holds a shorter candidate preferred by the same group at least as strongly
    and the phrase is a small share of the part's uses (at most :data:`INHERIT_SHARE`): the phrase
    is that wording in one of its contexts, not a wording of its own. "climate change" is half of
    the uses of "climate", so it is a wording of its own.
    """
    z = dict(zip(cands["term"], cands["z"]))
    total = dict(zip(cands["term"], cands["total"]))
    out = np.zeros(len(cands), dtype=bool)
    for row, term in enumerate(cands["term"]):
        words = term.split()
        parts = {" ".join(words[i : i + n]) for n in range(1, len(words)) for i in range(len(words) - n + 1)}
        out[row] = any(p in z and np.sign(z[p]) == np.sign(z[term]) and abs(z[p]) >= abs(z[term])
                       and total[term] <= INHERIT_SHARE * total[p] for p in parts)
    return out


def _choice_z(a_neg: float, a_pos: float, b_neg: float, b_pos: float) -> float:
    """|z| of the log odds ratio of choosing wording a over b, negative group vs positive.

    The 2 x 2 table (wording x group) with 0.5 added to each cell, standard
    error sqrt(sum 1/cell) (Woolf 1955, "On estimating the relation between
    blood group and disease", *Annals of Human Genetics* 19(4)): how
    clearly the groups divide on the choice between the two, whatever the
    topic's share of each group's articles.
    """
    cells = np.array([a_neg, a_pos, b_neg, b_pos]) + 0.5
    log_ratio = np.log(cells[0] * cells[3] / (cells[1] * cells[2]))
    return float(abs(log_ratio) / np.sqrt((1.0 / cells).sum()))


def _overlaps(a: str, b: str) -> bool:
    """One phrase inside the other ("health care", "health care law"): parts, not alternatives."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _without_break_marks(sentence: str) -> str:
    """A sentence of cleaned text as a reader should see it.

    Boilerplate cleaning puts a " ; " break mark where it cut an outlet's
    name or a repeated passage, so that no n-gram spans the cut; shown in an
    example it reads as stray punctuation: at the ends it goes, inside it
    becomes an ellipsis (something was left out there).
    """
    sentence = sentence.replace(" ; ", " … ")
    while sentence.startswith("; ") or sentence.startswith("… "):
        sentence = sentence[2:]
    while sentence.endswith(" ;") or sentence.endswith(" …"):
        sentence = sentence[:-2]
    return sentence


def _example(texts: Sequence[tuple[str, str]], term: str, limit: int = 160) -> str:
    """The first short sentence of the texts that uses the term (whole words, case folded).

    ``texts`` holds each article's text and its folded form, folded once for every term.
    """
    pattern = re.compile(r"(?<![\w'])" + r"\W+".join(map(re.escape, term.split())) + r"(?![\w])")
    fallback = ""
    for text, folded in texts:
        if len(folded) != len(text) or not pattern.search(folded):
            continue  # offsets of a text whose folding changed its length would not line up
        for start, end in sentence_spans(text):
            if pattern.search(folded[start:end]):
                sentence = _without_break_marks(" ".join(text[start:end].split()))
                if len(sentence) <= limit:
                    return sentence
                fallback = fallback or sentence[: limit - 1] + "…"
    return fallback


def suggest_concepts(
    articles: Sequence[Article],
    *,
    by: str,
    negative: str,
    positive: str,
    top: int = 15,
    seed_z: float = 3.0,
    min_similarity: float = 0.35,
    per_concept: int = 4,
    window: int = DEFAULT_WINDOW,
    keep_boilerplate: bool = False,
) -> list[SuggestedConcept]:
    """Suggest concepts whose wordings the two groups choose differently.

    Parameters
    ----------
    articles : sequence of Article
    by : str
        The grouping field (``alignment``, ``outlet``, any manifest column).
    negative, positive : str
        The groups at the axis's -1 and +1 poles.
    top : int
        Concepts to return, best first.
    seed_z : float
        Least ``|z|`` of a concept's first (seed) term.
    min_similarity : float
        Least cosine between the seed and another wording.
    per_concept : int
        Most wordings per concept.
    window : int
        Context words each side (:func:`framing.discover.contexts.context_vectors`).
    keep_boilerplate : bool
        Do not remove boilerplate first.

    Returns
    -------
    list of SuggestedConcept

    Raises
    ------
    ValueError
        See :func:`check_groups`; also for an option out of range (named).
    """
    for name, value in (("top", top), ("per_concept", per_concept), ("window", window)):
        if isinstance(value, bool) or not isinstance(value, int) or value < (2 if name == "per_concept" else 1):
            raise ValueError(f"{name}={value!r} is not allowed; use an integer >= {2 if name == 'per_concept' else 1}")
    for name, value, low, high in (("seed_z", seed_z, 0.0, math.inf), ("min_similarity", min_similarity, -1.0, 1.0)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ValueError(f"{name}={value!r} is not allowed; use a number from {low:g} to {high:g}")
    articles = list(articles)
    check_groups(articles, by, negative, positive)
    if not keep_boilerplate:
        articles, _ = strip_boilerplate(articles)
    sides = {negative: [], positive: []}
    for article in articles:
        sides.get(group_of(article, by), []).append(article)
    chosen = sides[negative] + sides[positive]
    counts = count_terms(chosen, by=by, options=TokenOptions(ngram_range=(1, 3)), min_total=5)
    cands = candidate_terms(counts, negative, positive)
    unigrams = counts.table[~counts.table.index.str.contains(" ")].sum(axis=1)
    context_words = list(unigrams.nlargest(CONTEXT_WORDS).index)
    vectors, _ = context_vectors((a.text for a in chosen), list(cands["term"]), context_words, window=window)
    grouped = _group_concepts(cands, vectors, seed_z=seed_z, min_similarity=min_similarity, top=top,
                              per_concept=per_concept)
    used: set[str] = set()
    out = []
    folded = {side: [(a.text, fold(a.text)) for a in group] for side, group in sides.items()} if grouped else {}
    for score, members in grouped:
        terms = []
        for row, sim in members:
            term = cands["term"].iat[row]
            z = float(cands["z"].iat[row])
            terms.append(SuggestedTerm(
                term=term, weight=weight_of(z), z=round(z, 2), count_neg=int(cands["count_neg"].iat[row]),
                count_pos=int(cands["count_pos"].iat[row]), similarity=round(sim, 2),
                example_neg=_example(folded[negative], term), example_pos=_example(folded[positive], term),
            ))
        terms.sort(key=lambda t: t.weight)
        label = " / ".join(t.term for t in terms)
        out.append(SuggestedConcept(id=_concept_id(cands["term"].iat[members[0][0]], used), label=label,
                                    score=round(float(score), 2), terms=tuple(terms)))
    return out
