"""framing: compare how differently aligned outlets frame the same story.

The package reads as the data flow, one subpackage per stage, each importing
only the stages before it (``tests/test_layering.py`` holds the order):

``article`` (the unit) -> ``text`` (folding, tokens, sentences, voice) ->
``lexicon`` (what to look for) -> ``importers`` and ``corpus`` (articles from
files) -> ``provenance`` -> ``store`` (SQLite) -> ``scoring`` (matches with
voice, scores) -> ``discover`` (distinctive terms, intervals) -> ``present``
(side by side, highlights, plots) -> ``scale`` (streaming, Dask) -> ``cli``.
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("framing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
