"""Benchmark: the worst-case files of issue 19 (P1-P3), each against a well-formed file of its format.

Run by hand (not part of the tests)::

    python benchmarks/bench_hostile.py [--attributes 200000] [--inflated 1000000000] [--operators 200000]

Builds (tests/hostile_files.py)

- P1: an HTML page whose one element has 200,000 attributes (3.5 MB);
- P2: a .docx whose ``word/document.xml`` declares 2 kB but inflates to 1 GB;
- P3: a one-page PDF of 14 kB whose content stream holds 200,000 text operators;

and, as the baseline measured in the same run, a well-formed file of each
format (a news page of the same size, a one-paragraph .docx, a one-page
PDF). Each import runs in its own subprocess (``framing.importers.import_bytes``),
so its peak RSS (``ru_maxrss``) is its own. It prints seconds, peak RSS,
the outcome (articles, or the one-line refusal) and the ratio of each
worst case's seconds to its baseline's.

Before issue 19 (same host): P1 did not finish in 300 s (20,000
attributes: 10 s); P2 took the process to 606 MB at 300 MB inflated (2.2 GB
at 1-2 GB); P3 took 65 s before "extracted text too large".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
from framing.importers import ImportProblem, import_bytes
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    outcome = f"{len(import_bytes(data, sys.argv[2]))} article(s)"
except ImportProblem as exc:
    outcome = str(exc)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "outcome": outcome}))
"""


def _run(data: bytes, name: str, folder: Path) -> dict:
    path = folder / name
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), name], capture_output=True, text=True,
                          cwd=ROOT, check=True, timeout=900)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attributes", type=int, default=200_000)
    parser.add_argument("--inflated", type=int, default=1_000_000_000)
    parser.add_argument("--operators", type=int, default=200_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.hostile_files import lying_docx, many_attributes_html, many_operators_pdf
    from tests.importer_files import docx_file, html_page, text_pdf

    worst = many_attributes_html(args.attributes)
    paragraph = "The coup failed, said the minister; the regime called it an uprising. " * 8
    page = html_page([paragraph] * (len(worst) // len(paragraph)), title="Normal", site="Site", date="2019-04-30",
                     url="https://example.org/a").encode()
    cases = [
        ("P1 html, attributes", worst, "p1.html", page, "normal.html"),
        ("P2 docx, lying size", lying_docx(args.inflated), "p2.docx", docx_file([paragraph]), "normal.docx"),
        ("P3 pdf, operators", many_operators_pdf(args.operators), "p3.pdf", text_pdf([paragraph[:80]] * 40), "normal.pdf"),
    ]
    print(f"{'case':<22} {'bytes':>10} {'seconds':>8} {'peak MB':>8} {'baseline s':>10} {'ratio':>6}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, data, name, normal, normal_name in cases:
            got = _run(data, name, folder)
            base = _run(normal, normal_name, folder)
            ratio = got["seconds"] / max(base["seconds"], 1e-6)
            print(f"{label:<22} {len(data):>10,} {got['seconds']:>8.2f} {got['peak_mb']:>8.0f} "
                  f"{base['seconds']:>10.2f} {ratio:>6.1f}  {got['outcome'][:90]}")


if __name__ == "__main__":
    main()
