"""framing: compare how differently aligned outlets frame the same story.

The package reads as the data flow:

``corpus`` (articles) -> ``textfold`` / ``sentences`` / ``quotes`` (text) ->
``lexicon`` (what to look for) -> ``matcher`` (matches with voice) ->
``scores`` (per match, article, outlet) -> ``compare`` (side by side) ->
``plots`` (figures).
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("framing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
