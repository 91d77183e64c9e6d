"""The 20-outlet case of ``bench_terms.py`` and ``bench_scale.py``: the generated corpus of ``../shared/perf/``.

Helpers only (run ``python benchmarks/bench_terms.py --perf DIR`` or
``python benchmarks/bench_scale.py --perf DIR``): build the
JSON Lines corpus from ``gen_corpus.py``'s output folder (one article a
line, ``corpus/outlet_XX.txt``), interleaving the outlets; repeat it with
the outlet names shuffled in each copy, for the memory-at-200-MB check; and
the 2,000-term lexicon as TOML (``lexicon.json``, ten terms a concept on one
axis); the Scattertext run (20 categories, each against the rest) in a child process.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_jsonl(folder: Path, path: Path, *, copies: int = 1, seed: int = 18) -> float:
    """Write the corpus of ``folder`` (``copies`` times, outlets shuffled per copy); its MB of text."""
    files = sorted((folder / "corpus").glob("outlet_*.txt"))
    if not files:
        raise SystemExit(f"{folder}/corpus/outlet_*.txt not found: run ../shared/perf/gen_corpus.py with OUT={folder}")
    outlets = [f.stem for f in files]
    articles = [f.read_text(encoding="utf-8").splitlines() for f in files]
    rng = random.Random(seed)
    size = 0
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            names = outlets[:] if copy == 0 else rng.sample(outlets, len(outlets))
            for a in range(max(map(len, articles))):
                for o, lines in enumerate(articles):
                    if a < len(lines) and lines[a].strip():
                        size += len(lines[a].encode("utf-8"))
                        handle.write(json.dumps({"id": f"c{copy}-o{o}-{a}", "outlet": names[o], "text": lines[a]}) + "\n")
    return size / 1_000_000


def build_lexicon(folder: Path, path: Path) -> int:
    """Write ``folder/lexicon.json``'s terms as a lexicon TOML file, ten terms a concept; the term count."""
    terms = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
    lines = ['name = "perf-2000"', 'version = "1.0.0"', 'description = "2,000 generated terms (benchmark)"', "",
             "[[axes]]", 'id = "side"', 'label = "Side"', 'negative = "left"', 'positive = "right"', ""]
    for c in range(0, len(terms), 10):
        concept = f"c{c // 10:03d}"
        lines += [f"[concepts.{concept}]", f'label = "Concept {c // 10}"', 'axis = "side"', f"[concepts.{concept}.terms]"]
        for i, term in enumerate(terms[c : c + 10]):
            weight = 0 if i == 0 else round((-1) ** i * (0.1 + 0.1 * (i % 9)), 1)
            lines.append(f"{json.dumps(term)} = {weight}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(terms)


def score_command(path: Path, lexicon: Path, output: Path) -> list[str]:
    """``framing score --input ... --lexicon ... --output ...`` (one process)."""
    return [sys.executable, "-m", "framing.cli", "score", "--input", str(path), "--lexicon", str(lexicon),
            "--output", str(output)]


def run_measured(command: list[str], *, stdout: Path | None = None) -> dict[str, float]:
    """Run a command; its wall time and peak RSS (``ru_maxrss`` of that child, from ``wait4``)."""
    start = time.perf_counter()
    # stderr to a file, not a pipe: a progress bar would fill the pipe while we wait.
    with open(stdout or os.devnull, "w") as out, tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(command, stdout=out, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-3000:]}")
    return {"seconds": elapsed, "peak_mb": usage.ru_maxrss / 1024}


def framing_command(path: Path, *, keep_boilerplate: bool = True) -> list[str]:
    """``framing terms --input ... --by outlet`` (1- to 3-grams, each outlet against the rest).

    ``--keep-boilerplate`` by default: Scattertext removes none, so the
    counting is compared alone; without it, the boilerplate pass runs first.
    """
    return [sys.executable, "-m", "framing.cli", "terms", "--input", str(path), "--by", "outlet", "--format", "csv",
            *(["--keep-boilerplate"] if keep_boilerplate else [])]


def scattertext_command(python: str, path: Path) -> list[str]:
    return [python, __file__, "--scattertext", str(path)]


def _scattertext(path: Path) -> None:
    """Scattertext: corpus (its whitespace tokenizer; unigrams and bigrams, its default features),
    then for each category the log-odds with informative Dirichlet prior against the rest."""
    import pandas as pd
    import scattertext as st

    frame = pd.read_json(path, lines=True)
    corpus = st.CorpusFromPandas(frame, category_col="outlet", text_col="text",
                                 nlp=st.whitespace_nlp_with_sentences).build()
    freq = corpus.get_term_freq_df()
    categories = list(corpus.get_categories())
    tops = []
    for category in categories:
        rest = [c for c in categories if c != category]
        priors = (st.PriorFactory(corpus, category=category, not_categories=rest, starting_count=0.01)
                  .use_all_categories().get_priors())
        scorer = st.LogOddsRatioInformativeDirichletPrior(priors, scale_type="class-size")
        scores = scorer.get_scores(freq[f"{category} freq"], freq[[f"{c} freq" for c in rest]].sum(axis=1))
        tops.append(pd.Series(scores, index=freq.index).nlargest(3).index.tolist())
    print(json.dumps({"terms": int(len(freq)), "top": tops[0],
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def readability_command(path: Path) -> list[str]:
    """framing's readability alone over every text (as the scoring run computes it), in a child."""
    return [sys.executable, __file__, "--readability", str(path)]


def _readability(path: Path) -> None:
    """Time readability as ``framing score --input`` computes it: chunks of 1,000 articles
    (``stream_scores``' default), each scored with ``readability_of`` (as ``article_scores`` does)."""
    from framing.scoring.readability_batch import readability_of

    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    start = time.perf_counter()
    for chunk in range(0, len(texts), 1000):
        readability_of(texts[chunk : chunk + 1000])
    print(json.dumps({"seconds": time.perf_counter() - start}))


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--scattertext":
    _scattertext(Path(sys.argv[2]))
if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--readability":
    _readability(Path(sys.argv[2]))
