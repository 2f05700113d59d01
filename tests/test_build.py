"""The build: the data contract, typed tables, the codebook as tables, atomic publishing, bad data refused."""
import csv
import io

import duckdb
import pytest

from survey.analysis import counts
from survey.base.paths import RESPONSES
from survey.ingest import build as build_module
from survey.ingest import versions
from survey.ingest.build import BuildError
from survey.ingest.imports import build
from survey.ingest.validate import InvalidResponses
from tests.conftest import SMALL_CSV


def read_only(path):
    return duckdb.connect(str(path), read_only=True)


def fresh_reader(path):
    """A reader that opens the file anew (duckdb.connect would reuse an instance already open on the path)."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{path}' AS fresh (READ_ONLY)")
    con.execute("USE fresh")
    return con


def test_responses_view_follows_the_data_contract(seed_db, codebook):
    con = read_only(seed_db)
    columns = [r[0] for r in con.execute("DESCRIBE responses").fetchall()]
    assert columns == ["respondent_id", "wave", "source_id", *codebook.columns()[2:], "weight_company", "weight_person"]
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'responses'").fetchall())
    assert types["private_channels__facebook"] == "BOOLEAN"
    assert types["weight_company"] == types["weight_person"] == "DOUBLE"
    assert types["guidelines_why_not_text"] == "VARCHAR"


def test_null_where_not_asked_false_where_not_chosen(seed_db):
    con = read_only(seed_db)
    by_use = dict(con.execute("SELECT private_use, count(private_channels__facebook) FROM responses "
                              "GROUP BY 1").fetchall())
    assert by_use["no"] == 0 and by_use["yes"] > 0
    not_chosen = con.execute("SELECT count(*) FROM responses WHERE private_use = 'yes' "
                             "AND NOT private_channels__nettby").fetchone()[0]
    assert not_chosen > 0
    assert con.execute("SELECT count(*) FROM responses WHERE marketing_strategy IS NOT NULL "
                       "AND company_purposes__marketing IS NOT TRUE").fetchone()[0] == 0


def test_each_multi_choice_answer_is_also_its_bits(seed_db, codebook):
    con = read_only(seed_db)
    for q in codebook.questions:
        if q.kind == "multi":
            rows = con.execute(f"SELECT {q.id}::VARCHAR[], {q.id}_mask FROM respondents").fetchall()
            assert all(mask == q.mask(chosen) for chosen, mask in rows), q.id
            assert any(mask is None for _, mask in rows) == any(chosen is None for chosen, _ in rows)


def test_single_choice_columns_are_enums_in_codebook_order(seed_db, codebook):
    con = read_only(seed_db)
    kind = con.execute("SELECT data_type FROM duckdb_columns() WHERE table_name = 'respondents' "
                       "AND column_name = 'company_size'").fetchone()[0]
    assert kind.startswith("ENUM")
    assert con.execute("SELECT enum_range(NULL::company_size_option)").fetchone()[0] \
        == list(codebook["company_size"].option_ids)


def test_codebook_tables(seed_db, codebook):
    con = read_only(seed_db)
    questions = con.execute("SELECT question_id FROM codebook_questions ORDER BY position").fetchall()
    assert [q for (q,) in questions] == [q.id for q in codebook.questions]
    label = con.execute("SELECT label_nb, label_en FROM codebook_options "
                        "WHERE question_id = 'guidelines_why_not' AND option_id = 'working_on_it'").fetchone()
    assert label == ("Vi jobber med saken", "We are working on it")
    routing = con.execute("SELECT asked_of_question, asked_of_values FROM codebook_questions "
                          "WHERE question_id = 'guidelines_why_not'").fetchone()
    assert routing == ("guidelines", ["no"])


def test_build_info_says_the_seed_is_a_reconstruction(seed_db, small_db):
    assert read_only(seed_db).execute("SELECT reconstructed, respondents FROM build_info").fetchone() == (True, 847)
    assert read_only(small_db).execute("SELECT reconstructed FROM build_info").fetchone() == (False,)
    comment = read_only(seed_db).execute("SELECT comment FROM duckdb_views() "
                                         "WHERE view_name = 'responses'").fetchone()[0]
    assert "reconstruction" in comment


def test_a_reader_of_the_old_file_is_not_broken_by_a_new_build(published_db):
    old = read_only(published_db)
    assert old.execute("SELECT count(*) FROM responses").fetchone()[0] == 10
    build(RESPONSES, published_db)
    assert old.execute("SELECT count(*) FROM responses").fetchone()[0] == 10
    assert fresh_reader(published_db).execute("SELECT count(*) FROM responses").fetchone()[0] == 847
    assert not [p for p in published_db.parent.iterdir() if p.name.endswith(".building")]


def rewrite(tmp_path, change):
    """A copy of the small fixture with `change(rows)` applied to its list of dict rows."""
    with open(SMALL_CSV, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    header = change(rows) or header
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "bad.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def set_cell(row_index, column, value):
    def change(rows):
        rows[row_index][column] = value
    return change


def drop_column(column):
    def change(rows):
        with open(SMALL_CSV, encoding="utf-8") as fh:
            return [c for c in csv.DictReader(fh).fieldnames if c != column]
    return change


BAD = [
    ("unknown option", set_cell(2, "company_size", "huge"), "row 4, column company_size: unknown option: 'huge'"),
    ("duplicate id", set_cell(3, "respondent_id", "2"),
     "row 5, column respondent_id: duplicate respondent id '2', first seen in row 3"),
    ("not asked", set_cell(1, "marketing_strategy", "yes"),
     "row 3, column marketing_strategy: answer to a question that was not asked: 'yes', but marketing_strategy is only "
     "asked when company_purposes__marketing is chosen"),
    ("not asked multi", set_cell(1, "private_channels__facebook", "1"),
     "row 3, column private_channels__facebook: answer to a question that was not asked"),
    ("not asked text", set_cell(2, "guidelines_why_not_text", "hei"),
     "row 4, column guidelines_why_not_text: answer to a question that was not asked"),
    ("bad boolean", set_cell(0, "challenges__other", "kanskje"),
     "row 2, column challenges__other: unknown option value: 'kanskje'"),
    ("no id", set_cell(0, "respondent_id", ""), "row 2, column respondent_id: no respondent id"),
    ("bad wave", set_cell(0, "wave", "2010 ![t](http://127.0.0.1:9/p.png)"),
     "column wave: '2010 ![t](http://127.0.0.1:9/p.png)' cannot be a wave's name"),
    ("no answer", set_cell(0, "guidelines", ""), "row 2, column guidelines: no answer, but the question was asked"),
    ("unknown column", lambda rows: list(rows[0]) + ["shoe_size"], "row 1, column shoe_size: unknown column"),
]


@pytest.mark.parametrize("name, change, message", BAD, ids=[b[0] for b in BAD])
def test_bad_data_is_refused_and_the_database_is_untouched(tmp_path, published_db, name, change, message):
    before = published_db.read_bytes()
    bad = rewrite(tmp_path, change)
    with pytest.raises(InvalidResponses) as caught:
        build(bad, published_db)
    assert message in caught.value.report()
    assert caught.value.report().splitlines()[-1].endswith("nothing was written.")
    assert published_db.read_bytes() == before


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\xff\xfe\x00r\x00e\x00s", "the file is not text"),
    (",".join(["respondent_id"]).encode(), "none of the file's columns is a question of the codebook"),
])
def test_unreadable_files_are_refused(tmp_path, published_db, content, message):
    before = published_db.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(InvalidResponses, match=message):
        build(bad, published_db)
    assert published_db.read_bytes() == before


def test_a_file_without_a_question_builds_with_it_not_asked(tmp_path, published_db):
    """A column that is not there is a question the wave did not ask: NULL, recorded, and said in a note."""
    from survey.ingest.imports import import_file

    result = import_file(rewrite(tmp_path, drop_column("region")), published_db, replace_all=True)
    assert [n.text("en") for n in result.notes] == [
        "region: not asked in this wave (the file has no column of it); stored as not asked",
        "company weighting: not computed for wave 2010, which did not ask region"]
    assert result.notes[1].text("nb") == ("vekting etter bedrift: ikke regnet ut for bølge 2010, "
                                          "som ikke spurte om region")
    con = fresh_reader(published_db)
    assert con.execute("SELECT count(region), count(*) FROM responses").fetchone() == (0, 10)
    assert con.execute("SELECT count(*) FROM wave_questions WHERE question_id = 'region'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM wave_questions").fetchone() == (14,)
    assert con.execute("SELECT count(*) FROM weighting_info WHERE scheme = 'company'").fetchone() == (0,)
    assert con.execute("SELECT count(weight_company), count(weight_person) FROM responses").fetchone() == (0, 10)


def test_ids_that_are_not_whole_numbers_are_numbered_and_kept_as_source_ids(tmp_path, published_db):
    def texts(rows):
        for n, row in enumerate(rows):
            row["respondent_id"] = f"R_{n:03d}x"
    build(rewrite(tmp_path, texts), published_db)
    rows = fresh_reader(published_db).execute("SELECT respondent_id, source_id FROM responses ORDER BY 1").fetchall()
    assert rows == [(n + 1, f"R_{n:03d}x") for n in range(10)]


def test_the_routing_is_said_in_the_reports_language(tmp_path, published_db):
    with pytest.raises(InvalidResponses) as caught:
        build(rewrite(tmp_path, set_cell(1, "marketing_strategy", "yes")), published_db)
    assert ("rad 3, kolonne marketing_strategy: svar på et spørsmål som ikke ble stilt: 'yes', men "
            "marketing_strategy stilles bare når company_purposes__marketing er valgt") in caught.value.report("nb")
    with pytest.raises(InvalidResponses) as caught:
        build(rewrite(tmp_path, set_cell(2, "guidelines_why_not_text", "hei")), published_db)
    assert "guidelines_why_not stilles bare når guidelines er no" in caught.value.report("nb")


def test_repeated_problems_are_grouped(tmp_path, published_db):
    def every_size_bad(rows):
        for row in rows:
            row["company_size"] = "huge"
    with pytest.raises(InvalidResponses) as caught:
        build(rewrite(tmp_path, every_size_bad), published_db)
    report = caught.value.report()
    assert "... and 7 more like this" in report
    assert "10 problems found" in report


def test_a_failure_while_writing_leaves_the_database_untouched(published_db, monkeypatch):
    before = published_db.read_bytes()
    stored = sorted(p.name for p in versions.folder(published_db).iterdir())

    def fail_half_way(path, *args):
        duckdb.connect(str(path)).execute("CREATE TABLE half (x INTEGER)").close()
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(build_module, "write_database", fail_half_way)
    with pytest.raises(BuildError, match="previous one is unchanged"):
        build(SMALL_CSV, published_db)
    assert published_db.read_bytes() == before
    assert sorted(p.name for p in versions.folder(published_db).iterdir()) == stored, "no half-written version"
    assert sorted(p.name for p in published_db.parent.iterdir()) == ["survey.duckdb", "survey.duckdb.versions"]


def test_a_database_from_before_the_masks_is_refused_clearly_and_upgraded_with_its_answers(tmp_path, codebook):
    import queries
    from survey.ingest.build import upgrade
    from survey.model.filters import Filters

    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    old = versions.current(db)
    con = duckdb.connect(str(old))
    masks = [f"{q.id}_mask" for q in codebook.questions if q.kind == "multi"]
    for mask in masks:
        con.execute(f"ALTER TABLE respondents DROP COLUMN {mask}")
    before = con.execute("SELECT * FROM responses ORDER BY wave, respondent_id").fetchall()
    con.close()
    no_filters = Filters().params(codebook)
    with pytest.raises(queries.OutdatedDatabase, match="python -m survey upgrade"):
        counts.run("respondent_count", db=db, **no_filters)

    new = upgrade(db)
    assert new != old and versions.current(db) == new and old.exists()
    con = fresh_reader(new)
    assert con.execute("SELECT * FROM responses ORDER BY wave, respondent_id").fetchall() == before
    for q in codebook.questions:
        if q.kind == "multi":
            rows = con.execute(f"SELECT {q.id}::VARCHAR[], {q.id}_mask FROM respondents").fetchall()
            assert all(mask == q.mask(chosen) for chosen, mask in rows), q.id
    con.close()
    assert counts.run("respondent_count", db=db, **no_filters)["n"].iloc[0] == 10
    assert upgrade(db) is None


def test_a_database_from_before_the_wave_tables_is_upgraded_with_every_wave_asking_everything(tmp_path, codebook):
    """A database built before source ids and the record of what each wave asked: the app refuses it with a
    sentence, and the upgrade adds them (source_id from the respondent ids; every wave asked everything, as
    every file then had every column), every answer kept."""
    import queries
    from survey.ingest.build import upgrade
    from survey.model.filters import Filters

    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    con = duckdb.connect(str(versions.current(db)))
    view = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'responses'").fetchone()[0]
    con.execute(view.replace("CREATE VIEW", "CREATE OR REPLACE VIEW").replace("wave, source_id,", "wave,"))
    con.execute("ALTER TABLE respondents DROP COLUMN source_id")
    con.execute("DROP TABLE wave_questions; DROP TABLE wave_options")
    before = con.execute("SELECT * FROM responses ORDER BY wave, respondent_id").fetchall()
    con.close()
    no_filters = Filters().params(codebook)
    with pytest.raises(queries.OutdatedDatabase, match="source_id, wave_questions, wave_options"):
        counts.run("respondent_count", db=db, **no_filters)

    upgrade(db)
    con = fresh_reader(db)
    columns = [c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE responses)").fetchall()]
    assert columns[:3] == ["respondent_id", "wave", "source_id"]
    assert con.execute("SELECT * EXCLUDE (source_id) FROM responses ORDER BY wave, respondent_id").fetchall() == before
    assert con.execute("SELECT count(*) FROM responses WHERE source_id <> respondent_id::VARCHAR").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM wave_questions").fetchone() == (len(codebook.questions),)
    assert con.execute("SELECT count(*) FROM wave_options").fetchone() == (
        sum(len(q.options) for q in codebook.questions),)
    con.close()
    assert counts.run("respondent_count", db=db, **no_filters)["n"].iloc[0] == 10



def weights_of(db) -> list:
    con = fresh_reader(db)
    try:
        return con.execute("SELECT wave, respondent_id, weight_company, weight_person FROM respondents "
                           "ORDER BY wave, respondent_id").fetchall()
    finally:
        con.close()


def same_weights(ours: list, theirs: list) -> bool:
    return len(ours) == len(theirs) and all(
        a[:2] == b[:2] and a[2:] == pytest.approx(b[2:], abs=1e-12) for a, b in zip(ours, theirs))


def weighted_as_before(path) -> None:
    """The database at `path` as an earlier version weighted it: weighting_info without `method`, and other
    weights (those of a raking that stopped elsewhere)."""
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE weighting_info DROP COLUMN method")
    con.execute("UPDATE respondents SET weight_company = weight_company * 1.01, weight_person = 1")
    con.close()


def test_weights_of_an_earlier_definition_are_computed_again_by_the_upgrade(tmp_path, codebook):
    """A database weighted by an earlier version (its raking): the app asks for the upgrade, which computes
    every wave's weights again by this version's definition, the answers and delivered weights as they were."""
    import queries
    from survey.ingest.build import upgrade
    from survey.model.filters import Filters
    from tests.test_waves_app import make_two_waves

    db = make_two_waves(tmp_path)
    expected = weights_of(db)
    con = fresh_reader(db)
    delivered = con.execute("SELECT * EXCLUDE (method) FROM weighting_info WHERE scheme = 'delivered'").fetchall()
    answers = con.execute("SELECT * EXCLUDE (weight_company, weight_person) FROM respondents ORDER BY ALL").fetchall()
    info = con.execute("SELECT wave, scheme, dimensions, method FROM weighting_info WHERE scheme <> 'delivered' "
                       "ORDER BY ALL").fetchall()
    con.close()
    weighted_as_before(versions.current(db))
    assert not same_weights(weights_of(db), expected)
    with pytest.raises(queries.OutdatedDatabase, match="weights"):
        counts.run("respondent_count", db=db, **Filters().params(codebook))

    upgrade(db)
    assert same_weights(weights_of(db), expected)
    con = fresh_reader(db)
    assert con.execute("SELECT * EXCLUDE (method) FROM weighting_info "
                       "WHERE scheme = 'delivered'").fetchall() == delivered
    assert con.execute("SELECT * EXCLUDE (weight_company, weight_person) FROM respondents ORDER BY ALL").fetchall() \
        == answers
    assert con.execute("SELECT wave, scheme, dimensions, method FROM weighting_info WHERE scheme <> 'delivered' "
                       "ORDER BY ALL").fetchall() == info
    con.close()
    assert info and all(row[3] == queries.WEIGHTS for row in info)
    assert upgrade(db) is None


def test_an_import_beside_waves_weighted_by_an_earlier_definition_weighs_them_again(tmp_path):
    """Waves kept from a version weighted by an earlier definition are weighted again when a wave is imported
    beside them, so that every wave's weights are this version's."""
    import queries
    from survey.ingest.imports import import_file
    from tests.conftest import ROOT

    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    expected = weights_of(db)
    weighted_as_before(versions.current(db))
    wave = tmp_path / "wave2011.csv"
    wave.write_text(SMALL_CSV.read_text(encoding="utf-8").replace(",2010,", ",2011,"), encoding="utf-8")
    import_file(wave, db)
    assert same_weights([row for row in weights_of(db) if row[0] == "2010"], expected)
    con = fresh_reader(db)
    assert con.execute("SELECT count(*) FROM weighting_info WHERE scheme <> 'delivered' AND method IS DISTINCT FROM "
                       "$method", {"method": queries.WEIGHTS}).fetchone() == (0,)
    con.close()
