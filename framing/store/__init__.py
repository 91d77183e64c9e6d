"""The article store: articles and user lexicons kept in SQLite.

:mod:`~framing.store.article_store` is the store (WAL mode, one transaction
per file, so a crash loses nothing already added);
:mod:`~framing.store.schema` its schema and migrations;
:mod:`~framing.store.user_lexicons` the user lexicons kept in it. Files are
read into articles by :mod:`framing.importers`, a stage below.

May import: :mod:`framing.provenance`, :mod:`framing.corpus`,
:mod:`framing.importers`, :mod:`framing.lexicon`, :mod:`framing.text` and the
base modules; never the scoring, discovery or presentation stages.
"""
