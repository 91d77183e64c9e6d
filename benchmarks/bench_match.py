"""Benchmark: the voice-aware matcher against one regex per term, and the I/O floor.

Run by hand (not part of the tests)::

    python benchmarks/bench_match.py [--mb 20] [--terms 1000] [--baseline-mb 2]

It writes a generated news-like corpus of ``--mb`` megabytes (articles of about
3 KB, with quotations, scare quotes, accents and typographic punctuation) and
a generated lexicon of ``--terms`` terms (single words and 2-4 word phrases),
then prints MB/s for

(a) framing's TermMatcher: one Aho-Corasick pass per article, with spans
    mapped back to the original text and the voice of every match; (a') the
    same with each match's sentence found too (NLTK Punkt on each line);
(b) the baseline: one compiled case-insensitive ``\\b...\\b`` regex per term,
    each run over every article (timed on ``--baseline-mb`` of the corpus,
    since it is slow; MB/s does not depend on the amount of text);
(c) the floor: reading the file and lowercasing it.

and the ratios a/b and c/a. Everything runs in one process on one core.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from framing.lexicon.model import parse_lexicon
from framing.scoring.matcher import TermMatcher

WORDS = (
    "the of and to in a is that for on was with he it as at by from his an were are which this be has had "
    "government officials said military opposition president minister people country foreign national "
    "security forces police capital statement press conference crisis support leader political army "
    "tuesday wednesday morning evening protest street palace embassy power violence peace talks sanctions "
    "economy oil prices election vote congress senate court ruling report according sources confirmed "
    "spokesman agency news media international community council region border troops weapons shots"
).split()
EXTRA = ["Guaidó", "Caracas", "Bogotá", "Straße", "İstanbul", "café", "naïve", "São", "Zürich"]


def make_lexicon(n_terms: int, rng: random.Random) -> str:
    """A valid lexicon TOML of ``n_terms`` synthetic terms in 20 concepts."""
    syllables = ["ka", "lo", "mi", "ter", "zan", "po", "rus", "vel", "dor", "qui", "sen", "bra", "tu", "gim", "ox"]
    seen: set[str] = set()
    lines = ['name = "bench"', 'version = "1"', "[[axes]]", 'id = "x"', 'negative = "minus"', 'positive = "plus"']
    terms: list[str] = []
    while len(terms) < n_terms:
        n_words = rng.choice([1, 1, 2, 2, 3, 4])
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(n_words)]
        if n_words > 1 and rng.random() < 0.3:  # phrases that mix real words in, like "military uprising"
            words[0] = rng.choice(WORDS[20:])
        term = " ".join(words)
        if term not in seen and not term.endswith("s"):
            seen.add(term)
            terms.append(term)
    per_concept = n_terms // 20 + 1
    for c in range(20):
        chunk = terms[c * per_concept : (c + 1) * per_concept]
        if not chunk:
            break
        lines += [f"[concepts.c{c}]", 'axis = "x"', f"[concepts.c{c}.terms]"]
        lines += [f'"{t}" = {rng.choice([-1, -0.5, 0, 0.5, 1])}' for t in chunk]
    return "\n".join(lines) + "\n", terms


def make_article(rng: random.Random, terms: list[str], size: int = 3000) -> str:
    """A news-like article with paragraphs, quotes, scare quotes and lexicon terms."""
    paragraphs, length = [], 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
            if rng.random() < 0.6:
                words.insert(rng.randrange(len(words)), rng.choice(terms))
            if rng.random() < 0.15:
                words.insert(rng.randrange(len(words)), rng.choice(EXTRA))
            if rng.random() < 0.2:
                i = rng.randrange(len(words))
                words[i] = f"“{words[i]}”"  # a scare quote
            sentence = " ".join(words)
            sentence = sentence[0].upper() + sentence[1:] + "."
            if rng.random() < 0.25:
                sentence = f"“{sentence}” the minister’s spokesman said."
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph)
    return "\n\n".join(paragraphs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--terms", type=int, default=1000, help="lexicon size (default 1000)")
    parser.add_argument("--baseline-mb", type=float, default=2.0, help="MB for the slow baseline (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a); the best counts (default 3)")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    toml, terms = make_lexicon(args.terms, rng)
    lexicon = parse_lexicon(toml, file="bench.toml")
    articles: list[str] = []
    total = 0
    while total < args.mb * 1_000_000:
        article = make_article(rng, terms)
        articles.append(article)
        total += len(article.encode("utf-8"))
    megabytes = total / 1e6
    print(f"corpus: {len(articles):,} articles, {megabytes:.1f} MB; lexicon: {args.terms:,} terms", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text("\n\n\n".join(articles), encoding="utf-8")
        t0 = time.perf_counter()
        path.read_text(encoding="utf-8").lower()
        floor_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    matcher = TermMatcher([lexicon])
    build_s = time.perf_counter() - t0
    match_s = float("inf")
    for _ in range(args.repeat):  # best of --repeat runs: the machine is shared
        t0 = time.perf_counter()
        for article in articles:
            matcher(article, sentences=False)
        match_s = min(match_s, time.perf_counter() - t0)
    n_matches = 0
    voices: dict[str, int] = {}
    for article in articles:  # untimed: what was found
        for m in matcher(article, sentences=False):
            n_matches += 1
            voices[m.voice] = voices.get(m.voice, 0) + 1
    # Untimed: the first text with a match imports NLTK's Punkt, which the matcher loads on first use.
    matcher(articles[0], sentences=True)
    t0 = time.perf_counter()
    for article in articles[: len(articles) // 4]:
        matcher(article, sentences=True)
    sentences_mb_s = (sum(len(a.encode("utf-8")) for a in articles[: len(articles) // 4]) / 1e6) / (time.perf_counter() - t0)

    patterns = [re.compile(r"\b" + r"\W+".join(map(re.escape, t.split())) + r"\b", re.IGNORECASE) for t in terms]
    baseline_articles, size = [], 0
    for article in articles:
        if size >= args.baseline_mb * 1e6:
            break
        baseline_articles.append(article)
        size += len(article.encode("utf-8"))
    t0 = time.perf_counter()
    baseline_matches = 0
    for article in baseline_articles:
        for pattern in patterns:
            for _ in pattern.finditer(article):
                baseline_matches += 1
    baseline_s = time.perf_counter() - t0

    ours = megabytes / match_s
    baseline = (size / 1e6) / baseline_s
    floor = megabytes / floor_s
    print(f"(a) framing TermMatcher with voice : {ours:8.1f} MB/s  ({n_matches:,} matches; {voices}; build {build_s:.2f} s)")
    print(f"(a') the same, plus each match's sentence (Punkt): {sentences_mb_s:5.1f} MB/s  (on a quarter of the corpus)")
    print(f"(b) one regex per term (baseline)  : {baseline:8.2f} MB/s  (on {size / 1e6:.1f} MB, {baseline_matches:,} matches)")
    print(f"(c) read + lowercase (floor)       : {floor:8.1f} MB/s")
    print(f"ratio a/b (target >= 20)           : {ours / baseline:8.1f}x")
    print(f"ratio c/a (target <= 10)           : {floor / ours:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
