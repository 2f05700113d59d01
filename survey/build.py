"""Build the DuckDB database from a responses file: validate, write a new file, switch to it atomically.

The database holds
- `respondents`: one row per respondent, single-choice answers as ENUM columns, multi-choice answers as a
  LIST of ENUM per question (NULL where not asked, an empty list where asked and nothing chosen) and the same
  answer as bits of one UINTEGER, `<question>_mask` (bit i set when the option at position i + 1 was chosen):
  the queries count a multi-choice question by grouping on the mask, a few hundred combinations at most,
  which is several times faster than unnesting a list per respondent;
- `responses`: the documented view of the data contract (one BOOLEAN column per multi-choice option);
- `codebook_questions` and `codebook_options`: the codebook, with nb and en labels and the option order;
- `weighting_info`: for each wave and weighting scheme, how the raking went (convergence, design effect,
  trimming);
- `waves`: each wave with its respondents, its source, and whether its answers are the reconstruction;
- `build_info`: what was built from what, and whether any answers are the reconstruction.

Each build writes a new version (survey.versions) under a temporary name, renames it into the versions
folder when it is complete, and then switches the published path to it in one rename: a reader that has the
old version open keeps reading it, and a build that fails at any step leaves the published database as it was.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from survey import codebook as cb
from survey import versions, weighting
from survey.paths import RESPONSES
from survey.validate import Responses, validate

NOTICE = {
    "nb": "Svarene er en rekonstruksjon ut fra publiserte tall, ikke de opprinnelige svarene.",
    "en": "The answers are a reconstruction from published aggregates, not the original responses.",
}


class BuildError(RuntimeError):
    """The database could not be written; the published one is unchanged."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    respondents: int
    seconds: float


def sql_text(value: str) -> str:
    """A SQL string literal. Used for codebook ids and labels in DDL only, never for user input."""
    return "'" + value.replace("'", "''") + "'"


def enum_type(question: cb.Question) -> str:
    return f"{question.id}_option"


def ddl(codebook: cb.Codebook) -> list[str]:
    """CREATE statements for the types, the respondents table and the responses view."""
    statements = [
        f"CREATE TYPE {enum_type(q)} AS ENUM ({', '.join(sql_text(o) for o in q.option_ids)})"
        for q in codebook.questions
    ]
    columns = ["respondent_id INTEGER NOT NULL", "wave VARCHAR NOT NULL", "source_id VARCHAR"]
    view = ["respondent_id", "wave", "source_id"]
    for q in codebook.questions:
        if q.kind == "single":
            columns.append(f"{q.id} {enum_type(q)}")
            view.append(q.id)
        else:
            columns += [f"{q.id} {enum_type(q)}[]", f"{q.id}_mask UINTEGER"]
            view.extend(f"list_contains({q.id}, {sql_text(o)}) AS {q.id}__{o}" for o in q.option_ids)
        if q.open_text:
            columns.append(f"{q.id}_text VARCHAR")
            view.append(f"{q.id}_text")
    for scheme in weighting.SCHEMES:
        columns.append(f"weight_{scheme} DOUBLE")
        view.append(f"weight_{scheme}")
    columns.append("PRIMARY KEY (wave, respondent_id)")
    statements.append(f"CREATE TABLE respondents ({', '.join(columns)})")
    statements.append(f"CREATE VIEW responses AS SELECT {', '.join(view)} FROM respondents")
    return statements


def respondents_frame(responses: Responses, codebook: cb.Codebook) -> pd.DataFrame:
    """The validated answers in the column layout of the respondents table."""
    def row(record: dict) -> dict:
        out = {"respondent_id": record["respondent_id"], "wave": record["wave"],
               "source_id": record.get("source_id", str(record["respondent_id"]))}
        for q in codebook.questions:
            value = record[q.id]
            if q.kind == "single":
                out[q.id] = value
            else:
                chosen = None if value is None else [o for o in q.option_ids if value[o]]
                out[q.id], out[f"{q.id}_mask"] = chosen, q.mask(chosen)
            if q.open_text:
                out[f"{q.id}_text"] = record[f"{q.id}_text"]
        return out
    frame = pd.DataFrame([row(r) for r in responses.rows])
    masks = [f"{q.id}_mask" for q in codebook.questions if q.kind == "multi"]
    return frame.astype({m: "UInt32" for m in masks})  # NULL stays NULL, not a float NaN


def add_weights(frame: pd.DataFrame, codebook: cb.Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The respondents with a weight column per scheme, raked within each wave, and how each raking went."""
    settings = weighting.load_settings()
    parts, info = [], []
    for wave, part in frame.groupby("wave", sort=True):
        results = [weighting.weigh(scheme, part, codebook, settings) for scheme in weighting.SCHEMES]
        parts.append(part.assign(**{f"weight_{r.scheme}": r.weights for r in results}))
        info += [{
            "wave": wave, "scheme": r.scheme, "dimensions": list(settings.schemes[r.scheme]),
            "iterations": r.iterations, "converged": r.converged, "max_margin_error": r.max_margin_error,
            "trimmed": r.trimmed, "design_effect": r.design_effect, "efficiency": r.efficiency,
            "min_weight": r.min_weight, "max_weight": r.max_weight, "trim_lower": settings.lower,
            "trim_upper": settings.upper, "dropped_targets": list(r.dropped),
        } for r in results]
    return pd.concat(parts).loc[frame.index], pd.DataFrame(info)


def codebook_frames(codebook: cb.Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    questions, options = [], []
    for qpos, q in enumerate(codebook.questions, start=1):
        route = q.asked_of
        questions.append({
            "question_id": q.id, "position": qpos, "kind": q.kind, "dimension": q.dimension,
            "option_order": q.order, "open_text": q.open_text,
            "asked_of_question": route.question, "asked_of_values": list(route.values) or None,
            "asked_of_option": route.option,
            "title_nb": q.title["nb"], "title_en": q.title["en"], "text_nb": q.text["nb"], "text_en": q.text["en"],
        })
        for opos, o in enumerate(q.options, start=1):
            options.append({"question_id": q.id, "option_id": o.id, "position": opos,
                            "label_nb": o.label["nb"], "label_en": o.label["en"]})
    return pd.DataFrame(questions), pd.DataFrame(options)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Wave:
    wave: str
    source: str
    reconstructed: bool


def write_database(path: Path, frame: pd.DataFrame, codebook: cb.Codebook, info: dict,
                   weighting_info: pd.DataFrame, waves: pd.DataFrame) -> None:
    questions, options = codebook_frames(codebook)
    info_frame = pd.DataFrame([info])  # noqa: F841 (DuckDB reads it by name)
    con = duckdb.connect(str(path))
    try:
        for statement in ddl(codebook):
            con.execute(statement)
        con.execute("INSERT INTO respondents BY NAME SELECT * FROM frame")
        con.execute("CREATE TABLE codebook_questions AS SELECT * FROM questions")
        con.execute("CREATE TABLE codebook_options AS SELECT * FROM options")
        con.execute("CREATE TABLE build_info AS SELECT * FROM info_frame")
        con.execute("CREATE TABLE weighting_info AS SELECT * FROM weighting_info")
        con.execute("CREATE TABLE waves AS SELECT * FROM waves ORDER BY wave")
        write_wave_tables(con)
        comment = "One row per respondent, as the data contract in DESIGN.md describes."
        if info["reconstructed"]:
            comment += " " + NOTICE["en"]
        con.execute(f"COMMENT ON VIEW responses IS {sql_text(comment)}")
        con.execute("CHECKPOINT")
    finally:
        con.close()


WAVE_TABLES = """
    CREATE TABLE wave_questions AS
    SELECT w.wave, q.question_id FROM waves AS w CROSS JOIN codebook_questions AS q ORDER BY w.wave, q.position;
    CREATE TABLE wave_options AS
    SELECT w.wave, o.question_id, o.option_id, o.position
    FROM waves AS w CROSS JOIN codebook_options AS o ORDER BY w.wave, o.question_id, o.position;
"""


def write_wave_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Which questions and options each wave asked: every one, for answers that had every column."""
    con.execute(WAVE_TABLES)


def wave_table(frame: pd.DataFrame, sources: dict[str, Wave]) -> pd.DataFrame:
    counts = frame.groupby("wave").size()
    return pd.DataFrame([{"wave": w, "respondents": int(n), "source": sources[w].source,
                          "reconstructed": sources[w].reconstructed} for w, n in counts.items()])


def publish(records: list[dict], db: Path, codebook: cb.Codebook, sources: dict[str, Wave], source: Path) -> Path:
    """Write `records` as a new version and publish it. Raises BuildError; the published database is then
    as it was, and no half-written version is left behind."""
    frame, weighting_info = add_weights(respondents_frame(Responses(records), codebook), codebook)
    waves = wave_table(frame, sources)
    info = {
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "source": source.name,
        "source_sha256": file_sha256(source),
        "respondents": len(frame),
        "codebook_version": codebook.version,
        "reconstructed": bool(waves["reconstructed"].any()),
    }
    return publish_version(db, lambda tmp: write_database(tmp, frame, codebook, info, weighting_info, waves))


def publish_version(db: Path, write: Callable[[Path], None]) -> Path:
    """Have `write(path)` write a new version of `db` to a temporary path, and publish it. Raises BuildError;
    the published database is then as it was, and no half-written version is left behind."""
    if not db.parent.is_dir():
        raise BuildError(f"the folder {db.parent} for the database does not exist")
    try:
        target = versions.new_path(db)
        tmp = target.with_name(f".{target.name}.building")
        try:
            write(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
        versions.adopt(db)
        versions.point(db, target)
    except (OSError, duckdb.Error) as err:
        raise BuildError(f"the database {db} could not be written ({err}); the previous one is unchanged") from err
    return target


def missing_parts(path: Path) -> list[str]:
    """What the database at `path` lacks of what this version of the app reads (the check the query loader
    makes): the <column>_mask of multi-choice columns, source_id, the tables of what each wave asked."""
    from queries import OUTDATED

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {sql_text(str(path))} AS survey (READ_ONLY)")
        return [name for (name,) in con.execute(OUTDATED).fetchall()]
    finally:
        con.close()


def add_missing(con: duckdb.DuckDBPyConnection, missing: list[str]) -> None:
    """Compute what `missing` names from the answers in the database of `con` (see missing_parts). Every
    respondent of a database built before the tables of what each wave asked had every column, so each wave
    asked every question and option."""
    for name in missing:
        if name.endswith("_mask"):
            # The ENUM of a list is in codebook order, as the codebook tables of the same build are.
            column, mask = f'"{name.removesuffix("_mask")}"', f'"{name}"'
            bits = f"list_sum(list_transform({column}, lambda o: (1::UBIGINT) << enum_code(o)))"
            con.execute(f"ALTER TABLE respondents ADD COLUMN {mask} UINTEGER")
            con.execute(f"UPDATE respondents SET {mask} = CASE WHEN {column} IS NOT NULL THEN coalesce({bits}, 0) END")
    if "source_id" in missing:
        con.execute("ALTER TABLE respondents ADD COLUMN source_id VARCHAR")
        con.execute("UPDATE respondents SET source_id = respondent_id::VARCHAR")
        view = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'responses'").fetchone()[0]
        comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'responses'").fetchone()[0]
        con.execute(view.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1).replace(
            "SELECT respondent_id, wave,", "SELECT respondent_id, wave, source_id,", 1))
        if comment:
            con.execute(f"COMMENT ON VIEW responses IS {sql_text(comment)}")
    if "wave_questions" in missing or "wave_options" in missing:
        con.execute("DROP TABLE IF EXISTS wave_questions; DROP TABLE IF EXISTS wave_options")
        write_wave_tables(con)


def upgrade(db: Path | None = None) -> Path | None:
    """Publish the database `db` again as a new version with what this version of the app reads and it lacks
    (missing_parts, computed from the answers), everything else copied as it is.
    Returns the new version, or None where nothing was missing. Raises BuildError as publish does."""
    from survey.paths import database_path

    db = database_path(db)
    source = versions.current(db)
    if source is None:
        raise BuildError(f"there is no database at {db} to upgrade")
    missing = missing_parts(source)
    if not missing:
        return None

    def write(tmp: Path) -> None:
        shutil.copyfile(source, tmp)
        con = duckdb.connect(str(tmp))
        try:
            add_missing(con, missing)
            con.execute("CHECKPOINT")
        finally:
            con.close()

    return publish_version(db, write)


def build(source: Path = RESPONSES, db: Path | None = None, codebook: cb.Codebook | None = None) -> BuildResult:
    """Validate `source` (the layout of data/responses.csv, every wave in it) and publish it as the database
    `db`, replacing what was published. Raises InvalidResponses or BuildError; in either case the database
    at `db` is as it was."""
    from survey.paths import database_path

    started = time.perf_counter()
    source, db = Path(source), database_path(db)
    codebook = codebook or cb.load()
    responses = validate(source, codebook)
    reconstructed = source.resolve() == RESPONSES.resolve()
    sources = {r["wave"]: Wave(r["wave"], source.name, reconstructed) for r in responses.rows}
    publish(responses.rows, db, codebook, sources, source)
    return BuildResult(db, len(responses.rows), time.perf_counter() - started)
