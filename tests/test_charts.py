"""Chart functions are pure and tested by their compiled spec, not by image snapshots."""
import json

import pytest

from survey import charts, results
from survey.state import View


def spec_of(chart) -> dict:
    return json.loads(chart.to_json())


@pytest.fixture(scope="module")
def one_group(seed_db, codebook):
    return results.shares("private_channels", View(), codebook, db=seed_db).frame


@pytest.fixture(scope="module")
def by_gender(seed_db, codebook):
    return results.shares("private_channels", View(lang="en", by="gender"), codebook, db=seed_db).frame


def test_percent_axis_tooltip_with_base_and_n(one_group):
    spec = spec_of(charts.share_bars(one_group, lang="nb", title="Kanaler"))
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["field"] == "pct" and bars["x"]["scale"]["domain"] == [0, 100]
    assert bars["x"]["title"] == "Andel (%)"
    assert [t["field"] for t in bars["tooltip"]] == ["option_label", "group_label", "pct_text", "ci_text", "count_text",
                                                     "base_text", "note_text"]
    assert spec["title"] == "Kanaler"
    assert "yOffset" not in bars and bars["color"]["legend"] is None


def test_options_sorted_as_the_result_ranks_them(one_group):
    bars = spec_of(charts.share_bars(one_group, lang="nb"))["layer"][0]["encoding"]
    assert bars["y"]["sort"][:4] == ["Facebook", "YouTube", "LinkedIn", "Twitter"]


def test_compare_by_gives_grouped_bars_in_fixed_colours(by_gender):
    spec = spec_of(charts.share_bars(by_gender, lang="en"))
    bars = spec["layer"][0]["encoding"]
    assert bars["yOffset"]["field"] == "group_label"
    assert bars["color"]["scale"]["domain"] == ["Male", "Female", "Not stated"]
    assert bars["color"]["scale"]["range"] == by_gender.drop_duplicates("group")["color"].tolist()
    assert bars["x"]["title"] == "Share (%)"


def test_labels_show_the_share_as_the_language_writes_it(one_group):
    text = spec_of(charts.share_bars(one_group, lang="nb"))["layer"][2]["encoding"]["text"]
    assert text["field"] == "label_text"


def test_presentation_mode_uses_larger_type(one_group):
    small = spec_of(charts.share_bars(one_group, lang="nb"))["config"]["axis"]["labelFontSize"]
    large = spec_of(charts.share_bars(one_group, lang="nb", large=True))["config"]["axis"]["labelFontSize"]
    assert large > small


@pytest.mark.parametrize("large", [False, True])
def test_the_reused_spec_is_the_altair_charts_with_the_frames_numbers(seed_db, codebook, large):
    for view, question in [(View(), "private_channels"), (View(lang="en", by="gender"), "company_use"),
                           (View(by="age_group"), "challenges")]:
        frame = results.shares(question, view, codebook, db=seed_db).frame
        expected = charts.share_bars(frame, lang=view.lang, title="T", large=large).to_dict()
        spec = charts.share_spec(frame, lang=view.lang, title="T", large=large)
        assert spec["datasets"][charts.DATA] is frame
        name = expected["data"]["name"]
        assert {k: v for k, v in spec.items() if k not in ("data", "datasets")} == \
               {k: v for k, v in expected.items() if k not in ("data", "datasets")}
        assert spec["data"] == {"name": charts.DATA} and list(expected["datasets"]) == [name]


def test_a_frame_of_another_shape_gets_its_own_spec(seed_db, codebook):
    women = results.shares("company_use", View(by="gender"), codebook, db=seed_db).frame
    fewer = women[women["group"] != "not_stated"]
    two = charts.share_spec(fewer, lang="nb", title="T")
    assert two["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Mann", "Kvinne"]
    three = charts.share_spec(women, lang="nb", title="T")
    assert three["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Mann", "Kvinne", "Ikke oppgitt"]
    assert two["datasets"][charts.DATA] is fewer and three["datasets"][charts.DATA] is women


@pytest.mark.parametrize("lang, words", [("nb", "liggende stolper"), ("en", "horizontal bars")])
def test_each_chart_says_what_it_shows_for_screen_readers(seed_db, codebook, lang, words):
    for view, groups in ((View(lang=lang), None), (View(lang=lang, by="gender"), ("Mann", "Male"))):
        result = results.shares("private_use", view, codebook, db=seed_db)
        said = charts.share_spec(result.frame, lang=lang, title=result.title)["description"]
        assert said.startswith(result.title + ": ") and words in said
        assert all(label in said for label in result.frame["option_label"])
        assert (groups is None) != any(g in said for g in groups or ())


def test_a_screen_reader_hears_each_bar_once_in_words(seed_db, codebook):
    result = results.shares("private_use", View(by="gender"), codebook, db=seed_db)
    first = result.frame.iloc[0]
    assert first["aria_text"].startswith(f"{first['option_label']}, {first['group_label']}: {first['pct_text']}")
    assert first["ci_text"] in first["aria_text"] and "option_label" not in first["aria_text"]
    layers = charts.share_spec(result.frame, lang="nb", title=result.title)["layer"]
    assert layers[0]["encoding"]["description"] == {"field": "aria_text", "type": "nominal"}
    assert [layer["mark"].get("aria") for layer in layers[1:]] == [False, False]
