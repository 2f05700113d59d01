"""Synthetic databases of any size, for benchmarks at scale: how the queries and pages behave with a million
respondents or ten million, where the survey itself has 847.

    synthesize(1_000_000, Path("/tmp/synth.duckdb"), seed=1) -> Path("/tmp/synth.duckdb")

The respondents are a bootstrap of the reconstruction: each synthetic respondent is a whole respondent of the
reconstruction drawn with replacement, with every answer, profile, free text and weight. Nothing is drawn
question by question, so no combination appears that the reconstruction lacks, and every joint distribution
(company_use by company_size, private_channels by gender, routing, the weights with the profiles they were
raked for) is the reconstruction's, up to sampling noise that shrinks as the size grows.

The file has the schema of a built database (survey.ingest.build.ddl, the codebook tables, waves, weighting_info,
build_info), so every query module and page runs on it unchanged. DuckDB does the drawing in SQL, by a hash
of the respondent number and the seed: the same size and seed give the same rows, and ten million
respondents never pass through Python.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import duckdb

from survey.base.paths import RESPONSES
from survey.ingest.build import NOTICE, codebook_frames, ddl, enum_type, sql_text, write_wave_tables
from survey.ingest.imports import build
from survey.model import codebook as cb
from survey.stats import weighting

WAVE = "2010"


def carried_columns(codebook: cb.Codebook) -> list[tuple[str, str]]:
    """The columns a drawn respondent brings along, with their types in the respondents table (as in ddl)."""
    columns = [("source_id", "VARCHAR")]  # the id of the drawn respondent: where it came from
    for q in codebook.questions:
        if q.kind == "single":
            columns.append((q.id, enum_type(q)))
        else:
            columns += [(q.id, f"{enum_type(q)}[]"), (f"{q.id}_mask", "UINTEGER")]
        if q.open_text:
            columns.append((f"{q.id}_text", "VARCHAR"))
    columns += [(f"weight_{scheme}", "DOUBLE") for scheme in weighting.SCHEMES]
    return columns


def copy_pool(con: duckdb.DuckDBPyConnection, codebook: cb.Codebook) -> int:
    """The source respondents as the table pool, numbered k = 0.. in (wave, respondent_id) order and already
    in this database's types, so the big insert casts nothing. Returns how many there are."""
    casts = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in carried_columns(codebook))
    con.execute(f"""
        CREATE TABLE pool AS
        SELECT row_number() OVER (ORDER BY wave, respondent_id) - 1 AS k, {casts}
        FROM source.respondents
    """)
    (size,) = con.execute("SELECT count(*) FROM pool").fetchone()
    if size == 0:
        raise ValueError("the source database has no respondents to draw from")
    return size


def draw_respondents(con: duckdb.DuckDBPyConnection, codebook: cb.Codebook, respondents: int, seed: int) -> None:
    """Respondents 1..N, each a copy of the pool respondent that a hash of its number and the seed picks.
    No ORDER BY: the rows are the same without one, and sorting ten million rows would double the memory.
    Their record keys come from a hash too (the same seed, the same keys): synthetic respondents are nobody."""
    size = copy_pool(con, codebook)
    carried = [name for name, _ in carried_columns(codebook)]
    names = ", ".join(f"p.{name}" for name in carried)
    con.execute(f"""
        INSERT INTO respondents (respondent_id, wave, record_key, {', '.join(carried)})
        SELECT CAST(r.range + 1 AS INTEGER), {sql_text(WAVE)}, (hash(r.range, $seed, 'key') % 65536)::USMALLINT, {names}
        FROM range($respondents) AS r
        JOIN pool AS p ON p.k = hash(r.range, $seed) % $size
    """, {"respondents": respondents, "seed": seed, "size": size})
    con.execute("DROP TABLE pool")


def write_codebook(con: duckdb.DuckDBPyConnection, codebook: cb.Codebook) -> None:
    questions, options = codebook_frames(codebook)
    for name, frame in (("codebook_questions", questions), ("codebook_options", options)):
        con.register("frame", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
        con.unregister("frame")


def write_info(con: duckdb.DuckDBPyConnection, codebook: cb.Codebook, respondents: int, seed: int) -> None:
    """build_info, waves and weighting_info (the source's raking, which the drawn weights come from)."""
    built_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    con.execute("""
        CREATE TABLE build_info AS
        SELECT $built_at::VARCHAR AS built_at, $source::VARCHAR AS source, source_sha256,
               $respondents::BIGINT AS respondents, $version::BIGINT AS codebook_version, true AS reconstructed
        FROM source.build_info
    """, {"built_at": built_at, "source": f"synth:{respondents}:{seed}", "respondents": respondents,
          "version": codebook.version})
    con.execute("""
        CREATE TABLE waves AS
        SELECT $wave::VARCHAR AS wave, $respondents::BIGINT AS respondents, 'synth' AS source, true AS reconstructed
    """, {"wave": WAVE, "respondents": respondents})
    con.execute("CREATE TABLE weighting_info AS SELECT * FROM source.weighting_info WHERE wave = $wave", {"wave": WAVE})
    write_wave_tables(con)
    comment = "One row per respondent, as the data contract in DESIGN.md describes. " + NOTICE["en"]
    comment += f" Synthetic: {respondents} respondents drawn with replacement from the reconstruction."
    con.execute(f"COMMENT ON VIEW responses IS {sql_text(comment)}")


def write(path: Path, source: Path, codebook: cb.Codebook, respondents: int, seed: int) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(f"ATTACH {sql_text(str(source))} AS source (READ_ONLY)")
        for statement in ddl(codebook):
            con.execute(statement)
        draw_respondents(con, codebook, respondents, seed)
        write_codebook(con, codebook)
        write_info(con, codebook, respondents, seed)
        con.execute("DETACH source")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def synthesize(respondents: int, out: Path, *, seed: int = 1, source_db: Path | None = None) -> Path:
    """Write a database of `respondents` bootstrap draws from the reconstruction (`source_db`, or a build of
    data/responses.csv into a temporary folder) to `out`, replacing what is there. Returns `out`."""
    if respondents < 1:
        raise ValueError("respondents must be at least 1")
    out = Path(out)
    partial = Path(f"{out}.tmp")
    codebook = cb.load()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(source_db) if source_db else build(RESPONSES, Path(folder) / "seed.duckdb").path
        try:
            for leftover in (partial, Path(f"{partial}.wal")):
                leftover.unlink(missing_ok=True)
            write(partial, source, codebook, respondents, seed)
            Path(f"{out}.wal").unlink(missing_ok=True)
            os.replace(partial, out)
        finally:
            for leftover in (partial, Path(f"{partial}.wal")):
                leftover.unlink(missing_ok=True)
    return out
