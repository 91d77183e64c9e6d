"""Charts of distinctive terms and of scores over time (matplotlib Figures).

* :func:`term_scatter`: the Scattertext-style view of one comparison from
  :func:`framing.discover.logodds.log_odds`: term frequency (log scale) against the
  z-score of the log-odds ratio with informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008, "Fightin' Words", *Political Analysis* 16(4), whose
  figures plot the same two quantities), the most distinctive terms of each
  side labelled. Labels are placed greedily, most distinctive first: each tries
  positions around its point at growing distances and takes the first whose
  box overlaps no label already placed and stays inside the plot; a label with
  no free place is left out (and counted in ``fig.framing_unlabelled``).
* :func:`timeline_chart`: a line per group of :func:`framing.discover.timeline.axis_timeline`.

As in :mod:`framing.present.plots`, figures are built without :mod:`matplotlib.pyplot`
(no global figure registry), with fonts of 11 pt and up.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from matplotlib.transforms import Bbox

from framing.lexicon.model import Axis
from framing.present.literal import literal

LABEL_SIZE = 12
NOTE_SIZE = 11
SIDE_COLOURS = {"a": "#D55E00", "b": "#0072B2", "neither": "#999999"}  # Okabe-Ito
#: Offsets (in points) tried around a point, at radius multiples 1, 2, 3, ...
_DIRECTIONS = [(1, 0.3), (1, -0.3), (-1, 0.3), (-1, -0.3), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]


def _place_labels(ax: Any, fig: Figure, points: list[tuple[float, float, str, str]], *, max_radius: int = 6) -> list[Any]:
    """Greedy non-overlapping placement; returns the Text artists kept.

    Each label tries positions around its point, nearest first; a label
    placed beyond the nearest ring is joined to its point by a leader line.

    The layout is computed first and then frozen, so the boxes measured here
    are where the labels will be drawn.
    """
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    fig.set_layout_engine("none")
    renderer = canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    kept = []
    for x, y, text, colour in points:
        artist = ax.annotate(literal(text), (x, y), xytext=(0, 0), textcoords="offset points", fontsize=NOTE_SIZE,
                             color=colour, ha="left", va="bottom")
        done = False
        for radius in range(1, max_radius + 1):
            for dx, dy in _DIRECTIONS:
                artist.set_position((6 * radius * dx, 6 * radius * dy))
                artist.set_ha("left" if dx > 0 else "right" if dx < 0 else "center")
                artist.set_va("bottom" if dy > 0 else "top" if dy < 0 else "center")
                box = artist.get_window_extent(renderer).expanded(1.05, 1.15)
                inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
                if inside and not any(box.overlaps(other) for other in placed):
                    placed.append(box)
                    kept.append(artist)
                    if radius > 1:
                        # A label pushed away from its point gets a thin leader
                        # line to the label's anchor corner, so a crowded
                        # region still reads as which word is which dot.
                        ax.annotate("", (x, y), xytext=(6 * radius * dx, 6 * radius * dy), textcoords="offset points",
                                    arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.6, "alpha": 0.7,
                                                "shrinkA": 0, "shrinkB": 2})
                    done = True
                    break
            if done:
                break
        if not done:
            artist.remove()
    return kept


def term_scatter(result: pd.DataFrame, *, top: int = 15, title: str | None = None) -> Figure:
    """Scatter of term frequency against z for one comparison.

    Parameters
    ----------
    result : DataFrame
        One comparison from :func:`framing.discover.logodds.log_odds` (columns
        ``term, group_a, group_b, count_a, count_b, z``).
    top : int
        How many terms of each side to label (0 .. 100).
    title : str, optional
        Default ``"<group_a> vs <group_b>"``.

    Returns
    -------
    Figure
        ``fig.framing_labels`` lists the labelled terms,
        ``fig.framing_unlabelled`` those left out for lack of room.
    """
    needed = ["term", "group_a", "group_b", "count_a", "count_b", "z"]
    missing = [c for c in needed if c not in result.columns]
    if missing:
        raise ValueError(f"result lacks column(s) {', '.join(missing)}; needed: {', '.join(needed)}")
    if isinstance(top, bool) or not isinstance(top, int) or not 0 <= top <= 100:
        raise ValueError(f"top={top!r} is not allowed; use an integer from 0 to 100")
    fig = Figure(figsize=(10, 7), layout="constrained")
    ax = fig.add_subplot()
    freq = (result["count_a"] + result["count_b"]).to_numpy(dtype=float)
    z = result["z"].to_numpy(dtype=float)
    side = np.where(z > 1.96, "a", np.where(z < -1.96, "b", "neither"))
    rng = np.random.default_rng(0)  # fixed jitter so equal counts do not hide each other
    x = freq * np.exp(rng.uniform(-0.06, 0.06, len(freq)))
    for key, label in (("neither", "|z| <= 1.96"), ("a", None), ("b", None)):
        mask = side == key
        if label is None:
            name = result["group_a"].iloc[0] if key == "a" and len(result) else result["group_b"].iloc[0] if len(result) else key
            label = literal(f"distinctive of {name}")
        ax.scatter(x[mask], z[mask], s=14, alpha=0.6, color=SIDE_COLOURS[key], label=label, linewidths=0)
    ax.set_xscale("log")
    # Counts read better as 2, 5, 10, 20 than as 2×10^0 on a projector.
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.axhline(0, color="#555555", linewidth=0.8)
    for bound in (1.96, -1.96):
        ax.axhline(bound, color="#999999", linewidth=0.6, linestyle="--")
    ax.set_xlabel("frequency in the two sides (log scale)", fontsize=LABEL_SIZE)
    ax.set_ylabel("z-score of the log-odds ratio", fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=NOTE_SIZE)
    if len(result):
        a, b = result["group_a"].iloc[0], result["group_b"].iloc[0]
        ax.set_title(literal(title or f"{a} vs {b}"), fontsize=LABEL_SIZE + 2)
        ax.legend(fontsize=NOTE_SIZE, loc="lower right")
        if len(z) and np.isfinite(z).any():
            span = max(np.nanmax(np.abs(z)), 2.5) * 1.15
            ax.set_ylim(-span, span)
    order = np.argsort(-np.abs(z), kind="stable")
    wanted = [i for i in order if z[i] > 0][:top] + [i for i in order if z[i] < 0][:top]
    wanted.sort(key=lambda i: -abs(z[i]))
    points = [(x[i], z[i], str(result["term"].iloc[i]), SIDE_COLOURS[side[i]]) for i in wanted]
    kept = _place_labels(ax, fig, points)
    raw = {literal(p[2]): p[2] for p in points}
    fig.framing_labels = [raw[t.get_text()] for t in kept]  # type: ignore[attr-defined]
    fig.framing_unlabelled = [p[2] for p in points if p[2] not in fig.framing_labels]  # type: ignore[attr-defined]
    return fig


def timeline_chart(timeline: pd.DataFrame, *, axis: str | None = None, group_column: str = "outlet",
                   axes: Sequence[Axis] = ()) -> Figure:
    """Line chart of an axis score per group over time.

    Parameters
    ----------
    timeline : DataFrame
        From :func:`framing.discover.timeline.axis_timeline` (``period``, the group
        column, ``axis``, ``score``, ``n``).
    axis : str, optional
        Which axis (default: the first in the table).
    group_column : str
        The column naming the lines (the ``by`` of ``axis_timeline``).
    axes : sequence of Axis
        The lexicons' axes: the chart's title is the axis's label and the
        y label names its two poles (without them, the axis id).

    Returns
    -------
    Figure
        One line with markers per group; the y axis spans -1 .. +1.
    """
    needed = ["period", group_column, "axis", "score"]
    missing = [c for c in needed if c not in timeline.columns]
    if missing:
        raise ValueError(f"timeline lacks column(s) {', '.join(missing)}; needed: {', '.join(needed)}")
    if timeline.empty:
        raise ValueError("timeline has no rows: no article has a date")
    axes_present = list(dict.fromkeys(timeline["axis"]))
    axis = axis or axes_present[0]
    if axis not in axes_present:
        raise ValueError(f"axis={axis!r} is not in the timeline; axes: {', '.join(axes_present)}")
    data = timeline[timeline["axis"] == axis]
    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    for group, rows in data.groupby(group_column, sort=False):
        rows = rows.sort_values("period")
        ax.plot(pd.to_datetime(rows["period"]), rows["score"], marker="o", linewidth=1.8, label=literal(group))
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    # Lexicon strings are user text: literal() keeps matplotlib from reading "$" as mathtext.
    known = next((a for a in axes if a.id == axis), None)
    if known is not None:
        ax.set_ylabel(literal(f"\u2190 {known.negative}    score    {known.positive} \u2192"), fontsize=LABEL_SIZE)
        fig.suptitle(literal(f"{known.label}, over time"), fontsize=LABEL_SIZE + 2)
    else:
        ax.set_ylabel(literal(f"score on {axis}"), fontsize=LABEL_SIZE)
        fig.suptitle(literal(f"Score on {axis}, over time"), fontsize=LABEL_SIZE + 2)
    ax.set_xlabel("period", fontsize=LABEL_SIZE)
    _period_ticks(ax, pd.to_datetime(data["period"]))
    ax.tick_params(labelsize=NOTE_SIZE)
    ax.legend(fontsize=NOTE_SIZE)
    return fig


#: Up to this many periods, each gets its own tick with its full date.
MAX_DATED_TICKS = 8
#: At most this many ticks otherwise.
MAX_PERIOD_TICKS = 12


def _period_ticks(ax: Any, periods: pd.Series) -> None:
    """Date ticks (no clock times: periods are days or weeks), half a period of margin.

    Matplotlib's automatic date locator puts hourly ticks on a span of two
    days, as if scores had been measured every three hours.
    """
    unique = sorted(periods.dropna().unique())
    if not unique:
        return
    if len(unique) <= MAX_DATED_TICKS:
        ax.set_xticks(unique)
        ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        ax.tick_params(axis="x", labelrotation=30)
    else:
        # Many periods, possibly over years: a concise formatter writes the
        # year once, where it changes, so labels stay short and apart.
        locator = AutoDateLocator(minticks=3, maxticks=MAX_PERIOD_TICKS)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    step = (unique[1] - unique[0]) if len(unique) > 1 else pd.Timedelta(days=1)
    ax.set_xlim(unique[0] - step / 2, unique[-1] + step / 2)
