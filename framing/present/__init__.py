"""Presentation: side-by-side comparison, highlighting, reframing and figures.

:mod:`~framing.present.compare` lines up each concept's variants per outlet;
:mod:`~framing.present.highlight` turns a text and its matches into escaped
HTML with the loaded terms marked by pole and voice;
:mod:`~framing.present.reframe` rewrites a passage in the other side's words;
:mod:`~framing.present.plots` and :mod:`~framing.present.term_plots` draw the
matplotlib figures. Everything returns strings, DataFrames or figures: no
Streamlit here (only ``dashboards/`` imports it).

May import: :mod:`framing.discover`, :mod:`framing.scoring` and every stage
below them.
"""
