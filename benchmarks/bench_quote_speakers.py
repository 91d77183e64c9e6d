"""Benchmark: quotation speakers on the hand-made gold file, and on the dev corpus.

Run by hand (not part of the tests)::

    python benchmarks/bench_quote_speakers.py [--articles 400] [--show 50] [--seed 777]

1. **Gold** (``tests/data/quote-speakers-gold.csv``: every direct quotation of
   the bundled sample with its speaker, read by hand). A speaker is right
   when the merged name framing gives (:func:`framing.text.speakers.speaker_names`)
   contains the gold row's ``match_words``; a quotation the gold leaves
   without speaker is right when framing says "no speaker found".
   Precision = right speakers / quotations given a speaker; recall = right
   speakers / gold quotations that have one. The baseline is the nearest
   name before the quotation in its paragraph (else the paragraph before),
   the usual first guess.
2. **Dev corpus** (``../shared/dev/allsides-dev.jsonl.gz``, read only here):
   ``--articles`` articles drawn at random, with the share of quotations
   attributed by each rule, the speed of attribution against finding the
   quotations alone (same run, same articles), and ``--show`` attributions
   drawn from different outlets to read by hand (context, quotation, speaker).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from framing.corpus import load_sample_corpus
from framing.text.attribution import NOT_FOUND, attribute_quotations, direct_quotations
from framing.text.cues import default_cues
from framing.text.names import PRONOUN, DESCRIPTOR
from framing.text.quote_context import QuoteContext
from framing.text.quotes import quotation_spans
from framing.text.speakers import speaker_names
from framing.text.tokens import fold

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "quote-speakers-gold.csv"
DEV = ROOT.parent / "shared" / "dev" / "allsides-dev.jsonl.gz"
_WORDS = re.compile(r"[^\W_]+")


def read_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def is_right(predicted: str, match_words: str) -> bool:
    """The gold rule: every match word in the predicted name, or both empty."""
    if not match_words:
        return not predicted
    have = set(_WORDS.findall(fold(predicted)))
    return bool(predicted) and all(w in have for w in _WORDS.findall(fold(match_words)))


def nearest_name_baseline(text: str) -> dict[int, str]:
    """The nearest name before each direct quotation, in its paragraph or the one before."""
    doc = QuoteContext(text, default_cues())
    names = [c for c in doc.candidates if c.kind not in (PRONOUN, DESCRIPTOR)]
    guesses = {}
    for start, _, _ in direct_quotations(text):
        floor = doc.paragraph(start, back=1)[0]
        before = [c for c in names if floor <= c.start and c.end <= start]
        guesses[start] = (before[-1].core if before else "")
    return guesses


def score(rows: list[dict], predicted: dict[tuple[str, int], str]) -> dict[str, float]:
    right = sum(is_right(predicted.get((r["article"], int(r["start"])), ""), r["match_words"]) for r in rows)
    given = [r for r in rows if predicted.get((r["article"], int(r["start"])), "")]
    right_given = sum(is_right(predicted[(r["article"], int(r["start"]))], r["match_words"]) for r in given)
    with_speaker = [r for r in rows if r["match_words"]]
    right_speakers = sum(is_right(predicted.get((r["article"], int(r["start"])), ""), r["match_words"])
                         for r in with_speaker)
    return {
        "quotations": len(rows), "right": right, "accuracy": right / len(rows),
        "precision": right_given / len(given) if given else 0.0,
        "recall": right_speakers / len(with_speaker) if with_speaker else 0.0,
    }


def gold_report() -> None:
    rows = read_gold()
    ours: dict[tuple[str, int], str] = {}
    baseline: dict[tuple[str, int], str] = {}
    for article in load_sample_corpus():
        found = attribute_quotations(article.text)
        for a, name in zip(found, speaker_names(article.text, found)):
            ours[(article.id, a.start)] = name
        for start, guess in nearest_name_baseline(article.text).items():
            baseline[(article.id, start)] = guess
    missing = [r for r in rows if (r["article"], int(r["start"])) not in ours]
    print(f"== gold: {GOLD.relative_to(ROOT)} ({len(rows)} direct quotations, "
          f"{sum(bool(r['match_words']) for r in rows)} with a speaker; {len(missing)} not found as quotations) ==")
    for label, predicted in (("framing", ours), ("baseline (nearest name before)", baseline)):
        s = score(rows, predicted)
        print(f"  {label:32s} right {s['right']}/{s['quotations']} ({s['accuracy']:.1%})  "
              f"precision {s['precision']:.3f}  recall {s['recall']:.3f}")
    for r in rows:
        got = ours.get((r["article"], int(r["start"])), "")
        if not is_right(got, r["match_words"]):
            print(f"  wrong: {r['article']}@{r['start']} {r['quotation'][:40]!r}: gold {r['speaker']!r}, got {got!r}")


def dev_report(n_articles: int, show: int, seed: int) -> None:
    if not DEV.is_file():
        print(f"== dev corpus: {DEV} not found, skipped ==")
        return
    with gzip.open(DEV, "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    rng = random.Random(seed)
    chosen = rng.sample(articles, min(n_articles, len(articles)))
    t0 = time.process_time()
    for a in chosen:
        quotation_spans(a["text"])
    spans_time = time.process_time() - t0
    t0 = time.process_time()
    results = []
    for a in chosen:
        found = attribute_quotations(a["text"])
        results.append((a, found, speaker_names(a["text"], found)))
    attribution_time = time.process_time() - t0
    how = Counter(q.how for _, found, _ in results for q in found)
    total = sum(how.values())
    print(f"== dev corpus: {n_articles} articles drawn (seed {seed}) from {DEV.name}: {total} direct quotations ==")
    for rule, count in how.most_common():
        print(f"  {rule:32s} {count:5d} ({count / total:.1%})")
    print(f"  CPU: attribution {attribution_time:.2f} s, finding quotations alone {spans_time:.2f} s "
          f"(ratio {attribution_time / max(spans_time, 1e-9):.1f}); {len(chosen) / attribution_time:.0f} articles/s")
    pool = [(a, q, name) for a, found, names in results for q, name in zip(found, names) if q.how != NOT_FOUND]
    rng.shuffle(pool)
    per_outlet: Counter[str] = Counter()
    shown = 0
    print(f"\n== {show} attributions to read by hand (at most two per outlet) ==")
    for a, q, name in pool:
        if shown >= show or per_outlet[a["outlet"]] >= 2:
            continue
        per_outlet[a["outlet"]] += 1
        shown += 1
        text = a["text"]
        context = text[max(q.start - 160, 0):q.start - 1].replace("\n", " ")
        after = text[q.end:q.end + 90].replace("\n", " ")
        print(f"[{shown}] {a['outlet']} | speaker {name!r} ({q.speaker!r}) | verb {q.verb!r} | {q.how} ({q.via})")
        print(f"    ...{context} «{text[q.start:q.end][:90]}» {after}...")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--show", type=int, default=50)
    parser.add_argument("--seed", type=int, default=777)
    args = parser.parse_args()
    gold_report()
    dev_report(args.articles, args.show, args.seed)


if __name__ == "__main__":
    main()
