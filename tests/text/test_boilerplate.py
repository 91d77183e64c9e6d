"""Boilerplate learnt from a corpus: outlets' repeated lines, templates, names; the furniture backstop."""

from __future__ import annotations

import pickle

import pytest

from framing.article import Article
from framing.discover.logodds import distinctive_terms, top_terms
from framing.text.boilerplate import detect_boilerplate, line_key, outlet_names, strip_boilerplate
from framing.text.furniture import is_furniture, strip_dateline, strip_inline

STORIES = [
    "The council approved the new budget for road repairs after a long debate.",
    "Teachers asked the school board for smaller classes and more counsellors.",
    "The river flooded two farms, and the county opened a shelter at the gym.",
    "A new bakery opened on Main Street, selling bread made from local wheat.",
    "The mayor said the bus routes would change in the spring to serve the hospital.",
    "Volunteers planted three hundred trees along the canal on Saturday morning.",
    "The library will stay open late during exam weeks, the board decided.",
    "Farmers worried about the dry summer and the price of feed for cattle.",
]


def ledger(i: int, story: str) -> Article:
    """An article of the Daily Ledger: a story wrapped in the outlet's furniture."""
    text = "\n".join([
        f"Ledger Extra: {STORIES[(i + 3) % len(STORIES)][:40]}",   # a template with a varying slot
        story,
        f"{story.split()[1].title()} readers wrote to the Daily Ledger.",  # prose: only the outlet's name goes
        "Enjoy the Ledger each morning with your coffee",          # the outlet's own footer
    ])
    return Article(id=f"l{i}", outlet="Daily Ledger", text=text, alignment="east",
                   url=f"https://www.dailyledger.com/news/{i}")


def courier(i: int, story: str) -> Article:
    text = "\n".join([story, f"{story.split()[-1]} Residents told the Courier", f"By Jane Doe{'' if i else ', staff'}"])
    return Article(id=f"c{i}", outlet="Evening Courier", text=text, alignment="west")


def corpus() -> list[Article]:
    return [ledger(i, s) for i, s in enumerate(STORIES)] + [courier(i, s) for i, s in enumerate(STORIES)]


def test_repeated_lines_templates_and_names_are_removed_stories_kept():
    articles, model = strip_boilerplate(corpus())
    first = articles[0].text
    assert STORIES[0] in first
    assert "coffee" not in first and "Ledger Extra" not in first
    assert "Daily Ledger" not in first and "Council readers wrote to the" in first
    assert all("Jane Doe" not in a.text for a in articles if a.outlet == "Evening Courier")  # byline
    report = {r["outlet"]: r for r in model.report()}
    assert report["Daily Ledger"]["boilerplate_lines"] == 1
    assert report["Daily Ledger"]["template_openings"] == 2  # "ledger extra", and the footer's "enjoy the"
    assert report["Daily Ledger"]["lines_removed"] == 2 * len(STORIES)
    assert report["Evening Courier"]["lines_removed"] == len(STORIES)


def test_a_line_in_too_few_articles_is_not_boilerplate():
    two = [ledger(i, s) for i, s in enumerate(STORIES[:2])]
    model = detect_boilerplate(two)
    assert "coffee" in next(model.clean(two)).text
    model = detect_boilerplate(two, min_articles=2, min_share=0.5)
    assert "coffee" not in next(model.clean(two)).text


def test_distinctive_terms_lose_furniture_by_default():
    articles = corpus()
    kept = distinctive_terms(articles, by="outlet", group="Daily Ledger", vs="Evening Courier", keep_boilerplate=True)
    cleaned = distinctive_terms(articles, by="outlet", group="Daily Ledger", vs="Evening Courier")
    furniture = {"coffee", "ledger", "daily ledger", "ledger extra", "jane doe", "enjoy"}
    assert furniture & (set(top_terms(kept[0], 10, side="a")["term"]) | set(top_terms(kept[0], 10, side="b")["term"]))
    assert not furniture & set(cleaned[0]["term"])
    assert cleaned[0].attrs["boilerplate"][0]["lines_removed"] > 0
    assert kept[0].attrs["boilerplate"] == []


def test_model_pickles_for_dask_workers():
    model = detect_boilerplate(corpus())
    again = pickle.loads(pickle.dumps(model))
    assert next(again.clean(corpus())).text == next(model.clean(corpus())).text


def test_line_key_ignores_case_punctuation_and_years():
    assert line_key("Copyright 2019 The Ledger, LLC.") == line_key("copyright 2020 the ledger llc")
    assert line_key("Copyright the Ledger") != line_key("Copyright the Courier")
    assert line_key(" … ") is None


def test_outlet_names_from_field_and_domain():
    from collections import Counter

    assert outlet_names("New York Times - News", Counter({"nytimes.com": 2})) == (
        "new york times - news", "new york times", "nytimes.com", "nytimes")


@pytest.mark.parametrize("line, expected", [
    ("ADVERTISEMENT", True), ("Sign up for Daily Newsletters", True), ("( PHOTOS: 25 quotes)", True),
    ("By JANE DOE and John Roe", True), ("6 years ago", True),
    ("By the end of the year the law will cover millions more people than it does today.", False),
    ("She said she would sign up for coverage once the website was working again, and urged others to do the same.", False),
])
def test_furniture_backstop_marks_short_lines_only(line, expected):
    assert is_furniture(line) is expected


def test_datelines_and_player_labels_go_prose_stays():
    assert strip_dateline("NEW YORK (Reuters) - Shares rose.") == "Shares rose."
    assert strip_dateline("(CNN) The vote was close.") == "The vote was close."
    assert strip_dateline("Obama (D) - Illinois") == "Obama (D) - Illinois"
    assert "Replay" not in strip_inline("JUST WATCHED The ruling Replay More Videos ... MUST WATCH The ruling")


@pytest.mark.parametrize("kwargs, message", [
    ({"min_articles": 1}, "min_articles=1"), ({"min_share": 2}, "min_share=2"), ({"template_share": 0}, "template_share=0"),
])
def test_bad_options_name_the_value(kwargs, message):
    with pytest.raises(ValueError, match=message):
        detect_boilerplate(corpus(), **kwargs)


def test_a_passage_one_article_repeats_goes_the_rest_of_the_line_stays():
    slides = " ".join(f"Slide {i} of 9 Photos: Floods along the river in pictures – Caption number {w} shows water."
                      for i, w in enumerate(["one", "two", "three", "four"]))
    prose = " ".join(["The river rose two metres overnight and the county closed the old bridge to traffic."] * 1
                     + ["Farmers moved their cattle to higher fields before dawn, and volunteers filled sandbags."] * 2)
    article = Article(id="g", outlet="Gazette", text=f"{prose} {slides}")
    model = detect_boilerplate([article])
    text, removed = model.clean_text(article.text, "Gazette")
    assert "in pictures" not in text and removed == 4
    assert "Caption number three shows water" in text and "closed the old bridge" in text
    assert text.count("Farmers moved their cattle") == 2  # twice is not three times
