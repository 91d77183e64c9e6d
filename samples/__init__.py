"""Bundled sample corpora and lexicons, installed as ``framing._samples``."""
