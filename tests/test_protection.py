"""Cell key perturbation (survey.stats.protection): the noise itself, the keys in the database, and the setting."""
from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pytest

import queries
from survey.analysis import counts, results
from survey.ingest.imports import build, import_file
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.stats import protection
from tests.conftest import ROOT, SMALL_CSV

pytestmark = pytest.mark.usefixtures("project_rules")
CODEBOOK = cb.load()


def test_the_cell_keys_pick_the_offsets_with_their_stated_chances():
    picked = protection.offsets(np.arange(protection.KEY_RANGE))
    for offset, chance in zip(protection.OFFSETS, protection.CHANCES):
        assert (picked == offset).mean() == pytest.approx(chance, abs=1 / protection.KEY_RANGE)
    assert protection.VARIANCE == pytest.approx(1.6)
    assert max(protection.CHANCES) <= 0.3  # an exact count less one published count is right at most 30 % of the time
    assert protection.exact_chance(2) == pytest.approx(0.215)


def test_a_count_stays_on_its_side_of_the_threshold_and_zero_stays_zero():
    keys = np.arange(0, protection.KEY_RANGE, 97)
    for count in range(0, 40):
        published = protection.perturb(np.full(len(keys), count), keys, 10)
        if count == 0:
            assert (published == 0).all()
        elif count < 10:
            assert published.min() >= 0 and published.max() <= 9
        else:
            assert published.min() >= 10
        assert np.abs(published - count).max() <= 2
    assert protection.perturb([7, 25], [math.nan, math.nan], 10).tolist() == [7, 25]  # exact waves only


def test_the_chances_of_an_error_match_perturb():
    keys = np.arange(protection.KEY_RANGE)
    for count in (1, 5, 9, 10, 11, 30):
        errors = protection.perturb(np.full(len(keys), count), keys, 10) - count
        for error, chance in protection.offset_chances(count, 10).items():
            assert (errors == error).mean() == pytest.approx(chance, abs=1e-3)


def test_publish_perturbs_each_count_by_its_key_and_scales_the_weighted_sums():
    frame = pd.DataFrame({"n": [20, 30, 0], "base_n": [30, 30, 5], "w_n": [40.0, 60.0, 0.0],
                          "w_base": [60.0, 60.0, 10.0], "w2_base": [120.0, 120.0, 20.0], "pct": [0.0, 0.0, 0.0],
                          "n_key": [65535, 100, None], "base_n_key": [100, 100, 7]})
    out = protection.publish(frame, 10)
    assert "n_key" not in out and "base_n_key" not in out
    assert out["n"].tolist() == [22, 28, 0] and out["base_n"].tolist() == [28, 28, 3]
    assert out["n"].tolist()[1] == out["base_n"].tolist()[1]  # the same people, one key, one number
    assert out["w_n"].tolist() == pytest.approx([40 * 22 / 20, 60 * 28 / 30, 0])
    assert out["w_base"].tolist() == pytest.approx([60 * 28 / 30, 60 * 28 / 30, 10 * 3 / 5])
    assert out["pct"].tolist() == pytest.approx(100 * out["w_n"] / out["w_base"])
    capped = protection.publish(pd.DataFrame({"n": [29], "base_n": [30], "n_key": [65535], "base_n_key": [0]}), 10)
    assert capped["n"].iloc[0] <= capped["base_n"].iloc[0]
    plain = pd.DataFrame({"n": [3]})
    assert protection.publish(plain, 10) is plain  # nothing to perturb: as it was


@pytest.mark.parametrize("setting, exact", [("imported", ["2010"]), ("all", []), ("none", ["2010", "2011"]),
                                            (["2011"], ["2010"]), (["2010"], ["2011"])])
def test_the_setting_says_which_waves_are_exact(tmp_path, setting, exact):
    rules = tmp_path / "statistics.yaml"
    rules.write_text(f"perturbation: {setting if isinstance(setting, str) else setting}\n".replace("'", '"'))
    waves = pd.DataFrame({"wave": ["2010", "2011"], "reconstructed": [True, False]})
    assert protection.load(rules).exact_waves(waves) == exact


def test_an_unknown_setting_is_a_sentence(tmp_path):
    rules = tmp_path / "statistics.yaml"
    rules.write_text("perturbation: sometimes\n")
    with pytest.raises(ValueError, match="perturbation must be one of imported, all, none or a list of waves"):
        protection.load(rules)


def test_the_project_perturbs_imported_waves_and_keeps_the_reconstruction_exact():
    assert protection.load(ROOT / "data" / "statistics.yaml") == protection.Perturbation("imported")


@pytest.fixture(scope="module")
def two_imports(tmp_path_factory):
    """The reconstruction, then wave 2011 and wave 2012 (the small fixture each) imported one after the other;
    the keys of wave 2011 read before and after the second import."""
    folder = tmp_path_factory.mktemp("keys")
    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    text = SMALL_CSV.read_text(encoding="utf-8")
    for wave in ("2011", "2012"):
        (folder / f"{wave}.csv").write_text(text.replace(",2010,", f",{wave},"), encoding="utf-8")
    import_file(folder / "2011.csv", db)
    first = keys(db, "2011")
    import_file(folder / "2012.csv", db)
    return db, first


def keys(db, wave: str) -> list[int]:
    con = duckdb.connect(str(db.resolve()), read_only=True)
    try:
        return [k for (k,) in con.execute("SELECT record_key FROM respondents WHERE wave = ? ORDER BY respondent_id",
                                          [wave]).fetchall()]
    finally:
        con.close()


def test_every_respondent_gets_a_random_key_kept_in_later_versions(two_imports):
    db, first = two_imports
    assert keys(db, "2011") == first  # the second import copied them with the answers
    assert len(set(first)) == len(first) == 10 and all(0 <= k < protection.KEY_RANGE for k in first)
    assert keys(db, "2012") != first  # drawn anew for new respondents, not derived from what they answered
    seed = keys(db, "2010")
    assert 0.4 * protection.KEY_RANGE < np.mean(seed) < 0.6 * protection.KEY_RANGE


def test_the_key_is_never_in_the_responses_view(two_imports):
    db, _ = two_imports
    con = duckdb.connect(str(db.resolve()), read_only=True)
    try:
        columns = [c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE responses)").fetchall()]
    finally:
        con.close()
    assert "record_key" not in columns


def test_imported_counts_have_noise_and_the_reconstructions_are_exact(two_imports):
    db, _ = two_imports
    results.clear_cache()
    assert counts.exact_waves(db) == ["2010"]
    seed = counts.run("respondent_count", db=db, **Filters({"wave": ("2010",)}).params(CODEBOOK))["n"].iloc[0]
    assert seed == 847
    frame = counts.shares([("private_use", ["wave"])], weights="none", db=db, **Filters().params(CODEBOOK))[0]
    con = duckdb.connect(str(db.resolve()), read_only=True)
    try:
        truth = con.execute("SELECT count(*) FILTER (private_use = 'yes'), count(*) FILTER (private_use = 'no') "
                            "FROM respondents WHERE wave = '2010'").fetchone()
    finally:
        con.close()
    assert frame[frame["group"] == "2010"]["n"].tolist() == list(truth)  # the reconstruction's, exact
    assert set(frame.columns) == set(queries.SHARE_COLUMNS)  # no key leaves the query layer



class Recording:
    """Rules that publish as `rules` do and note the columns of each result they are given."""

    def __init__(self, rules: protection.Rules) -> None:
        self.rules, self.given = rules, []

    def exact_waves(self, waves):
        return self.rules.exact_waves(waves)

    def unions(self, selected, exact):
        return self.rules.unions(selected, exact)

    def publish(self, frame, blocks=None):
        self.given.append(set(frame.columns))
        return self.rules.publish(frame, blocks)


def test_the_loader_publishes_by_the_rules_it_is_given_and_takes_no_call_without_them(two_imports):
    db, _ = two_imports
    params = Filters({"wave": ("2011",)}).params(CODEBOOK)
    for call in (lambda: queries.run("respondent_count", db=db, **params),
                 lambda: queries.shares([("private_use", ["none"])], weights="none", db=db, **params),
                 lambda: queries.exact_waves(db=db)):
        with pytest.raises(TypeError, match="rules"):
            call()
    queries.clear_cache()
    first, second = Recording(protection.rules()), Recording(protection.rules())
    for rules in (first, second):  # other rules, another kept result: the first's is not handed to the second
        frame = queries.shares([("private_use", ["none"])], weights="none", rules=rules, db=db, **params)[0]
        assert rules.given == [rules.given[0]] and {"n_key", "base_n_key", "selected_key"} <= rules.given[0]
        assert not any(column.endswith("_key") for column in frame.columns)
    exact = protection.Rules(protection.Perturbation("none"), protection.rules().min_group)
    assert queries.run("respondent_count", rules=exact, db=db, **params)["n"].iloc[0] == 10  # the true count
    published = counts.run("respondent_count", db=db, **params)  # the core's door: the rules in force
    pd.testing.assert_frame_equal(published, queries.run("respondent_count", rules=protection.rules(), db=db,
                                                         **params))
    assert 10 <= published["n"].iloc[0] <= 12  # moved by its offset, kept at or above the threshold


def test_an_old_database_gets_its_keys_on_upgrade(tmp_path):
    from survey.cli import main

    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    con = duckdb.connect(str(db.resolve()))
    con.execute("ALTER TABLE respondents DROP COLUMN record_key")
    con.close()
    with pytest.raises(queries.OutdatedDatabase, match="record_key"):
        counts.run("respondent_count", db=db, **Filters().params(CODEBOOK))
    assert main(["upgrade", "--db", str(db)]) == 0
    assert len(set(keys(db, "2010"))) > 1


def test_the_method_page_tables_say_nothing_of_a_wave_with_noise(tmp_path):
    """Wave 2011 has noise: it is never shown weighted, and how its weighting went (its margins, targets and
    gaps, its design effect) would tell of its true counts, so the weighting tables hold the reconstruction's
    rows alone."""
    from survey.analysis import dataset, method
    from survey.texts.i18n import t
    from tests.test_waves_app import make_two_waves

    db = make_two_waves(tmp_path)
    assert dataset.weight_schemes(("2011",), db) == ["none"] and dataset.weight_schemes((), db) == ["none"]
    assert "person" in dataset.weight_schemes(("2010",), db)
    margins = method.weighting_margins("en", CODEBOOK, db)
    assert set(margins[t("wave", "en")]) == {"2010"} and len(margins) == 23
    assert set(method.weighting_table("en", db)[t("wave", "en")]) == {"2010"}
    with pytest.raises(queries.QueryError, match="not published for waves with noise"):
        counts.run("group_count", db=db, by=["gender"], weights="person",
                   **Filters({"wave": ("2011",)}).params(CODEBOOK))


def test_a_union_reaching_a_wave_with_noise_is_refused(tmp_path):
    """Several options of one filter (or two waves with noise) make a union, and the unions of a small group with
    the others are many different sets to average over: refused where the selection reaches a wave with noise,
    allowed where every wave it reaches is exact."""
    from tests.test_waves_app import make_two_waves

    db = make_two_waves(tmp_path)
    for selected in ({"gender": ("male", "female")}, {"wave": ("2010", "2011"), "role": ("leader", "manager")}):
        with pytest.raises(queries.QueryError, match="one option"):
            counts.run("respondent_count", db=db, **Filters(selected).params(CODEBOOK))
    for selected in ({"company_use": ("yes",)}, {"wave": ("2011",), "private_channels": ("facebook",)}):
        with pytest.raises(queries.QueryError, match="filters on answers are not offered"):
            counts.run("respondent_count", db=db, **Filters(selected).params(CODEBOOK))
    exact = Filters({"wave": ("2010",), "gender": ("male", "female")}).params(CODEBOOK)
    assert counts.run("respondent_count", db=db, **exact)["n"].iloc[0] > 0
    one_noisy = Filters({"wave": ("2010", "2011"), "gender": ("male",)}).params(CODEBOOK)
    assert counts.run("respondent_count", db=db, **one_noisy)["n"].iloc[0] > 0


def test_narrowing_keeps_one_option_and_the_exact_waves():
    assert protection.narrowed({"gender": ("male", "female"), "wave": ("2010", "2011", "2012")}, {"2011", "2012"}) == \
        ({"gender": ("male",), "wave": ("2010", "2011")}, ["gender", "wave"])
    assert protection.narrowed({"gender": ("male", "female")}, set()) == ({"gender": ("male", "female")}, [])
    assert protection.unions({"wave": ("2010", "2011"), "role": ("leader",)}, {"2010"}) == []


def test_the_method_page_says_the_reconstruction_alone_is_exact(seed_db):
    from survey.analysis import method
    from survey.texts.i18n import t

    for lang in ("nb", "en"):
        assert method.perturbation_waves(lang, seed_db) == t("perturbation_reconstructed_only", lang)


def test_a_selection_by_answers_of_the_reconstruction_stays_exact_beside_a_wave_with_noise(two_imports):
    """Filters on answers only add lines to the segment: on the reconstruction the count under them is exact
    (on a wave with noise they are refused: test_a_union_reaching_a_wave_with_noise_is_refused)."""
    db, _ = two_imports
    results.clear_cache()
    con = duckdb.connect(str(db.resolve()), read_only=True)
    try:
        filters = Filters({"wave": ("2010",), "company_use": ("yes",), "private_channels": ("facebook",)})
        n = counts.run("respondent_count", db=db, **filters.params(CODEBOOK))["n"].iloc[0]
        (count,) = con.execute("SELECT count(*) FROM respondents WHERE wave = '2010' AND company_use = 'yes' "
                               "AND list_contains(private_channels, 'facebook')").fetchone()
        assert n == count
    finally:
        con.close()


def test_the_answers_of_a_single_choice_question_add_up_to_the_published_base(two_imports):
    """On a wave with noise the options of a single-choice question, summed, are the group's published base: they
    are no second estimate of its size (one per question, to average) beside it."""
    db, _ = two_imports
    results.clear_cache()
    frames = counts.shares([("private_use", ["none", "gender"]), ("company_use", ["none", "gender"]),
                             ("private_channels", ["none"])], weights="none", db=db,
                           **Filters({"wave": ("2011",)}).params(CODEBOOK))
    for frame in frames[:2]:
        sums = frame.groupby(["split", "group"]).agg(n=("n", "sum"), base_n=("base_n", "first"))
        assert (sums["n"] == sums["base_n"]).all(), sums
    block = pd.DataFrame({"n": [5, 3, 2, 0], "base_n": [10] * 4})

    def spread(published, base):
        return protection.additive(block, np.array(published, dtype=float), np.array([base] * 4, dtype=float),
                                   pd.Series(["a"] * 4), 10).tolist()

    assert spread([7, 4, 0, 0], 10) == [6, 4, 0, 0]  # the largest first
    assert spread([7, 4, 0, 0], 14) == [8, 5, 1, 0]  # round: a true 2 shown as 0 may become 1, a true 0 never
    assert spread([9, 9, 9, 0], 30) == [9, 9, 9, 0]  # each kept under 10: what cannot be moved stays


def test_the_count_of_free_texts_is_the_number_a_chart_of_the_same_people_shows(tmp_path):
    """The caption above the free texts counts people: with noise, by their cell key as every other count of people,
    so that any output counting the same people shows the same number (not a true count beside a noisy one). A
    search counts the texts it lists."""
    from survey.model.state import View

    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    header, *rows = (ROOT / "data" / "responses.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "2011.csv").write_text("\n".join([header,
                                                  *(r.replace(",2010,", ",2011,", 1) for r in rows[:300])]) + "\n",
                                       encoding="utf-8")
    import_file(tmp_path / "2011.csv", db)
    con = duckdb.connect(str(db.resolve()), read_only=True)
    try:
        rows = con.execute("SELECT count(*), sum(record_key) FROM respondents "
                           "WHERE wave = '2011' AND guidelines_why_not_text IS NOT NULL").fetchone()
    finally:
        con.close()
    assert rows[0] >= 10
    view = View(filters=Filters({"wave": ("2011",)}))
    results.clear_cache()
    shown = results.why_not_count(view, CODEBOOK, db=db)
    assert shown == protection.perturb([rows[0]], [rows[1]], 10)[0]  # the cell key of these people: their number
    assert results.why_not_count(view, CODEBOOK, "e", db=db) == len(results.why_not_texts(view, CODEBOOK, "e", db=db))
