"""Locate the bundled sample corpora and lexicons.

The data live in the repository's top-level ``samples/`` folder, which installs
as the package ``framing._samples``. Reading them through
:mod:`importlib.resources` (as textstat reads its word lists) keeps the code
independent of the working directory.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

SAMPLE_CORPUS = "venezuela-2019-04-30"
BUNDLED_LEXICONS = ("venezuela-2019", "loaded-language")


@lru_cache(maxsize=None)
def samples_root() -> Path:
    """Return the folder holding the bundled samples.

    Returns
    -------
    pathlib.Path
        A real directory (the package is installed unzipped, as pip does).
    """
    return Path(str(resources.files("framing._samples")))


def sample_corpus_dir(name: str = SAMPLE_CORPUS) -> Path:
    """Return the folder of a bundled corpus (manifest and text files)."""
    path = samples_root() / name
    if not (path / "manifest.csv").is_file():
        available = sorted(p.name for p in samples_root().iterdir() if (p / "manifest.csv").is_file())
        raise ValueError(f"unknown sample corpus {name!r}; available: {', '.join(available)}")
    return path


def bundled_lexicon_path(name: str) -> Path:
    """Return the path of a bundled lexicon TOML file by its short name."""
    path = samples_root() / "lexicons" / f"{name}.toml"
    if not path.is_file():
        available = sorted(p.stem for p in (samples_root() / "lexicons").glob("*.toml"))
        raise ValueError(f"unknown bundled lexicon {name!r}; available: {', '.join(available)}")
    return path
