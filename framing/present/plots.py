"""Charts of outlet scores, as matplotlib figures for the dashboard and reports.

Every function takes an :func:`framing.scoring.scores.outlet_scores` table (one row
per outlet) and returns a :class:`matplotlib.figure.Figure` built directly,
not through :mod:`matplotlib.pyplot`: pyplot keeps a global registry of open
figures, which leaks memory in a long-running Streamlit server and is shared
between its threads (matplotlib docs, "Embedding in a web application server
(Flask)"). Nothing here calls ``plt.show`` or changes ``rcParams``; font
sizes are set per element instead, large enough (11 pt and up) to read when a
1280-pixel-wide page is projected.

Colours are the Okabe-Ito palette shared with :mod:`framing.present.highlight`, so a
pole has the same colour in the charts and in the highlighted text.
"""

from __future__ import annotations

import io
from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from framing.present.literal import literal
from framing.present.highlight import LOADED_COLOUR, NEGATIVE_COLOUR, NEUTRAL_COLOUR, POSITIVE_COLOUR
from framing.lexicon.model import Axis
from framing.provenance import png_metadata

LABEL_SIZE = 12
TITLE_SIZE = 14
NOTE_SIZE = 11
# Voices get colours the pole colours do not use, so a blue bar never reads
# as "pro-opposition" in a chart about voices.
AUTHORIAL_COLOUR = "#009E73"  # Okabe-Ito bluish green
VOICE_COLOURS = {"authorial": AUTHORIAL_COLOUR, "quoted": "#F0E442", "scare_quoted": LOADED_COLOUR}
VOICE_HATCHES = {"authorial": None, "quoted": "..", "scare_quoted": "//"}
PLAIN_COLOUR = "#8C8C8C"  # measures with no pole: readability
VOICE_LABELS = {"authorial": "authorial", "quoted": "quoted", "scare_quoted": "scare-quoted"}
MAX_LABEL_CHARS = 28


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {', '.join(missing)}; needed: {', '.join(columns)}")
    if frame.empty:
        raise ValueError(f"{what} has no rows; a chart needs at least one outlet")


def _figure(rows: int, *, extra: float = 0.0, width: float = 8.0) -> Figure:
    # Height grows with the outlets so bars keep a readable thickness.
    return Figure(figsize=(width, 0.6 * rows + 1.5 + extra), layout="constrained")


def outlet_label(name: str) -> str:
    """An outlet name as an axis label: at most :data:`MAX_LABEL_CHARS`, shortened with an ellipsis.

    A long name would otherwise take the width of the bars (the tables
    beside the charts show names whole).
    """
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1].rstrip() + "\u2026"


def _outlet_axis(ax: Any, outlets: Sequence[str]) -> None:
    ax.set_yticks(range(len(outlets)), labels=[literal(outlet_label(o)) for o in outlets], fontsize=LABEL_SIZE)
    ax.invert_yaxis()  # first outlet on top, as in the table
    ax.tick_params(axis="x", labelsize=NOTE_SIZE)


def axis_score_chart(outlets: pd.DataFrame, axis: Axis, *, intervals: pd.DataFrame | None = None) -> Figure:
    """Horizontal bar per outlet of its score on one axis, -1 .. +1.

    Parameters
    ----------
    outlets : DataFrame
        :func:`framing.scoring.scores.outlet_scores` (columns ``outlet``,
        ``score_<axis.id>`` and ``n_<axis.id>``).
    axis : Axis
        The axis; its pole labels stand at the ends of the x axis.
    intervals : DataFrame, optional
        Columns ``outlet, low, high``: an interval per outlet (a bootstrap,
        say) drawn as error bars; outlets it does not list get none.

    Returns
    -------
    Figure
        One bar per outlet with a score (none for an outlet without matches
        on the axis), each annotated with ``n``.
    """
    score, n_col = f"score_{axis.id}", f"n_{axis.id}"
    _require(outlets, ["outlet", score, n_col], "outlets")
    if intervals is not None:
        missing = [c for c in ("outlet", "low", "high") if c not in intervals.columns]
        if missing:
            raise ValueError(f"intervals lacks column(s) {', '.join(missing)}; needed: outlet, low, high")
    names = outlets["outlet"].astype(str).tolist()
    values = outlets[score].to_numpy(dtype=float)
    fig = _figure(len(names), extra=0.4)
    ax = fig.add_subplot()
    rows = np.arange(len(names))
    has = ~np.isnan(values)
    colours = [POSITIVE_COLOUR if v > 0 else NEGATIVE_COLOUR if v < 0 else NEUTRAL_COLOUR for v in values[has]]
    ax.barh(rows[has], values[has], color=colours, height=0.6, edgecolor="#222", linewidth=0.8)
    spans: dict[str, tuple[float, float]] = {}
    if intervals is not None:
        for record in intervals.drop_duplicates("outlet").to_dict("records"):
            spans[str(record["outlet"])] = (float(record["low"]), float(record["high"]))
        for row, name, value in zip(rows, names, values):
            if name in spans and not np.isnan(value):
                low, high = spans[name]
                ax.errorbar(value, row, xerr=[[max(value - low, 0)], [max(high - value, 0)]],
                            fmt="none", ecolor="#222", elinewidth=1.6, capsize=6)
    for row, name, value, n in zip(rows, names, values, outlets[n_col].fillna(0).astype(int)):
        if np.isnan(value):
            ax.text(0, row, "no matches on this axis", ha="center", va="center", fontsize=NOTE_SIZE, color="#444")
            continue
        # The score and n sit on the side of zero the bar does not use, clear
        # of the error bar when the interval crosses zero.
        low, high = spans.get(name, (value, value))
        x = min(0.0, low) - 0.03 if value >= 0 else max(0.0, high) + 0.03
        ax.text(x, row, f"{value:+.2f}  n={n}".replace("-", "\u2212"),
                ha="right" if value >= 0 else "left", va="center", fontsize=NOTE_SIZE)
    _outlet_axis(ax, names)
    ax.set_xlim(-1, 1)
    ax.axvline(0, color="#222", linewidth=1)
    ax.grid(axis="x", color="#ddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    # Centred on the figure, not over the axes: with long outlet names the
    # axes sit right of centre, and a centred label would run off the edge.
    fig.supxlabel(literal(f"\u2190 {axis.negative}        score        {axis.positive} \u2192"), fontsize=LABEL_SIZE)
    fig.suptitle(literal(axis.label), fontsize=TITLE_SIZE)
    return fig


def loaded_rate_chart(outlets: pd.DataFrame, *, intervals: pd.DataFrame | None = None) -> Figure:
    """Loaded terms per 1,000 words per outlet: all voices, and the outlet's own.

    Parameters
    ----------
    outlets : DataFrame
        :func:`framing.scoring.scores.outlet_scores` rows.
    intervals : DataFrame, optional
        :func:`framing.discover.intervals.bootstrap_intervals` rows (columns
        ``outlet, measure, low, high``); those of ``loaded_per_1000`` and
        ``loaded_authorial_per_1000`` become error bars, and each value
        label moves past its bar's upper bound so the two never overlap.
    """
    columns = ["loaded_per_1000", "loaded_authorial_per_1000"]
    _require(outlets, ["outlet", *columns], "outlets")
    spans: dict[tuple[str, str], tuple[float, float]] = {}
    if intervals is not None:
        missing = [c for c in ("outlet", "measure", "low", "high") if c not in intervals.columns]
        if missing:
            raise ValueError(f"intervals lacks column(s) {', '.join(missing)}; needed: outlet, measure, low, high")
        for record in intervals[intervals["measure"].isin(columns) & intervals["low"].notna()].to_dict("records"):
            spans[(str(record["outlet"]), record["measure"])] = (float(record["low"]), float(record["high"]))
    names = outlets["outlet"].astype(str).tolist()
    fig = _figure(len(names), extra=0.6)
    ax = fig.add_subplot()
    rows = np.arange(len(names))
    height = 0.38
    right = max(1.0, float(outlets[columns].max().max() or 0), *(high for _, high in spans.values()))
    for offset, column, colour, label in (
        (-height / 2, "loaded_per_1000", LOADED_COLOUR, "all loaded terms"),
        (height / 2, "loaded_authorial_per_1000", AUTHORIAL_COLOUR, "in the outlet's own voice"),
    ):
        values = outlets[column].fillna(0).to_numpy(dtype=float)
        ax.barh(rows + offset, values, height=height, color=colour, label=label, edgecolor="#222", linewidth=0.6)
        for row, name, value in zip(rows, names, values):
            end = value
            if (name, column) in spans:
                low, high = spans[(name, column)]
                ax.errorbar(value, row + offset, xerr=[[max(value - low, 0)], [max(high - value, 0)]],
                            fmt="none", ecolor="#222", elinewidth=1.4, capsize=4)
                end = max(value, high)
            ax.text(end + right * 0.02, row + offset, f"{value:.0f}", va="center", fontsize=NOTE_SIZE)
    _outlet_axis(ax, names)
    ax.set_xlim(0, right * 1.18)
    ax.set_xlabel("loaded terms per 1,000 words" + (" (bars: 95 % bootstrap interval)" if spans else ""),
                  fontsize=LABEL_SIZE)
    fig.suptitle("Loaded language", fontsize=TITLE_SIZE)
    # Below the axis, where it can never cover a bar.
    fig.legend(fontsize=NOTE_SIZE, loc="outside lower center", ncols=2, frameon=False)
    ax.grid(axis="x", color="#ddd", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig


def voice_chart(outlets: pd.DataFrame) -> Figure:
    """Matches per outlet stacked by voice: authorial, quoted, scare-quoted."""
    voices = list(VOICE_COLOURS)
    _require(outlets, ["outlet", *voices], "outlets")
    names = outlets["outlet"].astype(str).tolist()
    fig = _figure(len(names), extra=0.6)
    ax = fig.add_subplot()
    rows = np.arange(len(names))
    left = np.zeros(len(names))
    for voice in voices:
        values = outlets[voice].fillna(0).to_numpy(dtype=float)
        ax.barh(rows, values, left=left, height=0.6, color=VOICE_COLOURS[voice], label=VOICE_LABELS[voice],
                edgecolor="#222", linewidth=0.6, hatch=VOICE_HATCHES[voice])
        left += values
    for row, total in zip(rows, left):
        ax.text(total, row, f" {total:.0f}", va="center", fontsize=NOTE_SIZE)
    _outlet_axis(ax, names)
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.12)
    ax.set_xlabel("matches by voice", fontsize=LABEL_SIZE)
    fig.suptitle("Whose words: the outlet's, a source's, or scare-quoted", fontsize=TITLE_SIZE)
    fig.legend(fontsize=NOTE_SIZE, loc="outside lower center", ncols=3, frameon=False)
    return fig


def readability_chart(outlets: pd.DataFrame) -> Figure:
    """Flesch reading ease (0-100, higher is easier) and Flesch-Kincaid grade per outlet.

    Flesch (1948), "A new readability yardstick", J. Applied Psychology
    32(3); Kincaid et al. (1975), Research Branch Report 8-75, US Navy.
    """
    columns = ["flesch_reading_ease", "flesch_kincaid_grade"]
    _require(outlets, ["outlet", *columns], "outlets")
    names = outlets["outlet"].astype(str).tolist()
    fig = _figure(len(names), extra=0.4)
    ease_ax, grade_ax = fig.subplots(1, 2, sharey=True)
    rows = np.arange(len(names))
    for ax, column, colour, label, limit in (
        (ease_ax, "flesch_reading_ease", PLAIN_COLOUR, "Flesch reading ease\n(higher = easier)", 100.0),
        (grade_ax, "flesch_kincaid_grade", PLAIN_COLOUR, "Flesch-Kincaid grade\n(school years)", None),
    ):
        values = outlets[column].to_numpy(dtype=float)
        shown = np.nan_to_num(values)
        ax.barh(rows, shown, height=0.6, color=colour, edgecolor="#222", linewidth=0.6)
        for row, value in zip(rows, values):
            ax.text(0 if np.isnan(value) else max(value, 0), row, " n/a" if np.isnan(value) else f" {value:.1f}",
                    va="center", fontsize=NOTE_SIZE)
        peak = float(np.max(shown)) if len(shown) else 1.0
        # Reading ease is on a 0-100 scale (it can leave it); grades have no top.
        top = max(limit, peak * 1.1) if limit is not None else max(1.0, peak) * 1.2
        ax.set_xlim(min(0.0, float(np.min(shown))) if len(shown) else 0.0, top)
        ax.set_xlabel(label, fontsize=LABEL_SIZE)
        ax.tick_params(axis="x", labelsize=NOTE_SIZE)
    _outlet_axis(ease_ax, names)
    fig.suptitle("Readability", fontsize=TITLE_SIZE)
    return fig


def figure_png(fig: Figure, prov: dict[str, Any], *, dpi: int = 150) -> bytes:
    """Render a figure as PNG bytes with provenance in its text chunks.

    Parameters
    ----------
    fig : Figure
    prov : dict
        :func:`framing.provenance.provenance`; stored as ``Software`` and
        ``Description`` tEXt chunks (:func:`framing.provenance.png_metadata`).
    dpi : int
        Resolution; 150 gives 1200 px for an 8-inch-wide figure.
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 50 <= dpi <= 600:
        raise ValueError(f"dpi must be an integer from 50 to 600, got {dpi!r}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata=png_metadata(prov), facecolor="white")
    return buffer.getvalue()
