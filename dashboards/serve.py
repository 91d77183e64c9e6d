"""Start Streamlit with the library already imported, so the first page is quick.

``framing dashboard`` runs ``python -m framing._dashboards.serve run app.py
...`` instead of ``python -m streamlit run app.py ...``. Streamlit runs the
app script only when the first browser session connects, so a plain start
leaves every import to that first page: pandas, NLTK (whose package import
alone compiles some 250 regular expressions) and framing's matcher took
about a second of the first page's time on the development machine. Here
they are imported while the server starts, before anyone is waiting, once
per process. Only library modules are imported: the dashboard's own modules
define Streamlit caches and must be imported by the running app.

The arguments are Streamlit's command line, passed on unchanged
(:func:`streamlit.web.cli.main`, as ``python -m streamlit`` calls it).
"""

from __future__ import annotations

import importlib

#: Imported before the server starts: what the first page needs and is slow to import.
PRELOAD = (
    "pandas",
    "framing.text.sentences",  # imports nltk
    "framing.scoring.scores",
    "framing.store.stories",
    "framing.present.highlight",
    "framing.present.concept_table",
    "framing.present.passages",
)


def preload() -> None:
    """Import :data:`PRELOAD` and parse the bundled lexicons.

    :func:`framing.lexicon.model.bundled_lexicon` keeps each parsed lexicon
    for the process (``functools.lru_cache``), so the first page finds them
    parsed (about 0.2 s for the two). Anything that fails here is left to the
    app, which reports it on the page.
    """
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # the app's own import will raise it where it can be shown
            continue
    try:
        from framing.lexicon.model import bundled_lexicons

        bundled_lexicons()
    except Exception:  # noqa: BLE001 - a broken lexicon is the app's to report, not the launcher's
        pass


def main() -> None:
    """Preload, then hand over to Streamlit's command line."""
    preload()
    from streamlit.web.cli import main as streamlit_main

    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
