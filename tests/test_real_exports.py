"""Real exports load as they are: raw Qualtrics and SurveyMonkey exports of a rerun that asked fewer questions
and offered fewer options, an open box coded into a question with its words kept, the app's own export read
back, and a weight delivered with the data."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from survey.analysis import counts
from survey.ingest.imports import build, import_file
from survey.output import exports
from survey.texts.problems import InvalidResponses
from tests.conftest import ROOT
from tests.tool_exports import (
    CHANNELS,
    NOT_ASKED,
    PURPOSES,
    WHY_NOT,
    monkey_grid,
    qualtrics_grid,
    rerun_answers,
    source_rows,
    write_csv,
)

EXAMPLE = ROOT / "data" / "mapping.example.yaml"
ANSWERS = rerun_answers(source_rows())
SINGLES = ("gender", "age_group", "role", "company_size", "region", "private_use", "company_use",
           "marketing_strategy", "guidelines", "guidelines_why_not")


@pytest.fixture
def seed_copy(tmp_path):
    return build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path


def reader(db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"ATTACH '{db}' AS db (READ_ONLY)")
    con.execute("USE db")
    return con


def expected_counts() -> dict:
    """Per question and option, how many of the rerun's respondents chose it."""
    counts: dict = {}
    for q in SINGLES:
        counts[q] = Counter(a[q] for a in ANSWERS if a[q] is not None)
    counts["private_channels"] = Counter(c for a in ANSWERS for c in a["private_channels"] or [])
    counts["company_purposes"] = Counter(p for a in ANSWERS for p in a["company_purposes"] or [])
    return counts


def imported_counts(con, wave: str) -> dict:
    counts = {q: Counter(dict(con.execute(f"SELECT {q}, count(*) FROM responses WHERE wave = ? AND {q} IS NOT NULL "
                                          "GROUP BY 1", [wave]).fetchall())) for q in SINGLES}
    for q, options in (("private_channels", CHANNELS), ("company_purposes", PURPOSES)):
        counts[q] = Counter({o: n for o in options for (n,) in con.execute(
            f"SELECT count(*) FILTER (WHERE {q}__{o}) FROM responses WHERE wave = ?", [wave]).fetchall() if n})
    return counts


def check_rerun(db: Path, before: list) -> None:
    """The rerun is wave 2011 with the expected answers; what it did not ask is NULL and recorded; 2010 as it was."""
    con = reader(db)
    assert imported_counts(con, "2011") == expected_counts()
    for q in NOT_ASKED:
        columns = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = "
                                             "'responses' AND (column_name = ? OR column_name LIKE ? || '\\_\\_%' "
                                             "ESCAPE '\\')", [q, q]).fetchall()]
        assert columns and all(con.execute(f"SELECT count({c}) FROM responses WHERE wave = '2011'").fetchone() == (0,)
                               for c in columns), q
    asked = {q for (q,) in con.execute("SELECT question_id FROM wave_questions WHERE wave = '2011'").fetchall()}
    assert asked.isdisjoint(NOT_ASKED) and {"gender", "private_channels", "guidelines_why_not"} <= asked
    offered = con.execute("SELECT question_id, list(option_id ORDER BY position) FROM wave_options "
                          "WHERE wave = '2011' AND question_id IN ('private_channels', 'company_purposes') "
                          "GROUP BY 1 ORDER BY 1").fetchall()
    assert offered == [("company_purposes", list(PURPOSES)), ("private_channels", list(CHANNELS))]
    # an option the wave did not offer is NULL in the view, not FALSE; the others asked are TRUE or FALSE
    assert con.execute("SELECT count(private_channels__blogs), count(private_channels__facebook) FROM responses "
                       "WHERE wave = '2011'").fetchone() == (0, sum(a["private_channels"] is not None for a in ANSWERS))
    assert con.execute(WAVE_2010).fetchall() == before


WAVE_2010 = ("SELECT COLUMNS(lambda c: c <> 'weight_delivered') FROM responses WHERE wave = '2010' "
             "ORDER BY respondent_id")


def published_2010(db: Path) -> list:
    return reader(db).execute(WAVE_2010).fetchall()


def test_a_raw_qualtrics_export_of_a_shorter_rerun(tmp_path, seed_copy):
    before = published_2010(seed_copy)
    path = write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS))
    result = import_file(path, seed_copy, mapping=EXAMPLE, wave="2011")
    assert (result.waves, result.respondents, result.kept) == (["2011"], 200, {"2010": 847})
    notes = [n.text("en") for n in result.notes]
    assert "industry: not asked in this wave (the file has no column of it); stored as not asked" in notes
    assert ("private_channels: not offered in this wave (the file has no column for them): blogs, myspace, "
            "flickr, nettby, other") in notes
    check_rerun(result.version, before)
    ids = reader(seed_copy).execute("SELECT respondent_id, source_id FROM responses WHERE wave = '2011' "
                                    "ORDER BY 1 LIMIT 2").fetchall()
    assert ids == [(1, "R_0000aBc"), (2, "R_0001aBc")]


def test_a_raw_surveymonkey_export_of_the_rerun(tmp_path, seed_copy):
    """Two header rows; the questions matched by their English texts, the "Why not?" box by the mapping."""
    before = published_2010(seed_copy)
    mapping = tmp_path / "monkey.yaml"
    codes = "\n".join(f"    {code}: [{', '.join(repr(t) for t in texts)}]" for code, texts in WHY_NOT.items())
    mapping.write_text(f'columns:\n  "Why not?": [guidelines_why_not, guidelines_why_not_text]\n'
                       f"values:\n  guidelines_why_not:\n{codes}\n", encoding="utf-8")
    path = write_csv(tmp_path / "monkey.csv", monkey_grid(ANSWERS), "utf-8", ";")
    result = import_file(path, seed_copy, mapping=mapping, wave="2011")
    assert result.respondents == 200
    check_rerun(result.version, before)
    assert reader(seed_copy).execute("SELECT min(source_id) FROM responses WHERE wave = '2011'").fetchone() == (
        "11400000000",)


def test_an_open_box_is_coded_into_the_question_and_its_words_kept(tmp_path, seed_copy):
    path = write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS))
    import_file(path, seed_copy, mapping=EXAMPLE, wave="2011")
    rows = reader(seed_copy).execute("SELECT guidelines_why_not, guidelines_why_not_text FROM responses "
                                     "WHERE wave = '2011' AND guidelines = 'no' ORDER BY respondent_id").fetchall()
    assert rows == [(a["guidelines_why_not"], a["why_not_text"]) for a in ANSWERS if a["guidelines"] == "no"]
    others = {text for code, text in rows if code == "other"}
    assert others == {"Annet", "Andre grunner"}, "several spellings recoded to one option"


def test_an_uncoded_text_is_refused_unless_the_question_may_be_left_unanswered(tmp_path, seed_copy):
    grid = qualtrics_grid(ANSWERS)
    column = grid[0].index("Q13")
    first = next(i for i, row in enumerate(grid[3:], start=3) if row[column])
    grid[first][column] = "Sjefen vil ikke"
    path = write_csv(tmp_path / "qualtrics.csv", grid)
    with pytest.raises(InvalidResponses) as caught:
        import_file(path, seed_copy, mapping=EXAMPLE, wave="2011", dry_run=True)
    assert f"row {first + 1}, column Q13: unknown option: 'Sjefen vil ikke'" in caught.value.report("en")
    grid[first][column] = ""  # left empty: allowed by the example mapping's unanswered
    result = import_file(write_csv(tmp_path / "q2.csv", grid), seed_copy, mapping=EXAMPLE, wave="2011")
    assert ("guidelines_why_not: 1 respondents were asked but did not answer (allowed by the mapping); stored as "
            "not answered") in [n.text("en") for n in result.notes]
    strict = tmp_path / "strict.yaml"
    strict.write_text(EXAMPLE.read_text(encoding="utf-8").replace("unanswered:\n  - guidelines_why_not\n", ""),
                      encoding="utf-8")
    with pytest.raises(InvalidResponses) as caught:
        import_file(write_csv(tmp_path / "q3.csv", grid), seed_copy, mapping=strict, wave="2011")
    assert f"row {first + 1}, column guidelines_why_not: no answer, but the question was asked" in \
        caught.value.report("en")


def test_the_apps_own_export_imports_back_as_a_new_wave(tmp_path, seed_copy):
    """The responses view as Norwegian Excel CSV (the app's CSV writer: semicolons, decimal commas, weights and
    wave, formula-looking texts escaped) imports as a new wave with identical answers; the weights it carries
    are computed again."""
    con = reader(seed_copy)
    frame = con.execute("SELECT * FROM responses ORDER BY respondent_id").df()
    frame.loc[0, "guidelines_why_not_text"] = "-ikke ennå, =sjefen bestemmer"
    path = tmp_path / "svar.csv"
    path.write_bytes(exports.to_csv(frame, lang="nb"))
    assert b";" in path.read_bytes()[:200] and b"'-ikke" in path.read_bytes()
    result = import_file(path, seed_copy, wave="2011")
    assert result.respondents == 847
    notes = [n.text("en") for n in result.notes]
    assert "'weight_company': weights made by this app are computed again from the answers, not read" in notes
    answers = ("SELECT * EXCLUDE (wave, weight_company, weight_person) FROM responses WHERE wave = ? "
               "ORDER BY respondent_id")
    con = reader(seed_copy)
    again = con.execute(answers, ["2011"]).fetchall()
    first = con.execute(answers, ["2010"]).fetchall()
    described = con.execute("SELECT * EXCLUDE (wave, weight_company, weight_person) FROM responses LIMIT 0")
    position = [d[0] for d in described.description].index("guidelines_why_not_text")
    assert again[0][position] == "-ikke ennå, =sjefen bestemmer"
    assert [r[:position] + r[position + 1:] for r in again] == [r[:position] + r[position + 1:] for r in first]
    assert [r[position] for r in again[1:]] == [r[position] for r in first[1:]]
    weights = con.execute("SELECT wave, sum(weight_company), sum(weight_person) FROM responses GROUP BY 1 "
                          "ORDER BY 1").fetchall()
    assert weights[0][1:] == pytest.approx(weights[1][1:])  # the same answers weigh the same


def test_an_xlsx_of_the_responses_view_imports_back(tmp_path, seed_copy):
    frame = reader(seed_copy).execute("SELECT * FROM responses ORDER BY respondent_id LIMIT 120").df()
    path = tmp_path / "svar.xlsx"
    path.write_bytes(exports.to_xlsx(frame, sheet="Svar"))
    result = import_file(path, seed_copy, wave="2011")
    assert result.respondents == 120


def test_a_delivered_weight_becomes_a_weighting_of_its_own(tmp_path, seed_copy):
    from survey.model import codebook as cb
    from survey.model.filters import Filters

    path = write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS))
    import_file(path, seed_copy, mapping=EXAMPLE, wave="2011")
    con = reader(seed_copy)
    schemes = con.execute("SELECT wave, scheme FROM weighting_info ORDER BY 1, 2").fetchall()
    assert schemes == [("2010", "company"), ("2010", "person"), ("2011", "company"), ("2011", "delivered"),
                       ("2011", "person")]
    delivered = [a["weight"] for a in ANSWERS]
    scaled = [w / (sum(delivered) / len(delivered)) for w in delivered]
    stored = [w for (w,) in con.execute("SELECT weight_delivered FROM responses WHERE wave = '2011' "
                                        "ORDER BY respondent_id").fetchall()]
    assert stored == pytest.approx(scaled)
    assert con.execute("SELECT count(weight_delivered) FROM responses WHERE wave = '2010'").fetchone() == (0,)
    # the effective n of the private-use chart under the delivered weights, against a hand computation
    params = Filters({"wave": ("2011",)}).params(cb.load())
    frame = counts.shares([("private_use", ["none"])], weights="delivered", db=seed_copy, **params)[0]
    row = frame[frame["option"] == "yes"].iloc[0]
    n_eff = sum(scaled) ** 2 / sum(w * w for w in scaled)
    assert row["w_base"] ** 2 / row["w2_base"] == pytest.approx(n_eff)
    users = [w for w, a in zip(scaled, ANSWERS) if a["private_use"] == "yes"]
    assert row["pct"] == pytest.approx(100 * sum(users) / sum(scaled))
    from survey.stats.estimates import annotate
    assert annotate(frame, 95)["n_eff"].iloc[0] == pytest.approx(n_eff)


def test_bad_delivered_weights_are_reported(tmp_path, seed_copy):
    grid = qualtrics_grid(ANSWERS)
    column = grid[0].index("Vekt")
    grid[5][column], grid[9][column] = "-1", "mye"
    with pytest.raises(InvalidResponses) as caught:
        import_file(write_csv(tmp_path / "q.csv", grid), seed_copy, mapping=EXAMPLE, wave="2011")
    report = caught.value.report("en")
    assert "row 6, column Vekt: '-1' is not a weight: a positive number is needed" in report
    assert "row 10, column Vekt: 'mye' is not a weight" in report


def test_the_report_in_both_languages(tmp_path, seed_copy):
    path = write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS))
    from tests.test_figures import cli

    norsk = cli("import", str(path), "--mapping", str(EXAMPLE), "--wave", "2011", "--db", str(seed_copy),
                "--dry-run").stdout
    assert "Merknader:" in norsk and "- industry: ikke spurt om i denne bølgen" in norsk
    assert "qualtrics.csv er gyldig: bølge 2011, 200 respondenter" in norsk
    english = cli("import", str(path), "--mapping", str(EXAMPLE), "--wave", "2011", "--db", str(seed_copy),
                  "--dry-run", "--lang", "en").stdout
    assert "Notes:" in english and "- industry: not asked in this wave" in english
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text(encoding="utf-8-sig").replace("Kvinne", "Dame"), encoding="utf-8")
    failed = cli("import", str(bad), "--mapping", str(EXAMPLE), "--wave", "2011", "--db", str(seed_copy),
                 check=False)
    assert failed.returncode == 1 and "kolonne Q1: ukjent svaralternativ: 'Dame'" in failed.stderr
    assert failed.stderr.strip().endswith("ingenting ble skrevet.")


def test_a_killed_import_leaves_leftovers_that_the_next_import_removes(tmp_path, seed_copy):
    import signal
    import subprocess
    import sys
    import time

    from survey.ingest import versions

    big = tmp_path / "big.csv"
    rows = (ROOT / "data" / "responses.csv").read_text(encoding="utf-8").splitlines()
    body = [line.replace(",2010,", ",2011,", 1) for line in rows[1:]]
    big.write_text("\n".join([rows[0]] + [f"{n}{line[line.index(','):]}" for n, line in
                                          enumerate(body * 120, start=1)]) + "\n", encoding="utf-8")
    folder = versions.folder(seed_copy)
    for attempt in range(20):
        process = subprocess.Popen([sys.executable, "-m", "survey", "import", str(big), "--db", str(seed_copy)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        building = None
        for _ in range(400):
            building = [p for p in folder.iterdir() if ".building" in p.name]
            if building or process.poll() is not None:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if [p for p in folder.iterdir() if ".building" in p.name]:
            break
    left = [p for p in folder.iterdir() if ".building" in p.name]
    assert left, "a killed import left its half-written file"
    assert reader(seed_copy).execute("SELECT count(*) FROM responses").fetchone()[0] in (847, 847 + 847 * 120)
    import_file(write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS)), seed_copy, mapping=EXAMPLE,
                wave="2012")
    assert not [p for p in folder.iterdir() if ".building" in p.name], "the next import removed them"


def test_delivered_weights_on_the_command_line(tmp_path, seed_copy):
    from tests.test_figures import cli

    import_file(write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(ANSWERS)), seed_copy, mapping=EXAMPLE,
                wave="2011")
    out = cli("crosstab", "private_use", "--by", "gender", "--where", "wave=2011", "--weights", "delivered",
              "--format", "json", "--db", str(seed_copy)).stdout
    assert '"group": "male"' in out
    refused = cli("crosstab", "private_use", "--by", "gender", "--weights", "delivered", "--db", str(seed_copy),
                  check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "the weighting 'delivered' is not available for waves 2010, 2011; use one of none, company, person" in \
        refused.stderr
