"""Benchmark: distinctive terms for two groups, framing against Scattertext.

Run by hand (not part of the tests)::

    pip install scattertext six      # benchmark-only; not a framing dependency
    python benchmarks/bench_terms.py --mb 20
    python benchmarks/bench_terms.py --mb 50 --only framing

It writes a reproducible (seeded) news-like corpus of two groups to a
temporary folder, then runs each tool in its own subprocess, so the peak
memory (``resource.getrusage(...).ru_maxrss``, the whole process, Python and
imports included) belongs to that tool alone:

* framing: :func:`framing.discover.logodds.distinctive_terms` with ``ngram_range=(1, 2)``
  (Scattertext's default features are unigrams and bigrams too), informative
  prior from the whole corpus, ``min_count=2`` (``--min-count 1`` keeps every
  term, as Scattertext does);
* Scattertext: ``CorpusFromPandas(..., nlp=whitespace_nlp_with_sentences)
  .build()``, then ``PriorFactory(...).use_all_categories().get_priors()`` and
  ``LogOddsRatioInformativeDirichletPrior(priors, scale_type="class-size")
  .get_scores(...)``: its log-odds with informative Dirichlet prior, as in
  Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4).

Both time the work from the list of texts in memory to the scores; loading
the generated file is not timed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

_WORDS = """
government opposition president military coup uprising leader regime people country national
forces police protest protesters support supporters power state political security violence
attempt officials minister embassy palace streets rally army soldiers democracy election crisis
economic sanctions oil aid humanitarian intervention foreign policy interim legitimate illegal
constitution assembly court judge media report reports statement said says told claimed called
announced declared denied warned urged reported according sources spokesman press conference
capital city region border neighbouring allies international community united nations council
week day morning evening night tuesday wednesday thursday friday today yesterday tomorrow
""".split()
_FUNCTION = "the of and to in a that for on with as by at from is was were be has have had it its this".split()
_GROUP_TERMS = {
    "left": "coup imperialist aggression sovereignty destabilization far-right puppet".split(),
    "right": "dictator regime uprising freedom liberation socialist tyranny".split(),
}


def generate(megabytes: float, seed: int = 20190430) -> tuple[list[str], list[str]]:
    """Return (texts, groups): ~``megabytes`` MB of news-like text in two groups.

    Zipf-distributed synthetic vocabulary (~60,000 word types) mixed with
    function words, a newsy core vocabulary and a few loaded terms whose
    frequency differs by group; sentences of 8-30 words, articles of ~3 kB.
    """
    rng = np.random.default_rng(seed)
    syllables = ["ba", "ko", "ri", "tel", "man", "so", "der", "vin", "lu", "pe", "gra", "sto", "ne", "qui"]
    synthetic = np.array(
        ["".join(rng.choice(syllables, size=rng.integers(2, 5))) for _ in range(60_000)], dtype=object
    )
    synthetic = np.unique(synthetic)
    zipf = 1.0 / np.arange(1, len(synthetic) + 1) ** 1.07
    zipf /= zipf.sum()
    core = np.array(_WORDS, dtype=object)
    function = np.array(_FUNCTION, dtype=object)
    target = int(megabytes * 1_000_000)
    texts: list[str] = []
    groups: list[str] = []
    size = 0
    while size < target:
        group = "left" if len(texts) % 2 == 0 else "right"
        loaded = np.array(_GROUP_TERMS[group] + _GROUP_TERMS["right" if group == "left" else "left"][:2], dtype=object)
        n = 500
        kind = rng.random(n)
        words = np.where(
            kind < 0.40, function[rng.integers(0, len(function), n)],
            np.where(kind < 0.70, core[rng.integers(0, len(core), n)],
                     np.where(kind < 0.72, loaded[rng.integers(0, len(loaded), n)],
                              synthetic[rng.choice(len(synthetic), n, p=zipf)])))
        cuts = np.cumsum(rng.integers(8, 30, size=40))
        sentences = [" ".join(part) for part in np.split(words, cuts[cuts < n]) if len(part)]
        text = ". ".join(s[:1].upper() + s[1:] for s in sentences) + "."
        texts.append(text)
        groups.append(group)
        size += len(text.encode("utf-8"))
    return texts, groups


def run_framing(texts: list[str], groups: list[str], min_count: int = 2) -> dict[str, object]:
    from framing.article import Article
    from framing.discover.logodds import distinctive_terms

    start = time.perf_counter()
    articles = [Article(id=str(i), outlet=g, text=t) for i, (t, g) in enumerate(zip(texts, groups))]
    # Scattertext counts the texts as they are: so does framing here (its boilerplate removal is timed
    # in bench_suggest.py; the generated corpus has none).
    tables = distinctive_terms(articles, by="outlet", group="left", vs="right", ngram_range=(1, 2), min_count=min_count,
                               keep_boilerplate=True)
    elapsed = time.perf_counter() - start
    top = tables[0].head(5)["term"].tolist()
    return {"seconds": elapsed, "terms": len(tables[0]), "top": top}


def run_scattertext(texts: list[str], groups: list[str]) -> dict[str, object]:
    import pandas as pd
    import scattertext as st

    start = time.perf_counter()
    frame = pd.DataFrame({"text": texts, "group": groups})
    corpus = st.CorpusFromPandas(frame, category_col="group", text_col="text",
                                 nlp=st.whitespace_nlp_with_sentences).build()
    priors = (st.PriorFactory(corpus, category="left", not_categories=["right"], starting_count=0.01)
              .use_all_categories().get_priors())
    freq = corpus.get_term_freq_df()
    scorer = st.LogOddsRatioInformativeDirichletPrior(priors, scale_type="class-size")
    scores = scorer.get_scores(freq["left freq"], freq["right freq"])
    elapsed = time.perf_counter() - start
    top = pd.Series(scores, index=freq.index).sort_values(ascending=False).head(5).index.tolist()
    return {"seconds": elapsed, "terms": int(len(freq)), "top": top}


def _child(tool: str, data: Path, min_count: int) -> None:
    payload = json.loads(data.read_text(encoding="utf-8"))
    if tool == "framing":
        result = run_framing(payload["texts"], payload["groups"], min_count)
    else:
        result = run_scattertext(payload["texts"], payload["groups"])
    # ru_maxrss is in kilobytes on Linux.
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run_child(tool: str, data: Path, min_count: int) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, "--child", tool, "--data", str(data), "--min-count", str(min_count)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{tool} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of text to generate (default 20)")
    parser.add_argument("--only", choices=["framing", "scattertext"], help="run one tool only")
    parser.add_argument("--min-count", type=int, default=2,
                        help="framing's min_count (default 2; 1 keeps every term, as Scattertext does)")
    parser.add_argument("--child", choices=["framing", "scattertext"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data, args.min_count)
        return
    texts, groups = generate(args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    print(f"corpus: {len(texts)} articles, {megabytes:.1f} MB, 2 groups")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.json"
        data.write_text(json.dumps({"texts": texts, "groups": groups}), encoding="utf-8")
        del texts, groups
        results = {}
        for tool in ("framing", "scattertext"):
            if args.only in (None, tool):
                results[tool] = _run_child(tool, data, args.min_count)
                r = results[tool]
                print(f"{tool:12s} {r['seconds']:8.2f} s  peak {r['peak_mb']:7.0f} MB  "
                      f"{r['terms']} terms  top: {', '.join(r['top'])}")
    if len(results) == 2:
        ratio = results["scattertext"]["seconds"] / results["framing"]["seconds"]
        print(f"speed-up: framing is {ratio:.1f}x faster than Scattertext "
              f"(peak memory {results['framing']['peak_mb']:.0f} MB vs {results['scattertext']['peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
