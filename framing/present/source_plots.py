"""Who each outlet quotes, as a matplotlib figure: one panel of speakers per outlet.

Built on :class:`matplotlib.figure.Figure` directly, never through pyplot (its
global figure registry leaks in a long-running Streamlit server; matplotlib
docs, "Embedding in a web application server"). Small multiples, one panel
per outlet with a shared count axis, follow Tufte (1983), *The Visual Display
of Quantitative Information*: outlets quote different people, so a shared
speaker axis would be mostly empty.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from framing.present.highlight import NEGATIVE_COLOUR, NEUTRAL_COLOUR
from framing.present.plots import LABEL_SIZE, NOTE_SIZE, TITLE_SIZE, outlet_label

OTHERS_COLOUR = "#B5DDF7"
MAX_SPEAKER_CHARS = 34
_REQUIRED = ("outlet", "speaker", "quotations")


def _label(name: str) -> str:
    return name if len(name) <= MAX_SPEAKER_CHARS else name[:MAX_SPEAKER_CHARS - 1] + "…"


def speaker_chart(counts: pd.DataFrame) -> Figure:
    """Bars of quotations per speaker, one panel per outlet.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`framing.discover.sources.speaker_counts` (columns ``outlet, speaker, quotations``).

    Returns
    -------
    matplotlib.figure.Figure
        Named speakers in blue, "others" in light blue, "(no speaker found)" in grey.
    """
    missing = [c for c in _REQUIRED if c not in counts.columns]
    if missing:
        raise ValueError(f"speaker counts lack column(s) {', '.join(missing)}; needed: {', '.join(_REQUIRED)}")
    if counts.empty:
        raise ValueError("speaker counts have no rows; a chart needs at least one quotation")
    outlets = list(dict.fromkeys(counts["outlet"]))
    sizes = [int((counts["outlet"] == o).sum()) for o in outlets]
    figure = Figure(figsize=(8.5, 0.42 * sum(sizes) + 0.9 * len(outlets) + 0.6), layout="constrained")
    axes = figure.subplots(len(outlets), 1, sharex=True, squeeze=False,
                           gridspec_kw={"height_ratios": [max(n, 1) for n in sizes]})[:, 0]
    largest = int(counts["quotations"].max())
    for ax, outlet in zip(axes, outlets):
        rows = counts[counts["outlet"] == outlet].iloc[::-1]
        colours = [NEUTRAL_COLOUR if s == "(no speaker found)" else OTHERS_COLOUR if s.startswith("others (")
                   else NEGATIVE_COLOUR for s in rows["speaker"]]
        ax.barh(range(len(rows)), rows["quotations"], color=colours)
        ax.set_yticks(range(len(rows)), [_label(s) for s in rows["speaker"]], fontsize=LABEL_SIZE - 1)
        for y, n in enumerate(rows["quotations"]):
            ax.text(n + largest * 0.01, y, str(int(n)), va="center", fontsize=NOTE_SIZE)
        ax.set_title(outlet_label(outlet), loc="left", fontsize=TITLE_SIZE - 1, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(0, largest * 1.12 + 0.5)
    axes[-1].set_xlabel("direct quotations", fontsize=LABEL_SIZE)
    axes[-1].xaxis.get_major_locator().set_params(integer=True)
    return figure
