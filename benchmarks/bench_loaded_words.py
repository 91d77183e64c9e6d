"""Benchmark: the loaded-language detector on BABE's dev half, beside lexicon 1.0.0, and its cost.

Run by hand (not part of the tests), from the repository with the project installed::

    python benchmarks/bench_loaded_words.py [--articles N] [--repeats 2]

It prints

1. word-level and sentence-level precision, recall and F1 and the share of sentences flagged
   on ``../shared/dev/babe-dev.csv``, computed by that folder's ``eval_loaded_words.py`` (its
   definitions: authorial matches of non-zero weight; the words of each match's ``term``),
   for (a) the bundled defaults (venezuela-2019 1.0.0 and loaded-language as committed) and
   (b) the defaults as they were with loaded-language 1.0.0, read from git history at run
   time (the newest commit whose file says ``version = "1.0.0"``; without git, the figures
   recorded in OLD_FIGURES). Each is also scored on the two halves of the dev file split by
   the MD5 of the sentence: "build" (the half the rules were read from) and "check".
2. the speed ratio of ``framing score --input CORPUS --output FILE`` with the current
   defaults against the 1.0.0 defaults, on the first ``--articles`` articles of
   ``../shared/dev/allsides-dev.jsonl.gz``, run alternately ``--repeats`` times each in this
   run (the minimum CPU time of each is compared; the machine is shared, CPU time varies
   less than wall time).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
LEXICON_PATH = "samples/lexicons/loaded-language.toml"
#: loaded-language 1.0.0 with venezuela-2019 1.0.0 on babe-dev.csv, from shared/dev/README.md
#: (used only when git history is not available).
OLD_FIGURES = {"word": {"p": 0.41, "r": 0.10, "f1": 0.160}, "share_flagged": 0.22}
FRAMING = [sys.executable, "-m", "framing.cli"]


def load_eval(dev: Path):
    """The shared evaluation script as a module."""
    spec = importlib.util.spec_from_file_location("eval_loaded_words", dev / "eval_loaded_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def old_lexicon(folder: Path) -> Path | None:
    """loaded-language 1.0.0 from git history, written into ``folder`` (None without git or history)."""
    try:
        commits = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%H", "--", LEXICON_PATH],
                                 capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    for commit in commits:
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{LEXICON_PATH}"],
                               capture_output=True, text=True)
        if shown.returncode == 0 and 'version = "1.0.0"' in shown.stdout:
            path = folder / "loaded-language-1.0.0.toml"
            path.write_text(shown.stdout, encoding="utf-8")
            return path
    return None


def figures(ev, preds, gold, labels, keep) -> dict:
    """The eval's scores on the sentences whose index ``keep`` accepts."""
    rows = [i for i in range(len(gold)) if keep(i)]
    return ev.score([preds[i] for i in rows], [gold[i] for i in rows], [labels[i] for i in rows])


def row(name: str, result: dict) -> str:
    w, s = result["word"], result.get("sentence")
    sentence = f"{s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f}" if s else "– | – | –"
    return (f"| {name} | {w['p']:.3f} | {w['r']:.3f} | {w['f1']:.3f} | {sentence} | "
            f"{result['share_flagged']:.2f} |")


def quality(ev, default_set: list[str], old_set: list[str] | None) -> None:
    sentences, gold, labels = ev.load_babe(None)
    half = [int(hashlib.md5(s.encode("utf-8")).hexdigest(), 16) % 2 for s in sentences]
    print(f"\nbabe-dev.csv: {len(sentences)} sentences ({half.count(0)} build, {half.count(1)} check)\n")
    print("| detector | word P | word R | word F1 | sent P | sent R | sent F1 | share flagged |")
    print("|---|---|---|---|---|---|---|---|")
    sets = [("bundled defaults (loaded-language 2.0.0)", default_set)]
    if old_set is not None:
        sets.append(("loaded-language 1.0.0 defaults", old_set))
    for name, lexicons in sets:
        detector = ev.FramingCLIDetector(lexicons, cmd=" ".join(FRAMING), name=name)
        preds = detector.predict_all(sentences)
        print(row(name, figures(ev, preds, gold, labels, lambda i: True)))
        print(row("  build half", figures(ev, preds, gold, labels, lambda i: half[i] == 0)))
        print(row("  check half", figures(ev, preds, gold, labels, lambda i: half[i] == 1)))
    if old_set is None:
        print(row("loaded-language 1.0.0 (recorded figures)", OLD_FIGURES))


def cpu_of(argv: list[str]) -> float:
    """CPU seconds (user + system) of one framing command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*FRAMING, *argv], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"framing {' '.join(argv)} failed: {done.stderr.strip()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def speed(folder: Path, articles: int, repeats: int, old_set: list[str] | None) -> None:
    if old_set is None:
        print("\nspeed: skipped (no loaded-language 1.0.0 in git history)")
        return
    corpus = folder / "allsides.jsonl"
    with gzip.open(DEV / "allsides-dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = list(itertools.islice(fh, articles or None))
    corpus.write_text("".join(rows), encoding="utf-8")
    runs = {"2.0.0": [], "1.0.0": []}
    for _ in range(repeats):
        for name, extra in (("2.0.0", []), ("1.0.0", [a for lx in old_set for a in ("--lexicon", lx)])):
            out = folder / f"scores-{name}.csv"
            out.unlink(missing_ok=True)
            started = time.perf_counter()
            cpu = cpu_of(["score", "--input", str(corpus), "--output", str(out), *extra])
            runs[name].append((cpu, time.perf_counter() - started))
    new, old = min(runs["2.0.0"]), min(runs["1.0.0"])
    print(f"\nframing score --input ({len(rows)} AllSides articles, {corpus.stat().st_size / 1e6:.1f} MB), "
          f"best of {repeats}:")
    print(f"  defaults with loaded-language 2.0.0: {new[0]:.2f} s CPU ({new[1]:.2f} s wall)")
    print(f"  defaults with loaded-language 1.0.0: {old[0]:.2f} s CPU ({old[1]:.2f} s wall)")
    print(f"  ratio 2.0.0 / 1.0.0: {new[0] / old[0]:.2f} (CPU), {new[1] / old[1]:.2f} (wall)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="folder with babe-dev.csv and eval_loaded_words.py")
    parser.add_argument("--articles", type=int, default=0, help="AllSides articles for the speed run (0: all)")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    if not (args.dev / "babe-dev.csv").is_file():
        print(f"no babe-dev.csv in {args.dev}", file=sys.stderr)
        return 2
    ev = load_eval(args.dev)
    with tempfile.TemporaryDirectory(prefix="framing-bench-loaded-") as tmp:
        folder = Path(tmp)
        old = old_lexicon(folder)
        venezuela = str(ROOT / "samples" / "lexicons" / "venezuela-2019.toml")
        old_set = [venezuela, str(old)] if old else None
        quality(ev, [], old_set)
        speed(folder, args.articles, args.repeats, old_set)
    return 0


if __name__ == "__main__":
    sys.exit(main())
