"""The pole colours: one pair per axis, apart under simulated colour-vision deficiencies.

Each colour is passed through the Machado et al. (2009) simulation of
protanopia, deuteranopia and tritanopia (``colorspacious``, severity 100)
and distances are CIECAM02-UCS ΔE (Luo et al. 2006), where about 1 is a
just-noticeable difference; two highlight tints side by side need far more.
"""

from __future__ import annotations

import itertools
import re

import pytest

from framing.article import Article
from framing.lexicon.model import bundled_lexicons, parse_lexicon
from framing.present import palette
from framing.present.highlight import HIGHLIGHT_CSS, LEGEND_NOTE, highlight_html, legend_html
from framing.scoring.scores import match_table

colorspacious = pytest.importorskip("colorspacious")

VISIONS = (None, "protanomaly", "deuteranomaly", "tritanomaly")
#: Tints sit behind black text, so they are light and closer together than the strong colours.
MIN_TINT_DISTANCE = 15.0
MIN_STRONG_DISTANCE = 30.0
#: Between different axes' tints: they must not be taken for one another either.
MIN_CROSS_AXIS_DISTANCE = 5.0


def _rgb(hex_colour: str) -> list[float]:
    return [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]


def _seen(hex_colour: str, vision: str | None):
    colour = _rgb(hex_colour)
    if vision is None:
        return colour
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return colorspacious.cspace_convert(colour, space, "sRGB1").clip(0, 1)


def distance(a: str, b: str, vision: str | None) -> float:
    return float(colorspacious.deltaE(_seen(a, vision), _seen(b, vision), input_space="sRGB1",
                                      uniform_space="CAM02-UCS"))


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("index", range(len(palette.AXIS_PAIRS)))
def test_the_poles_of_each_axis_stay_apart(index, vision):
    pair = palette.AXIS_PAIRS[index]
    assert distance(pair.negative.tint, pair.positive.tint, vision) >= MIN_TINT_DISTANCE
    assert distance(pair.negative.strong, pair.positive.strong, vision) >= MIN_STRONG_DISTANCE
    for swatch in (pair.negative, pair.positive):  # never mistaken for the neutral wording
        assert distance(swatch.tint, palette.NEUTRAL.tint, vision) >= MIN_CROSS_AXIS_DISTANCE


@pytest.mark.parametrize("vision", VISIONS)
def test_the_first_two_axes_do_not_share_a_colour(vision):
    tints = [s.tint for pair in palette.AXIS_PAIRS[:2] for s in (pair.negative, pair.positive)]
    for a, b in itertools.combinations(tints, 2):
        assert distance(a, b, vision) >= MIN_CROSS_AXIS_DISTANCE, (a, b)


def test_a_deliberately_bad_pair_fails_the_check():
    # Red and green of equal lightness: the pair deuteranopes cannot tell apart.
    assert distance("#D62728", "#2CA02C", None) >= MIN_STRONG_DISTANCE
    assert distance("#D62728", "#2CA02C", "deuteranomaly") < MIN_STRONG_DISTANCE / 2


def test_poles_have_a_cue_that_is_not_colour():
    assert len(set(palette.POLE_UNDERLINES.values())) == 3
    assert re.search(r"mark\.fr-pos \{[^}]*solid", HIGHLIGHT_CSS)
    assert re.search(r"mark\.fr-neg \{[^}]*dashed", HIGHLIGHT_CSS)
    assert palette.FLIPPED_MARKER in HIGHLIGHT_CSS and "fr-flipped" in HIGHLIGHT_CSS


SECOND_AXIS = '''
name = "second-axis"
version = "1.0"
[[axes]]
id = "hawk_dove"
label = "Military action"
negative = "dovish"
positive = "hawkish"
[concepts.force]
label = "Use of force"
axis = "hawk_dove"
[concepts.force.terms]
"intervention" = 0.7
"diplomacy" = -0.7
'''


def test_two_axes_get_two_pairs_and_the_legend_says_colour_is_the_effect():
    lexicons = (*bundled_lexicons(), parse_lexicon(SECOND_AXIS))
    text = "The coup failed. They called for diplomacy, not intervention, and no 'uprising' either."
    matches = match_table([Article(id="two", outlet="Test", text=text)], lexicons)
    html = highlight_html(text, matches, lexicons)
    coup = re.search(r'<mark class="([^"]*)"[^>]*data-canonical="coup"', html).group(1).split()
    intervention = re.search(r'<mark class="([^"]*)"[^>]*data-canonical="intervention"', html).group(1).split()
    diplomacy = re.search(r'<mark class="([^"]*)"[^>]*data-canonical="diplomacy"', html).group(1).split()
    assert "fr-pos" in coup and not any(c.startswith("fr-ax") for c in coup)
    assert {"fr-pos", "fr-ax1"} <= set(intervention) and {"fr-neg", "fr-ax1"} <= set(diplomacy)
    # Scare-quoted 'uprising' (pro-opposition wording) counts for the government: flipped.
    uprising = re.search(r'<mark class="([^"]*)"[^>]*data-canonical="uprising"', html).group(1).split()
    assert {"fr-pos", "fr-flipped", "fr-v-scare_quoted"} <= set(uprising)
    second = palette.AXIS_PAIRS[1]
    assert f"mark.fr-ax1.fr-pos {{ background: {second.positive.tint}" in HIGHLIGHT_CSS
    legend = legend_html(lexicons)
    assert "hawkish" in legend and "fr-ax1" in legend
    assert "counts for in the score" in LEGEND_NOTE and LEGEND_NOTE.count(".") <= 2
    assert legend.count('class="fr-legend-note"') == 1


def test_concept_cell_style_follows_the_pole():
    assert palette.concept_cell_style(None, 0) == "" and palette.concept_cell_style(0.5, None) == ""
    assert palette.AXIS_PAIRS[0].positive.tint in palette.concept_cell_style(0.4, 0)
    assert "dashed" in palette.concept_cell_style(-0.4, 1)
    assert palette.AXIS_PAIRS[1].negative.tint in palette.concept_cell_style(-0.4, 1)
    with pytest.raises(ValueError, match="-1"):
        palette.axis_pair(-1)
