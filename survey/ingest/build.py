"""Write the DuckDB database from validated answers, as a new version, and switch to it atomically.

The database holds
- `respondents`: one row per respondent, single-choice answers as ENUM columns, multi-choice answers as a
  LIST of ENUM per question (NULL where not asked, an empty list where asked and nothing chosen) and the same
  answer as bits of one UINTEGER, `<question>_mask` (bit i set when the option at position i + 1 was chosen):
  the queries count a multi-choice question by grouping on the mask, a few hundred combinations at most,
  which is several times faster than unnesting a list per respondent; `source_id`, the respondent's id in
  the file the answers came from; `record_key`, a random number from 0 to 65535 drawn when the respondent
  enters the database and copied with the answers into every later version (the cell keys of
  survey.stats.protection; never shown or exported); the weights of each scheme (NULL in a wave that has none);
- `responses`: the documented view of the data contract (one BOOLEAN column per multi-choice option, NULL
  in a wave that did not offer the option);
- `codebook_questions` and `codebook_options`: the codebook, with nb and en labels and the option order;
- `wave_questions` and `wave_options`: the questions each wave asked and the options it offered;
- `weighting_info`: for each wave and weighting scheme, how the weighting went (the solver's steps, whether
  it met the targets, the largest gap left, weights at a bound, design effect), or for weights delivered
  with the data, their design effect and range;
- `waves`: each wave with its respondents, its source, and whether its answers are the reconstruction;
- `build_info`: what was built from what, and whether any answers are the reconstruction.

The answers come from the table `staged` of a DuckDB connection (survey.ingest.staging, checked by
survey.ingest.validate); the waves kept from the published database are copied from it in SQL, so no answer
passes through Python.

Each build writes a new version (survey.ingest.versions) under a temporary name, renames it into the versions
folder when it is complete, and then switches the published path to it in one rename: a reader that has the
old version open keeps reading it, and a build that fails at any step leaves the published database as it was.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import numpy as np
import pandas as pd

from queries import OUTDATED_WEIGHTS, WEIGHTS
from survey.base.paths import database_path
from survey.ingest import versions
from survey.ingest.validate import bound
from survey.model import codebook as cb
from survey.stats import weighting

NOTICE = {
    "nb": "Svarene er en rekonstruksjon ut fra publiserte tall, ikke de opprinnelige svarene.",
    "en": "The answers are a reconstruction from published aggregates, not the original responses.",
}
DELIVERED = "delivered"  # the weighting scheme of a weight delivered with the data
NEW_KEY = "floor(random() * 65536)::USMALLINT"  # a new respondent's record key (survey.stats.protection)


class BuildError(RuntimeError):
    """The database could not be written; the published one is unchanged."""


@dataclass(frozen=True)
class Wave:
    wave: str
    source: str
    reconstructed: bool


def sql_text(value: str) -> str:
    """A SQL string literal. Used for codebook ids and labels, and wave names checked at import
    (survey.ingest.validate.WAVE_NAME), in DDL only; never for anything else."""
    return "'" + value.replace("'", "''") + "'"


def enum_type(question: cb.Question) -> str:
    return f"{question.id}_option"


def enum_types(codebook: cb.Codebook) -> list[str]:
    return [f"CREATE TYPE {enum_type(q)} AS ENUM ({', '.join(sql_text(o) for o in q.option_ids)})"
            for q in codebook.questions]


def _option_column(q: cb.Question, option: str, not_offered: dict) -> str:
    contains = f"list_contains({q.id}, {sql_text(option)})"
    waves = not_offered.get((q.id, option))
    if not waves:
        return f"{contains} AS {q.id}__{option}"
    listed = ", ".join(sql_text(w) for w in waves)
    return f"CASE WHEN list_contains([{listed}], wave) THEN NULL ELSE {contains} END AS {q.id}__{option}"


def ddl(codebook: cb.Codebook, *, delivered: bool = False, not_offered: dict | None = None) -> list[str]:
    """CREATE statements for the types, the respondents table and the responses view. `not_offered`:
    {(question, option): waves that did not offer it}, NULL in the view for those waves."""
    columns = ["respondent_id INTEGER NOT NULL", "wave VARCHAR NOT NULL", "source_id VARCHAR",
               "record_key USMALLINT NOT NULL"]
    view = ["respondent_id", "wave", "source_id"]  # not the record key: it stays inside the database
    for q in codebook.questions:
        if q.kind == "single":
            columns.append(f"{q.id} {enum_type(q)}")
            view.append(q.id)
        else:
            columns += [f"{q.id} {enum_type(q)}[]", f"{q.id}_mask UINTEGER"]
            view.extend(_option_column(q, o, not_offered or {}) for o in q.option_ids)
        if q.open_text:
            columns.append(f"{q.id}_text VARCHAR")
            view.append(f"{q.id}_text")
    for scheme in weighting.SCHEMES + ((DELIVERED,) if delivered else ()):
        columns.append(f"weight_{scheme} DOUBLE")
        view.append(f"weight_{scheme}")
    return [*enum_types(codebook), f"CREATE TABLE respondents ({', '.join(columns)})",
            f"CREATE VIEW responses AS SELECT {', '.join(view)} FROM respondents"]


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
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


WAVE_TABLES = """
    CREATE TABLE wave_questions AS
    SELECT w.wave, q.question_id FROM waves AS w CROSS JOIN codebook_questions AS q ORDER BY w.wave, q.position;
    CREATE TABLE wave_options AS
    SELECT w.wave, o.question_id, o.option_id, o.position::INTEGER AS position
    FROM waves AS w CROSS JOIN codebook_options AS o ORDER BY w.wave, o.question_id, o.position;
"""


def write_wave_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Which questions and options each wave asked: every one, for answers that had every column."""
    con.execute(WAVE_TABLES)


# --- weights ------------------------------------------------------------------------------------------------

def _info(wave: str, scheme: str, dimensions, result: weighting.Result | None, settings, weights=None) -> dict:
    """A row of weighting_info: a weighting's result (iterations: the solver's steps, survey.stats.weighting.Result),
    or the design effect and range of delivered weights."""
    if result is None:  # not weighted here: what the weighting would say of it is NULL
        deff = float(len(weights) * np.sum(weights**2) / np.sum(weights) ** 2)
        return {"wave": wave, "scheme": scheme, "dimensions": list(dimensions), "iterations": None,
                "converged": None, "max_margin_error": None, "trimmed": None, "design_effect": deff,
                "efficiency": 1 / deff, "min_weight": float(weights.min()), "max_weight": float(weights.max()),
                "trim_lower": None, "trim_upper": None, "dropped_targets": []}
    return {"wave": wave, "scheme": scheme, "dimensions": list(dimensions), "method": WEIGHTS,
            "iterations": result.iterations,
            "converged": result.converged, "max_margin_error": result.max_margin_error, "trimmed": result.trimmed,
            "design_effect": result.design_effect, "efficiency": result.efficiency,
            "min_weight": result.min_weight, "max_weight": result.max_weight, "trim_lower": settings.lower,
            "trim_upper": settings.upper, "dropped_targets": list(result.dropped)}


@dataclass(frozen=True)
class Weighed:
    """The weights of one scheme in one wave: a frame of the scheme's dimensions and `weight`, a row per
    combination of them (a cell), and how the weighting went."""
    frame: pd.DataFrame
    result: weighting.Result


def weigh_cells(con: duckdb.DuckDBPyConnection, table: str, wave: str, scheme: str, dims, codebook, settings,
                where: str = "TRUE") -> Weighed:
    """The weights of `scheme` for the respondents of `wave` in `table` (and `where`), computed on the
    combinations of its dimensions and their counts."""
    names = ", ".join(f'"{d}"::VARCHAR AS "{d}"' for d in dims)
    cells = con.execute(f"SELECT {names}, count(*) AS n FROM {table} WHERE {where} AND wave = $wave "
                        f"GROUP BY ALL ORDER BY ALL", {"wave": wave}).df()
    result = weighting.weigh_cells(scheme, cells[list(dims)], cells["n"].to_numpy(), codebook, settings)
    return Weighed(cells[list(dims)].assign(weight=result.weights), result)


def rake_waves(con: duckdb.DuckDBPyConnection, codebook: cb.Codebook, asked: dict, waves: list[str]
               ) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """The weights of each scheme for the staged answers, computed within each wave, and how each weighting
    went: {scheme: a frame of wave, the scheme's dimensions and weight_<scheme>, one row per combination of
    them}. The weighting gives respondents alike in the scheme's dimensions one weight, so it runs on those
    combinations and their counts (a few dozen, whatever the number of respondents). A scheme whose
    dimensions the wave did not ask is not computed for it (its weights are NULL)."""
    settings = weighting.load_settings()
    frames: dict[str, list[pd.DataFrame]] = {scheme: [] for scheme in settings.schemes}
    info = []
    for wave in waves:
        for scheme, dims in settings.schemes.items():
            if not all(d in asked for d in dims):
                continue
            cells = weigh_cells(con, "staged", wave, scheme, dims, codebook, settings, where="NOT _blank")
            frames[scheme].append(cells.frame.rename(columns={"weight": f"weight_{scheme}"}).assign(wave=wave))
            info.append(_info(wave, scheme, dims, cells.result, settings))
    empty = {s: pd.DataFrame({"wave": pd.Series(dtype=str), **{d: pd.Series(dtype=str) for d in dims},
                              f"weight_{s}": pd.Series(dtype=float)}) for s, dims in settings.schemes.items()}
    return {s: pd.concat(parts, ignore_index=True) if parts else empty[s] for s, parts in frames.items()}, info


def delivered_info(con: duckdb.DuckDBPyConnection, waves: list[str]) -> list[dict]:
    """weighting_info rows of the delivered weights, scaled to a mean of 1 in each wave."""
    out = []
    for wave in waves:
        weights = con.execute(f"SELECT {delivered_scaled()} AS w FROM staged WHERE NOT _blank AND wave = $wave",
                              {"wave": wave}).fetchnumpy()["w"]
        out.append(_info(wave, DELIVERED, [], None, None, np.asarray(weights, dtype=float)))
    return out


def delivered_scaled(table: str = "staged") -> str:
    """The delivered weight (a decimal comma allowed) scaled to a mean of 1 within each wave, as SQL on `table`."""
    weight = f"TRY_CAST(replace(trim({table}.weight_delivered), ',', '.') AS DOUBLE)"
    return f"{weight} / avg({weight}) OVER (PARTITION BY {table}.wave)"


# --- the answers --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answers:
    """What write_database needs to know of the staged answers (survey.ingest.imports fills it in)."""

    waves: list[str]  # the waves of the staged answers
    asked: dict  # question -> the options the file's wave offered
    expressions: dict  # question -> SQL on staged for "was asked" (routing), for multi-choice questions
    params: dict  # the values those expressions bind
    blank_unchosen: bool
    has_id: bool
    has_source_id: bool
    renumber: bool
    delivered: bool


def _bound(answers: Answers) -> dict:
    """The values the routing expressions of the multi-choice questions the file asks bind."""
    return bound(" ".join(answers.expressions.values()), answers.params)


def new_rows_sql(codebook: cb.Codebook, answers: Answers, schemes) -> str:
    """The SELECT (on memory.staged as s, joined with the weights of each scheme of `schemes` as w_<scheme>)
    of the new respondents' columns."""
    number = "row_number() OVER (ORDER BY s._row)::INTEGER"
    columns = [f"{number if answers.renumber or not answers.has_id else 's.respondent_id::INTEGER'} AS respondent_id",
               "s.wave",
               f"{'s.source_id' if answers.has_source_id else 's.respondent_id' if answers.has_id else 'NULL'} "
               "AS source_id", f"{NEW_KEY} AS record_key"]
    for q in codebook.questions:
        if q.id not in answers.asked:
            continue
        if q.kind == "single":
            columns.append(f's."{q.id}"::{enum_type(q)} AS "{q.id}"')
        else:
            columns += _multi_columns(q, answers)
        if q.open_text:
            columns.append(f's."{q.id}_text"')
    columns += [f"w_{s}.weight_{s}" if s in schemes else f"NULL AS weight_{s}" for s in weighting.SCHEMES]
    if answers.delivered:
        columns.append(f"{delivered_scaled('s')} AS weight_delivered")
    return ", ".join(columns)


def _multi_columns(q: cb.Question, answers: Answers) -> list[str]:
    offered = answers.asked[q.id]
    cells = [f's."{q.id}__{o}"' for o in offered]
    # each option as the ENUM already: a list of text cast to a list of ENUM costs more
    chosen = ", ".join(f"CASE WHEN {c} THEN {sql_text(o)}::{enum_type(q)} END" for c, o in zip(cells, offered))
    bits = " | ".join(f"(coalesce({c}, FALSE)::UINTEGER << {q.option_ids.index(o)})" for c, o in zip(cells, offered))
    answered = answers.expressions[q.id]
    if not answers.blank_unchosen:  # asked and left unanswered (the mapping allows it): not answered
        answered += " AND NOT (" + " AND ".join(f"{c} IS NULL" for c in cells) + ")"
    return [f'CASE WHEN {answered} THEN list_filter([{chosen}], lambda x: x IS NOT NULL) END AS "{q.id}"',
            f'CASE WHEN {answered} THEN ({bits})::UINTEGER END AS "{q.id}_mask"']


def kept_rows_sql(codebook: cb.Codebook, old_columns: set[str]) -> str:
    """The SELECT (on old.respondents) of the kept respondents' columns, cast to this build's types; the
    bits of each multi-choice answer computed again from its list (the codebook's order may have changed)."""
    columns = ["respondent_id", "wave",
               "source_id" if "source_id" in old_columns else "respondent_id::VARCHAR AS source_id",
               "record_key" if "record_key" in old_columns else f"{NEW_KEY} AS record_key"]
    for q in codebook.questions:
        if q.id not in old_columns:
            continue
        if q.kind == "single":
            columns.append(f'"{q.id}"::VARCHAR::{enum_type(q)} AS "{q.id}"')
        else:
            as_list = f'"{q.id}"::VARCHAR[]::{enum_type(q)}[]'
            columns.append(f'{as_list} AS "{q.id}"')
            columns.append(f"CASE WHEN \"{q.id}\" IS NOT NULL THEN coalesce(list_sum(list_transform({as_list}, "
                           f"lambda o: (1::UBIGINT) << enum_code(o))), 0)::UINTEGER END AS \"{q.id}_mask\"")
        if q.open_text and f"{q.id}_text" in old_columns:
            columns.append(f'"{q.id}_text"')
    columns += [f"weight_{s}" for s in (*weighting.SCHEMES, DELIVERED) if f"weight_{s}" in old_columns]
    return ", ".join(columns)


# --- the version --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KeptWaves:
    """The published database whose other waves a new version keeps (None: a build replaces everything)."""

    path: Path | None
    leave_out: list[str]  # its waves that the new answers replace


def _old_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = 'old' "
                                      "AND table_name = 'respondents'").fetchall()}


def _has_table(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = $c AND table_name = $t",
                            {"c": catalog, "t": table}).fetchall()[0][0])


def kept_waves(con: duckdb.DuckDBPyConnection, leave_out: list[str]) -> pd.DataFrame:
    """wave, question_id, option_id, position of what the kept waves asked (every option of the codebook for a
    database from before wave_options, when every wave asked everything)."""
    if _has_table(con, "old", "wave_options"):
        return con.execute("SELECT wave, question_id, option_id, position FROM old.wave_options "
                           "WHERE NOT list_contains($out, wave)", {"out": leave_out}).df()
    return con.execute("SELECT w.wave, o.question_id, o.option_id, o.position FROM old.waves AS w "
                       "CROSS JOIN old.codebook_options AS o WHERE NOT list_contains($out, w.wave)",
                       {"out": leave_out}).df()


def asked_frame(asked: dict, waves: list[str], codebook: cb.Codebook) -> pd.DataFrame:
    rows = [{"wave": w, "question_id": q, "option_id": o, "position": codebook[q].option_ids.index(o) + 1}
            for w in waves for q, options in asked.items() for o in options]
    return pd.DataFrame(rows, columns=["wave", "question_id", "option_id", "position"])


def not_offered(options: pd.DataFrame, codebook: cb.Codebook) -> dict:
    """{(question, option): waves that asked the question and did not offer the option}."""
    offered = {(w, q, o) for w, q, o in zip(options["wave"], options["question_id"], options["option_id"])}
    asked = {(w, q) for w, q, _ in offered}
    out: dict = {}
    for w, q in sorted(asked):
        if codebook[q].kind == "multi":
            for o in codebook[q].option_ids:
                if (w, q, o) not in offered:
                    out.setdefault((q, o), []).append(w)
    return out


def write_database(path: Path, con: duckdb.DuckDBPyConnection, codebook: cb.Codebook, answers: Answers,
                   kept: KeptWaves, sources: dict[str, Wave], info: dict, weights: dict[str, pd.DataFrame],
                   weighting_info: list[dict]) -> None:
    """Write the version at `path`: the staged answers of `con` and the waves of `kept` that stay."""
    con.execute(f"ATTACH {sql_text(str(path))} AS new")
    try:
        if kept.path is not None:
            con.execute(f"ATTACH {sql_text(str(kept.path))} AS old (READ_ONLY)")
        _write(con, codebook, answers, kept, sources, info, weights, weighting_info)
        con.execute("CHECKPOINT new")
    finally:
        con.execute("USE memory")
        for name in ("old", "new"):
            if con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = $n",
                           {"n": name}).fetchall()[0][0]:
                con.execute(f"DETACH {name}")


def _write(con, codebook, answers: Answers, kept: KeptWaves, sources: dict[str, Wave], info: dict,
           weights: dict[str, pd.DataFrame], weighting_info: list[dict]) -> None:
    options = asked_frame(answers.asked, answers.waves, codebook)
    old_columns: set[str] = set()
    if kept.path is not None:
        options = pd.concat([kept_waves(con, kept.leave_out), options], ignore_index=True)
        old_columns = _old_columns(con)
    delivered = answers.delivered or "weight_delivered" in old_columns
    con.execute("USE new")
    for statement in ddl(codebook, delivered=delivered, not_offered=not_offered(options, codebook)):
        con.execute(statement)
    if kept.path is not None:
        con.execute(f"INSERT INTO respondents BY NAME SELECT {kept_rows_sql(codebook, old_columns)} "
                    "FROM old.respondents WHERE NOT list_contains($out, wave)", {"out": kept.leave_out})
    weights = {scheme: frame for scheme, frame in weights.items() if len(frame)}
    joins = []
    for scheme, frame in weights.items():
        con.register(f"weights_{scheme}", frame)
        on = " AND ".join(f's."{c}" = w_{scheme}."{c}"' for c in frame.columns if not c.startswith("weight_"))
        joins.append(f"LEFT JOIN weights_{scheme} AS w_{scheme} ON {on}")
    con.execute(f"INSERT INTO respondents BY NAME SELECT {new_rows_sql(codebook, answers, set(weights))} "
                f"FROM memory.staged AS s {' '.join(joins)} WHERE NOT s._blank", _bound(answers))
    for scheme in weights:
        con.unregister(f"weights_{scheme}")
    _write_tables(con, codebook, options, sources, info, weighting_info, kept)
    if con.execute(OUTDATED_WEIGHTS.replace("survey.", ""), {"method": WEIGHTS}).fetchall():
        reweigh(con)  # waves kept from a version weighted by an earlier definition: weighted as the new one


WEIGHTING_INFO = """
    CREATE TABLE weighting_info (wave VARCHAR, scheme VARCHAR, dimensions VARCHAR[], method VARCHAR, iterations BIGINT,
        converged BOOLEAN, max_margin_error DOUBLE, trimmed BIGINT, design_effect DOUBLE, efficiency DOUBLE,
        min_weight DOUBLE, max_weight DOUBLE, trim_lower DOUBLE, trim_upper DOUBLE, dropped_targets VARCHAR[])
"""


def _write_weighting_info(con, rows: list[dict], kept: KeptWaves) -> None:
    """weighting_info: the kept waves' rows as they were, and the new answers' `rows`."""
    con.execute(WEIGHTING_INFO)
    if kept.path is not None:
        con.execute("INSERT INTO weighting_info BY NAME SELECT * FROM old.weighting_info "
                    "WHERE NOT list_contains($out, wave)", {"out": kept.leave_out})
    for row in rows:
        con.execute(f"INSERT INTO weighting_info BY NAME SELECT {', '.join(f'${k} AS {k}' for k in row)}", row)


def _write_tables(con, codebook: cb.Codebook, options: pd.DataFrame, sources: dict[str, Wave], info: dict,
                  weighting_info: list[dict], kept: KeptWaves) -> None:
    questions_frame, options_frame = codebook_frames(codebook)
    waves = pd.DataFrame([{"wave": w.wave, "source": w.source, "reconstructed": w.reconstructed}
                          for w in sources.values()])
    frames = {"questions_frame": questions_frame, "options_frame": options_frame, "asked_frame": options,
              "waves_frame": waves}
    for name, frame in frames.items():
        con.register(name, frame)
    con.execute("""
        CREATE TABLE codebook_questions AS SELECT * FROM questions_frame;
        CREATE TABLE codebook_options AS SELECT * FROM options_frame;
        CREATE TABLE waves AS
        SELECT f.wave, count(r.respondent_id)::BIGINT AS respondents, f.source, f.reconstructed
        FROM waves_frame AS f JOIN respondents AS r USING (wave) GROUP BY ALL ORDER BY f.wave;
        CREATE TABLE wave_options AS
        SELECT wave, question_id, option_id, position::INTEGER AS position FROM asked_frame
        WHERE list_contains((SELECT list(wave) FROM waves), wave) ORDER BY wave, question_id, position;
        CREATE TABLE wave_questions AS
        SELECT a.wave, a.question_id FROM (SELECT DISTINCT wave, question_id FROM wave_options) AS a
        JOIN codebook_questions AS q USING (question_id) ORDER BY a.wave, q.position;
    """)
    for name in frames:
        con.unregister(name)
    _write_weighting_info(con, weighting_info, kept)
    info = {"built_at": info["built_at"], "source": info["source"], "source_sha256": info["source_sha256"],
            "respondents": con.execute("SELECT count(*) FROM respondents").fetchall()[0][0],
            "codebook_version": info["codebook_version"], "reconstructed": bool(waves["reconstructed"].any())}
    con.register("info_frame", pd.DataFrame([info]))
    con.execute("CREATE TABLE build_info AS SELECT * FROM info_frame")
    con.unregister("info_frame")
    comment = "One row per respondent, as the data contract in DESIGN.md describes."
    if info["reconstructed"]:
        comment += " " + NOTICE["en"]
    con.execute(f"COMMENT ON VIEW responses IS {sql_text(comment)}")


def publish_version(db: Path, write: Callable[[Path], None],
                    waiting: Callable[[int | None], None] | None = None) -> Path:
    """Have `write(path)` write a new version of `db` to a temporary path, and publish it, as the one writer
    (versions.writer: a writer that reads what is published first takes it before reading). Raises BuildError;
    the published database is then as it was, and no half-written version is left behind. Leftovers of
    killed writers are removed first, and old versions pruned after (data/versions.yaml)."""
    if not db.parent.is_dir():
        raise BuildError(f"the folder {db.parent} for the database does not exist")
    try:
        keep = versions.keep_setting()
    except ValueError as err:
        raise BuildError(f"{err}; nothing was written") from None
    try:
        with versions.writer(db, waiting):
            target = _write_and_point(db, write)
            try:
                versions.prune(db, keep)
            except OSError:
                pass  # published all the same; old versions stay until the next prune
    except (OSError, duckdb.Error, versions.VersionError) as err:
        raise BuildError(f"the database {db} could not be written ({err}); the previous one is unchanged") from err
    return target


def _write_and_point(db: Path, write: Callable[[Path], None]) -> Path:
    versions.remove_leftovers(db)
    target = versions.new_path(db)
    tmp = versions.building_path(target)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        versions.seal(tmp)
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    versions.adopt(db)
    versions.point(db, target)
    return target


def missing_parts(path: Path) -> list[str]:
    """What the database at `path` lacks of what this version of the app reads (the check the query loader
    makes): the <column>_mask of multi-choice columns, source_id, the tables of what each wave asked, weights
    computed by this version's definition."""
    from queries import outdated

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {sql_text(str(path))} AS survey (READ_ONLY)")
        return outdated(con)
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
        view = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'responses'").fetchall()[0][0]
        comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'responses'").fetchall()[0][0]
        con.execute(view.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1).replace(
            "SELECT respondent_id, wave,", "SELECT respondent_id, wave, source_id,", 1))
        if comment:
            con.execute(f"COMMENT ON VIEW responses IS {sql_text(comment)}")
    if "record_key" in missing:
        con.execute("ALTER TABLE respondents ADD COLUMN record_key USMALLINT")
        con.execute(f"UPDATE respondents SET record_key = {NEW_KEY}")
    if "wave_questions" in missing or "wave_options" in missing:
        con.execute("DROP TABLE IF EXISTS wave_questions; DROP TABLE IF EXISTS wave_options")
        write_wave_tables(con)
    if "weights" in missing:
        reweigh(con)


def reweigh(con: duckdb.DuckDBPyConnection) -> None:
    """The weights of each scheme computed again for every wave from its answers, by this version's definition
    (survey.stats.weighting), and weighting_info written again with it: the upgrade of a database weighted by an
    earlier one. Delivered weights, and their rows, stay as they were."""
    codebook, settings = cb.load(), weighting.load_settings()
    asked = {}
    for wave, question in con.execute("SELECT wave, question_id FROM wave_questions").fetchall():
        asked.setdefault(wave, set()).add(question)
    rows = []
    for wave in sorted(asked):
        for scheme, dims in settings.schemes.items():
            if not set(dims) <= asked[wave]:
                continue
            cells = weigh_cells(con, "respondents", wave, scheme, dims, codebook, settings)
            con.register("reweighed", cells.frame)
            match = " AND ".join(f'respondents."{d}"::VARCHAR = reweighed."{d}"' for d in dims)
            con.execute(f"UPDATE respondents SET weight_{scheme} = reweighed.weight FROM reweighed "
                        f"WHERE respondents.wave = $wave AND {match}", {"wave": wave})
            con.unregister("reweighed")
            rows.append(_info(wave, scheme, dims, cells.result, settings))
    delivered = con.execute("SELECT * EXCLUDE (method) FROM weighting_info WHERE scheme = 'delivered'"
                            if _has_method(con) else
                            "SELECT * FROM weighting_info WHERE scheme = 'delivered'").df()
    con.execute("DROP TABLE weighting_info")
    con.execute(WEIGHTING_INFO)
    con.register("delivered_rows", delivered)
    con.execute("INSERT INTO weighting_info BY NAME SELECT * FROM delivered_rows")
    con.unregister("delivered_rows")
    for row in rows:
        con.execute(f"INSERT INTO weighting_info BY NAME SELECT {', '.join(f'${k} AS {k}' for k in row)}", row)


def _has_method(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'weighting_info' "
                            "AND column_name = 'method'").fetchall()[0][0])


def upgrade(db: Path | None = None, waiting: Callable[[int | None], None] | None = None) -> Path | None:
    """Publish the database `db` again as a new version with what this version of the app reads and it lacks
    (missing_parts, computed from the answers), everything else copied as it is.
    Returns the new version, or None where nothing was missing. Raises BuildError as publish does."""
    db = database_path(db)
    if not db.parent.is_dir():
        raise BuildError(f"there is no database at {db} to upgrade")
    with versions.writer(db, waiting):  # what is published now is what the new version is made from
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
