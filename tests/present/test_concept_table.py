"""The concept table: variants per outlet, cells tinted by the pole their terms count for."""

from __future__ import annotations

import re

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.present.concept_table import cell_effects, concept_table_html
from framing.present.palette import AXIS_PAIRS
from framing.scoring.scores import match_table


def test_cells_carry_the_pole_of_their_effect_and_text_is_escaped():
    lexicons = bundled_lexicons()
    matches = match_table(load_sample_corpus(), lexicons)
    outlets = list(dict.fromkeys(matches["outlet"]))
    effects = cell_effects(matches)
    html = concept_table_html(matches, outlets, lexicons)
    assert html.startswith('<table class="fr-concepts">') and "<script" not in html
    for outlet in outlets:
        assert f"<th>{outlet}</th>" in html
    # teleSUR says "coup" (pro-government): its events cell is on the positive pole.
    assert effects[("venezuela-2019", "events", "teleSUR English")] > 0
    cells = re.findall(r'<td style="([^"]*)" data-effect="([+-]?)"', html)
    assert any(AXIS_PAIRS[0].positive.tint in style and sign == "+" for style, sign in cells)
    assert any(AXIS_PAIRS[0].negative.tint in style and sign == "-" for style, sign in cells)
    # Concepts on an axis come before the plain loaded categories.
    names = re.findall(r'<td class="fr-concept-name">([^<]*)</td>', html)
    assert names.index("The events of 30 April") < names.index("Delegitimising labels")


def test_payload_in_an_outlet_name_is_escaped():
    lexicons = bundled_lexicons()
    matches = match_table(load_sample_corpus(), lexicons)
    matches = matches.assign(outlet="<script>alert(1)</script>")
    html = concept_table_html(matches, ["<script>alert(1)</script>"], lexicons)
    assert "<script>" not in html and "&lt;script&gt;" in html
