"""Data files shipped with :mod:`framing` (word lists), read with importlib.resources."""
