"""Import the AllSides-labelled dev articles into one story per topic, then score one story.

Run by hand (never in the tests; the data stay outside the package)::

    python benchmarks/import_allsides_stories.py [--data /work/shared/dev/allsides-dev.jsonl.gz]

Everything happens in a temporary folder with its own store (``--db``), with
the commands a user would type (see "Analysing a published corpus" in the
README):

1. baseline: ``framing add FILE`` (every row into the store, no story);
2. ``framing story create TOPIC --lexicon loaded-language`` and
   ``framing add FILE --story TOPIC --where topic=TOPIC`` for each topic
   (a second store, so nothing is "already stored");
3. baseline: ``framing score HEALTHCARE.jsonl --outlets`` (the same rows read
   from a file, no store), against ``framing score --story healthcare --outlets``.

It prints each time and the ratios against the baselines, and checks that the
story's outlet scores equal the file's.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

DATA = Path("/work/shared/dev/allsides-dev.jsonl.gz")
FRAMING = [sys.executable, "-m", "framing.cli"]


#: CPU seconds (user + system) of every command run, by label: wall times on a shared machine
#: vary with its load, CPU times much less.
CPU: Counter = Counter()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def framing(*argv: str, label: str = "") -> tuple[float, str]:
    """Run one ``framing`` command; return its wall time and standard output (its CPU time goes to CPU[label])."""
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([*FRAMING, *argv], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    CPU[label] += _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"framing {' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="framing-allsides-") as tmp:
        folder = Path(tmp)
        rows = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
        topics = Counter(r["topic"] for r in rows)
        corpus = folder / "allsides.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        healthcare = folder / "healthcare.jsonl"
        healthcare.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if r["topic"] == "healthcare"),
                              encoding="utf-8")
        print(f"{len(rows)} articles, {corpus.stat().st_size / 1e6:.1f} MB; topics: "
              + ", ".join(f"{t} {n}" for t, n in topics.most_common()))

        plain_db, story_db = str(folder / "plain.db"), str(folder / "stories.db")
        framing("list", "--db", plain_db)  # create both stores first (sample seeded) so timings are of the import alone
        framing("list", "--db", story_db)
        baseline_import, _ = framing("add", str(corpus), "--db", plain_db, label="add")
        story_import = 0.0
        for topic in topics:
            seconds, _ = framing("story", "create", topic, "--lexicon", "loaded-language", "--db", story_db,
                                 "--description", f"AllSides dev articles on {topic.replace('_', ' ')}", label="stories")
            story_import += seconds
            seconds, out = framing("add", str(corpus), "--story", topic, "--where", f"topic={topic}", "--db", story_db,
                                   label="stories")
            story_import += seconds
            print(f"  {topic}: {out.strip().splitlines()[-1]}")
        print(f"import: framing add FILE (baseline, no story) {baseline_import:.2f} s; "
              f"one story per topic ({len(topics)} x story create + add --where) {story_import:.2f} s; "
              f"ratio {story_import / baseline_import:.2f}; CPU {CPU['add']:.2f} s and {CPU['stories']:.2f} s, "
              f"ratio {CPU['stories'] / CPU['add']:.2f}")

        file_score, file_out = framing("score", str(healthcare), "--lexicon", str(_bundled("loaded-language")),
                                       "--outlets", "--format", "csv", label="score file")
        story_score, story_out = framing("score", "--story", "healthcare", "--outlets", "--db", story_db,
                                         "--format", "csv", label="score story")
        table_score, table_out = framing("score", "--story", "healthcare", "--outlets", "--db", story_db)
        from_file = pd.read_csv(io.StringIO(file_out), comment="#")
        from_story = pd.read_csv(io.StringIO(story_out), comment="#")
        same = from_file.sort_values("outlet").reset_index(drop=True).equals(
            from_story.sort_values("outlet").reset_index(drop=True))
        print(f"score --outlets on {topics['healthcare']} healthcare articles ({len(from_story)} outlets): "
              f"from the file (baseline) {file_score:.2f} s; --story healthcare {story_score:.2f} s "
              f"(table format {table_score:.2f} s); ratio {story_score / file_score:.2f}; CPU {CPU['score file']:.2f} s "
              f"and {CPU['score story']:.2f} s, ratio {CPU['score story'] / CPU['score file']:.2f}; identical scores: {same}")
        print("\n".join(table_out.splitlines()[:14]))


def _bundled(name: str) -> Path:
    from framing.resources import bundled_lexicon_path

    return bundled_lexicon_path(name)


if __name__ == "__main__":
    main()
