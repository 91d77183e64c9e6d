"""The package's stages import only lower stages, and nothing imports in a circle.

The order below is the one place it is written: a module may import modules
of its own stage or of a stage listed before it, never one listed after it.
Imports are read with :mod:`ast` (including imports inside functions and
under ``TYPE_CHECKING``), so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "framing"

#: Stages from lowest to highest; each entry holds the modules or packages of one stage.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("framing", "framing.resources", "framing.article", "framing.data"),
    ("framing.text",),
    ("framing.lexicon",),
    ("framing.importers",),
    ("framing.corpus",),
    ("framing.provenance",),
    ("framing.store",),
    ("framing.scoring",),
    ("framing.discover",),
    ("framing.present",),
    ("framing.scale",),
    ("framing.cli",),
)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every ``framing`` module a source file imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # ``from framing import plots`` imports the module framing.plots.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "framing" or m.startswith("framing.")}


def layer_of(module: str) -> int | None:
    """Index of the stage a module belongs to (its longest listed prefix)."""
    best, best_len = None, -1
    for index, members in enumerate(LAYERS):
        for member in members:
            if (module == member or module.startswith(member + ".")) and len(member) > best_len:
                best, best_len = index, len(member)
    return best


def upward_imports(package: Path = PACKAGE, root: Path = ROOT) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        source = module_name(path, root)
        source_layer = layer_of(source)
        if source_layer is None:
            problems.append(f"{source}: in no stage of LAYERS")
            continue
        for target in sorted(imported_modules(path, root)):
            target_layer = layer_of(target)
            if target_layer is not None and target_layer > source_layer:
                problems.append(f"{source} (stage {source_layer}) imports {target} (stage {target_layer})")
    return problems


def import_cycles(package: Path = PACKAGE, root: Path = ROOT) -> list[list[str]]:
    """Circles among framing's modules (Tarjan's strongly connected components)."""
    modules = {module_name(p, root): p for p in package.rglob("*.py")}
    graph = {m: {t for t in imported_modules(p, root) if t in modules and t != m} for m, p in modules.items()}
    # A package's __init__ is imported along with each of its modules, but
    # those edges are the import system's, not circles written in the code.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_every_module_is_in_a_stage_and_imports_only_lower_stages():
    assert upward_imports() == []


def test_no_import_circles():
    assert import_cycles() == []


def test_only_dashboards_import_streamlit_and_nothing_imports_the_dashboards():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "streamlit" or n.startswith("framing._dashboards") or n.split(".")[0] == "dashboards" for n in names):
                offenders.append(f"{module_name(path)}: {names}")
    assert offenders == []


def test_no_module_over_400_lines():
    long = [f"{p.relative_to(ROOT)}: {n}" for folder in ("framing", "dashboards") for p in sorted((ROOT / folder).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []


@pytest.fixture
def tiny_package(tmp_path: Path) -> Path:
    """A copy of two stages' layout, to show the checks catch what they should."""
    pkg = tmp_path / "framing"
    for sub in ("text", "scoring"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "text" / "quotes.py").write_text("import re\n")
    (pkg / "scoring" / "scores.py").write_text("from framing.text.quotes import re\n")
    return pkg


def test_an_upward_import_is_reported(tiny_package: Path):
    root = tiny_package.parent
    assert upward_imports(tiny_package, root) == []
    # A lazy import inside a function counts as much as one at the top.
    (tiny_package / "text" / "quotes.py").write_text("def f():\n    from framing.scoring import scores\n")
    assert upward_imports(tiny_package, root) == [
        "framing.text.quotes (stage 1) imports framing.scoring (stage 7)",
        "framing.text.quotes (stage 1) imports framing.scoring.scores (stage 7)",
    ]


def test_a_relative_import_circle_is_reported(tiny_package: Path):
    root = tiny_package.parent
    (tiny_package / "scoring" / "matcher.py").write_text("from . import scores\n")
    (tiny_package / "scoring" / "scores.py").write_text("from .matcher import x\n")
    assert import_cycles(tiny_package, root) == [["framing.scoring.matcher", "framing.scoring.scores"]]
