"""Import a survey export: read it (survey.importers), validate it against the codebook, and publish it as a
new version in which the import's wave replaces any earlier answers of that wave and every other wave is kept.
Nothing is written before the whole file has passed validation, and nothing at all with dry_run.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from survey import codebook as cb
from survey import importers
from survey.build import Wave, publish
from survey.validate import InvalidResponses, Problem, validate_table


@dataclass(frozen=True)
class ImportResult:
    source: Path
    wave: str
    respondents: int
    kept: dict[str, int]  # the other waves already published, with their respondents
    version: Path | None  # None for a dry run


def record_of(row: dict, codebook: cb.Codebook) -> dict:
    """A row of the `responses` view as a validated record (the shape validate_table gives)."""
    record = {"respondent_id": int(row["respondent_id"]), "wave": row["wave"]}
    for q in codebook.questions:
        if q.kind == "single":
            record[q.id] = row[q.id]
        else:
            chosen = {o: row[f"{q.id}__{o}"] for o in q.option_ids}
            record[q.id] = None if all(v is None for v in chosen.values()) else {o: bool(v) for o, v in chosen.items()}
        if q.open_text:
            record[f"{q.id}_text"] = row[f"{q.id}_text"]
    return record


def published_waves(db: Path, codebook: cb.Codebook, leave_out: str) -> tuple[list[dict], dict[str, Wave]]:
    """The records and wave sources of the published database, leaving out the wave `leave_out`."""
    if not db.exists():
        return [], {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute("SELECT * FROM responses WHERE wave <> ? ORDER BY wave, respondent_id",
                            [leave_out]).df()
        waves = con.execute("SELECT wave, source, reconstructed FROM waves WHERE wave <> ?", [leave_out]).fetchall()
    finally:
        con.close()
    frame = frame.astype(object).where(frame.notna(), None)
    return [record_of(row, codebook) for row in frame.to_dict("records")], {w: Wave(w, s, r) for w, s, r in waves}


def import_file(path: Path, db: Path, *, mapping: Path | None = None, sheet: str | None = None,
                wave: str | None = None, dry_run: bool = False) -> ImportResult:
    """Read, validate and (unless dry_run) publish `path`. Raises InvalidResponses (nothing written) or
    BuildError (the published database as it was)."""
    codebook = cb.load()
    rules = importers.load_mapping(mapping) if mapping else None
    table = importers.read(Path(path), codebook, mapping=rules, sheet=sheet, wave=wave)
    records = validate_table(table, codebook).rows
    waves = sorted({r["wave"] for r in records})
    if len(waves) != 1:
        raise InvalidResponses(str(path), [Problem(None, "wave", f"an import holds one wave, this file holds "
                                                                 f"{len(waves)}: {', '.join(waves)}")])
    kept, sources = published_waves(db, codebook, waves[0])
    counts = {w: sum(r["wave"] == w for r in kept) for w in sources}
    if dry_run:
        return ImportResult(Path(path), waves[0], len(records), counts, None)
    sources[waves[0]] = Wave(waves[0], Path(path).name, False)
    version = publish(kept + records, db, codebook, sources, Path(path))
    return ImportResult(Path(path), waves[0], len(records), counts, version)
