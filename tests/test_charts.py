"""Chart functions are pure and tested by their compiled spec, not by image snapshots."""
import json

import pytest

from survey.analysis import results
from survey.model.state import View
from survey.output import charts
from survey.texts.i18n import t


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
    text = spec_of(charts.share_bars(one_group, lang="nb"))["layer"][3]["encoding"]["text"]
    assert text["field"] == "label_text"


def test_presentation_mode_uses_larger_type(one_group):
    small = spec_of(charts.share_bars(one_group, lang="nb"))["config"]["axis"]["labelFontSize"]
    large = spec_of(charts.share_bars(one_group, lang="nb", large=True))["config"]["axis"]["labelFontSize"]
    assert large > small


def as_altair(spec: dict) -> dict:
    """A spec of share_spec less what only Streamlit's in-place updates need (charts.READER, its last layer)."""
    assert spec["layer"][-1] == charts.READER
    return {**spec, "layer": spec["layer"][:-1]}


@pytest.mark.parametrize("large", [False, True])
def test_the_reused_spec_is_the_altair_charts_with_the_frames_numbers(seed_db, codebook, large):
    for view, question in [(View(), "private_channels"), (View(lang="en", by="gender"), "company_use"),
                           (View(by="age_group"), "challenges")]:
        frame = results.shares(question, view, codebook, db=seed_db).frame
        expected = charts.share_bars(frame, lang=view.lang, title="T", large=large).to_dict()
        spec = as_altair(charts.share_spec(frame, lang=view.lang, title="T", large=large))
        assert spec["datasets"][charts.DATA].equals(charts.marks(frame))
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
    assert len(two["datasets"][charts.DATA]) == len(fewer) and len(three["datasets"][charts.DATA]) == len(women)


def test_frames_of_one_form_share_a_spec_each_with_its_own_labels_and_colours(seed_db, codebook):
    frame = results.shares("company_use", View(by="gender"), codebook, db=seed_db).frame
    other = frame.assign(group_label=frame["group_label"] + " (B)", option_label="«" + frame["option_label"] + "»",
                         color=frame["color"].map({c: f"#00000{i}" for i, c in enumerate(frame["color"].unique())}))
    assert charts.form(frame, lang="nb", title="T", large=False) == \
        charts.form(other, lang="nb", title="U", large=False)
    for shown, title in ((frame, "T"), (other, "U"), (frame, "T")):
        spec = as_altair(charts.share_spec(shown, lang="nb", title=title))
        expected = charts.share_bars(shown, lang="nb", title=title).to_dict()
        assert {k: v for k, v in spec.items() if k not in ("data", "datasets")} == \
               {k: v for k, v in expected.items() if k not in ("data", "datasets")}


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
    assert [layer["mark"].get("aria") for layer in layers[1:]] == [False, False, False, False]


def test_relabelled_bars_are_heard_by_their_new_labels(seed_db, codebook):
    """The composition (sample beside population) and the trend relabel groups and answers after the texts are
    made: what a screen reader hears follows the labels shown."""
    composition = results.composition("gender", View(), codebook, db=seed_db).frame
    trend_like = results.relabelled(results.shares("private_use", View(), codebook, db=seed_db).frame,
                                    option_label="Privat bruk")
    for frame in (composition, trend_like):
        for row in frame.itertuples():
            assert row.aria_text.startswith(f"{row.option_label}, {row.group_label}: {row.pct_text}")
    assert set(composition["group_label"]) == {t("composition_sample"), t("composition_population")}


@pytest.fixture(scope="module")
def by_industry(seed_db, codebook):
    return results.shares("private_channels", View(by="industry"), codebook, db=seed_db)


def test_the_legend_shows_every_group_whole_at_any_width(by_industry):
    frame = by_industry.frame
    legend = charts.share_spec(frame, lang="nb", title="T")["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == {"expr": f"max(1, floor(width / {charts.LEGEND_ENTRY}))"}  # rows as the width needs
    assert legend["labelLimit"] == charts.LEGEND_ENTRY - charts.SYMBOL
    longest = "Offentlig forvaltning, undervisning, helse og omsorg"
    assert longest in set(frame["group_label"]) and " ".join(charts.wrapped(longest)) == longest
    assert json.dumps(charts.wrapped(longest), ensure_ascii=False) in legend["labelExpr"]  # in lines, not cut
    for label in frame["group_label"].unique():
        assert all(len(line) * 0.5 * 13 <= legend["labelLimit"] for line in charts.wrapped(label))


def test_a_figures_legend_has_a_column_count_and_room_for_its_lines(by_industry):
    frame = by_industry.frame
    spec = spec_of(charts.figure(frame, lang="nb", title="T", selection="S", lines=["L"], notice="N"))
    legend = spec["vconcat"][0]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == charts.legend_columns(charts.FIGURES["wide"][0] - 2 * charts.PADDING
                                                      - charts.AXIS_EXTENT)
    labels = frame.drop_duplicates("group")["group_label"].tolist()
    assert charts.legend_height(labels, legend["columns"]) > charts.LEGEND_ROW * -(-len(labels) // legend["columns"])


def test_a_faded_bar_keeps_its_groups_colour_as_its_outline(by_gender):
    bars = spec_of(charts.share_bars(by_gender, lang="en"))["layer"][0]
    assert bars["encoding"]["stroke"]["scale"] == bars["encoding"]["color"]["scale"]
    assert bars["encoding"]["stroke"]["legend"] is None and "fillOpacity" in bars["encoding"]


def test_the_interval_is_a_dark_line_on_a_light_halo(one_group):
    bars, halo, interval, _ = spec_of(charts.share_bars(one_group, lang="nb"))["layer"]
    for layer in (halo, interval):
        assert layer["mark"]["type"] == "rule"
        assert (layer["encoding"]["x"]["field"], layer["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert halo["mark"]["color"] == "#ffffff" and halo["mark"]["strokeWidth"] > interval["mark"]["strokeWidth"] + 2
    assert interval["mark"]["color"] == charts.INTERVAL


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_show_data_is_the_readers_table_in_the_language(seed_db, codebook, lang):
    result = results.shares("private_channels", View(lang=lang, by="gender"), codebook, db=seed_db)
    datasets = charts.share_spec(result.frame, lang=lang, title="T")["datasets"]
    assert list(datasets) == [charts.TABLE, charts.DATA]  # Streamlit's "Show data" shows the first
    table = datasets[charts.TABLE].reset_index()  # the answer is the index: no row numbers beside it
    assert list(table.columns) == [t(key, lang) for key in charts.SHOWN.values()]
    assert len(table) == len(result.frame)
    ids = set(result.frame["group"]) | set(result.frame["option"])
    assert not ids & set(table.to_numpy().ravel())  # labels, not ids
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())  # numbers written as the language writes
    share = table[t("tooltip_share", lang)]
    assert share.str.fullmatch(r"\d+,\d\u00a0%" if lang == "nb" else r"\d+\.\d%").all()
    if lang == "nb":
        assert not table[t("tooltip_ci", lang)].str.contains(r"\d\.\d").any()
    first = result.frame.sort_values(["option_rank", "group_position"]).iloc[0]
    assert table.iloc[0].tolist()[:3] == [first["option_label"], first["group_label"], first["pct_text"]]


@pytest.mark.parametrize("view", [View(), View(by="gender"), View(by="region", lang="en")])
def test_every_dataset_of_a_chart_is_data_of_its_vega_view(seed_db, codebook, view):
    """Streamlit updates a drawn chart by handing each dataset to the Vega view by name: a dataset that the
    compiled view does not hold stops the update, and the bars keep the numbers drawn before (the browser
    tests of tests/test_browser_redraw.py see it drawn)."""
    import json

    import vl_convert

    result = results.shares("private_channels", view, codebook, db=seed_db)
    spec = charts.share_spec(result.frame, lang=view.lang, title="T")
    spec["datasets"] = {name: json.loads(data.to_json(orient="records")) for name, data in spec["datasets"].items()}
    compiled = {data["name"] for data in vl_convert.vegalite_to_vega(spec)["data"]}
    assert set(spec["datasets"]) <= compiled


def test_the_marks_read_no_ids_and_the_tooltips_speak_the_language(seed_db, codebook):
    result = results.shares("private_channels", View(by="gender"), codebook, db=seed_db)
    spec = as_altair(charts.share_spec(result.frame, lang="nb", title="T"))
    marks = spec["datasets"][charts.DATA]
    assert not {"group", "option", "group_position", "option_rank", "color", "w2_base", "n", "base_n"} & set(marks)
    read = {channel["field"] for layer in spec["layer"] for channel in layer["encoding"].values()
            if isinstance(channel, dict) and "field" in channel}
    read |= {tip["field"] for layer in spec["layer"] for tip in layer["encoding"]["tooltip"]}
    assert read - {"end"} <= set(marks)  # every column the marks read is sent ("end" is calculated)
    tooltip = spec["layer"][0]["encoding"]["tooltip"]
    assert [tip["title"] for tip in tooltip] == ["Svar", "Gruppe", "Andel", "Intervall", "Antall", "Grunnlag",
                                                 "Merknad"]
    assert {tip["field"] for tip in tooltip} <= set(marks) and all(tip["type"] == "nominal" for tip in tooltip)


def test_a_composition_chart_ends_its_axis_past_its_largest_share(seed_db, codebook):
    """The sample beside the population by company size: every share under 70 %, so the axis stops at the next
    ten past the largest (the bars fill the chart); a chart of answers keeps 0–100."""
    result = results.composition("company_size", View(), codebook, db=seed_db)
    top = max(result.frame["pct"].max(), result.frame["ci_high"].max())
    spec = charts.share_spec(result.frame, lang="nb", title=result.title)
    domains = {tuple(layer["encoding"]["x"]["scale"]["domain"]) for layer in spec["layer"]
               if "scale" in layer.get("encoding", {}).get("x", {})}
    assert domains == {(0, 10 * (int(top) // 10) + 10)} and top < 70
    answers = results.shares("private_use", View(), codebook, db=seed_db).frame
    assert charts.axis_top(answers) == 100
