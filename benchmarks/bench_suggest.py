"""Benchmark: boilerplate in the distinctive terms, and suggested concepts, on real AllSides articles.

Run by hand (not part of the tests; reads ``../shared/dev/allsides-dev.jsonl.gz``,
see its README for the licence: nothing is copied)::

    python benchmarks/bench_suggest.py                      # every topic
    python benchmarks/bench_suggest.py --topic healthcare   # one topic

For each topic, in a subprocess of its own (so its peak memory,
``resource.getrusage(...).ru_maxrss``, belongs to that topic alone):

1. distinctive terms, left vs right (log-odds with informative Dirichlet
   prior, :func:`framing.discover.logodds.distinctive_terms`, n-grams 1-3),
   with boilerplate kept and removed; prints the top 20 of each side
   (removed) and counts **boilerplate terms in the top 50** of each side
   both ways. A term counts as boilerplate when it holds a word of
   :data:`FURNITURE_WORDS` (generic page furniture, listed here for the
   measurement only) or names an outlet of the corpus or its domain
   (:func:`framing.text.boilerplate.outlet_names`, every outlet of the
   topic, so "associated press" counts even where it is a source cited);
2. suggested concepts, left (-1) vs right (+1),
   :func:`framing.discover.suggest.suggest_concepts`, top 15, with the time
   taken (wall and CPU: it runs on one core) and the peak memory; the ratio to the distinctive-terms time of the
   same run is printed too (the machine's speed cancels out).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev" / "allsides-dev.jsonl.gz"
TOPICS = ("healthcare", "middle_east", "environment", "lgbt_rights")
#: Words of page furniture, for counting it in the top lists (not used by framing itself).
FURNITURE_WORDS = frozenset(
    """advertisement advertisements click sign signing newsletter newsletters subscribe subscribed copyright llc
    reprint permission replay videos video watched watch photos photo caption hide highlights continued
    contributed follow email share tweet comments comment reading inbox related posted pullquote
    getty images ap reuters enlarge toggle playback image""".split()
)


def load(topic: str) -> list:
    from framing.article import Article

    rows = []
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if r["topic"] == topic:
                rows.append(Article(id=r["id"], outlet=r["outlet"], text=r["text"], alignment=r["alignment"],
                                    url=r.get("url", ""), title=r.get("title", "")))
    return rows


def furniture_terms(terms: list[str], names: set[str]) -> list[str]:
    """The terms that hold a furniture word or an outlet's name."""
    out = []
    for term in terms:
        words = term.split()
        # A one-word name ("vice", "reason") counts only as the whole term, not inside "vice president".
        if FURNITURE_WORDS & set(words) or any(f" {n} " in f" {term} " if " " in n else n == term for n in names):
            out.append(term)
    return out


def run_topic(topic: str) -> None:
    from framing.discover.logodds import distinctive_terms, top_terms
    from framing.discover.suggest import suggest_concepts
    from framing.text.boilerplate import outlet_names, _domain

    everything = load(topic)
    articles = [a for a in everything if a.alignment in ("left", "right")]
    size = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    domains: dict[str, Counter] = {}
    for a in everything:  # every outlet of the topic, centre ones too
        domains.setdefault(a.outlet, Counter())[_domain(a.url)] += 1
    names = {n for o, d in domains.items() for n in outlet_names(o, Counter({k: v for k, v in d.items() if k}))}
    print(f"== {topic}: {len(articles)} left/right articles, {size:.1f} MB")
    found = {}
    start = time.perf_counter()
    for keep in (True, False):
        table = distinctive_terms(articles, by="alignment", group="left", vs="right", keep_boilerplate=keep)[0]
        sides = {"left": list(top_terms(table, 50, side="a")["term"]), "right": list(top_terms(table, 50, side="b")["term"])}
        found[keep] = {s: furniture_terms(t, names) for s, t in sides.items()}
    terms_seconds = (time.perf_counter() - start) / 2
    for side, terms in sides.items():
        print(f"-- top 20 distinctive of {side} (boilerplate removed): {', '.join(terms[:20])}")
    for side in ("left", "right"):
        print(f"-- boilerplate terms in the top 50 of {side}: kept {len(found[True][side])}, "
              f"removed {len(found[False][side])} {found[False][side]}")
    start, cpu = time.perf_counter(), time.process_time()
    concepts = suggest_concepts(articles, by="alignment", negative="left", positive="right", top=15)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print("-- suggested concepts (weight: -1 left .. +1 right)")
    for rank, c in enumerate(concepts, 1):
        terms = "; ".join(f"{t.term} {t.weight:+.2f} ({t.count_neg}/{t.count_pos})" for t in c.terms)
        print(f"   {rank:2}. [{c.score:.2f}] {terms}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"-- suggest: {seconds:.1f} s wall, {cpu:.1f} s CPU (one core; the wall time grows on a busy machine), peak memory of the process {peak:.0f} MB; "
          f"distinctive terms {terms_seconds:.1f} s (ratio suggest/terms {seconds / terms_seconds:.1f})")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topic", choices=TOPICS, action="append", help="topics to run (default: all)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)  # the per-topic subprocess
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no development data at {DATA}", file=sys.stderr)
        return 2
    if args.inside:
        run_topic(args.topic[0])
        return 0
    for topic in args.topic or TOPICS:
        subprocess.run([sys.executable, __file__, "--inside", "--topic", topic], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
