"""Import a survey export, or build from a responses file: read it into DuckDB (survey.ingest.sources,
survey.ingest.staging), check it (survey.ingest.validate) and publish it as a new version (survey.ingest.build) in which
the file's wave replaces any earlier answers of that wave and every other wave is kept (a build replaces them
all). Nothing is written before the whole file has passed, and nothing at all with dry_run. The answers
never pass through Python row by row: DuckDB reads, checks and writes them.
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from survey.base.paths import RESPONSES, database_path
from survey.ingest import build as writer
from survey.ingest import mapping as mappings
from survey.ingest import sources, staging, validate, versions
from survey.model import codebook as cb
from survey.stats.weighting import load_settings
from survey.texts.i18n import visible
from survey.texts.problems import InvalidResponses, Problem, say


@dataclass(frozen=True)
class ImportResult:
    source: Path
    waves: list[str]
    respondents: int
    kept: dict[str, int]  # the other waves already published, with their respondents
    version: Path | None  # None for a dry run
    notes: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def wave(self) -> str:
        return ", ".join(self.waves)


class DiskFull(writer.BuildError):
    """The disk filled up (or the quota was used up) while an import wrote: nothing was published."""

    def __init__(self, key: str, folder: Path):
        self.key, self.folder = key, folder
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return say(self.key, lang, folder=visible(str(self.folder)))


def _written_folder(err: BaseException, default: Path) -> Path:
    """The folder of the file an error says could not be written (an OSError's file name, the path in DuckDB's
    message), else `default`."""
    name = getattr(err, "filename", None) or getattr(err.__cause__, "filename", None)
    found = re.search(r'file "([^"]+)"', str(err))
    return Path(str(name or found.group(1))).parent if name or found else default


@contextmanager
def _room(key: str, folder: Path) -> Iterator[None]:
    """A full disk met inside, in whatever words it comes (an OSError, DuckDB's IO error, a BuildError raised from
    either), as DiskFull: the sentence `key` naming the folder."""
    try:
        yield
    except DiskFull:
        raise
    except (OSError, duckdb.Error, writer.BuildError) as err:
        if not sources.disk_full(err):
            raise
        where = folder if key == "disk_full" else _written_folder(err.__cause__ or err, folder)
        raise DiskFull(key, where) from err


def published(db: Path, version: Path | None = None) -> tuple[Path | None, list[tuple]]:
    """The version published at `db` (or the given `version` of it) and its waves (wave, respondents, source,
    reconstructed)."""
    current = version or (versions.current(db) if db.exists() or db.is_symlink() else None)
    if current is None or not current.exists():
        return None, []
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {writer.sql_text(str(current))} AS old (READ_ONLY)")
        return current, con.execute("SELECT wave, respondents, source, reconstructed FROM old.waves "
                                    "ORDER BY wave").fetchall()
    except duckdb.Error:
        return current, []
    finally:
        con.close()


def _first_sheet(source, plan: staging.Plan, sheet: str | None) -> list[Problem]:
    """A workbook whose first sheet has nothing of the answers: say which sheets there are."""
    if source.container != "xlsx" or sheet is not None or plan.feeds or plan.expansions or len(source.sheets) < 2:
        return []
    others = ", ".join(s for s in source.sheets if s != source.sheet)
    return [Problem("file_first_sheet", values={"sheet": repr(source.sheet), "sheets": others})]


def scheme_notes(checked: validate.Checked) -> list[Problem]:
    """A note for each weighting the file's wave cannot have: it did not ask the scheme's dimensions."""
    notes = []
    for scheme, dims in load_settings().schemes.items():
        missing = [d for d in dims if d not in checked.asked]
        if missing:
            notes += [Problem("note_scheme", values={"scheme": lambda lang, s=scheme: say(f"weights_{s}", lang),
                                                     "wave": wave, "dimensions": ", ".join(missing)})
                      for wave in checked.waves]
    return notes


def _answers(checked: validate.Checked, plan: staging.Plan, codebook: cb.Codebook) -> writer.Answers:
    params: dict = {}
    expressions = {q: validate.asked_sql(codebook[q], codebook, checked.asked, params)
                   for q in checked.asked if codebook[q].kind == "multi"}
    return writer.Answers(checked.waves, checked.asked, expressions, params, plan.blank_unchosen,
                         plan.feed("respondent_id") is not None, plan.feed("source_id") is not None,
                         checked.renumber, checked.has_weight)


def _weights(con, codebook: cb.Codebook, checked: validate.Checked) -> tuple:
    weights, info = writer.rake_waves(con, codebook, checked.asked, checked.waves)
    if checked.has_weight:
        info += writer.delivered_info(con, checked.waves)
    return weights, info


def _publish(con, path: Path, db: Path, codebook: cb.Codebook, plan: staging.Plan, checked: validate.Checked,
             replace_all: bool, reconstructed: bool, name: str, waiting: Callable[[int | None], None] | None) -> Path:
    """Publish the checked file as the one writer (versions.writer), from the waves published when it starts to
    write: a second import at the same moment waits, and then keeps this one's wave."""
    try:
        with versions.writer(db, waiting):
            return _write(con, path, db, codebook, plan, checked, replace_all, reconstructed, name)
    except versions.VersionError as err:  # no folder for the database
        raise writer.BuildError(str(err)) from None
    except OSError as err:
        raise writer.BuildError(f"the database {db} could not be written ({err}); the previous one is "
                               "unchanged") from err


def _write(con, path: Path, db: Path, codebook: cb.Codebook, plan: staging.Plan, checked: validate.Checked,
           replace_all: bool, reconstructed: bool, name: str) -> Path:
    current, old_waves = (None, []) if replace_all else published(db)
    sources = {w: writer.Wave(w, s, bool(r)) for w, _, s, r in old_waves if w not in checked.waves}
    sources.update({w: writer.Wave(w, name, reconstructed) for w in checked.waves})
    kept = writer.KeptWaves(current, list(checked.waves))
    weights, weighting_info = _weights(con, codebook, checked)
    info = {"built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(), "source": name,
            "source_sha256": writer.file_sha256(path), "codebook_version": codebook.version}
    answers = _answers(checked, plan, codebook)
    return writer.publish_version(db, lambda tmp: writer.write_database(
        tmp, con, codebook, answers, kept, sources, info, weights, weighting_info))


def import_file(path: Path, db: Path, *, mapping: Path | None = None, sheet: str | None = None,
                wave: str | None = None, dry_run: bool = False, replace_all: bool = False,
                codebook: cb.Codebook | None = None, reconstructed: bool = False,
                name: str | None = None, mapping_name: str | None = None,
                waiting: Callable[[int | None], None] | None = None) -> ImportResult:
    """Read, check and (unless dry_run) publish `path`. An import holds one wave and keeps the others; with
    replace_all (a build) the file may hold several and replaces everything. `name`, `mapping_name`: the
    files as reports name them (an upload's own name). Raises InvalidResponses (nothing written) or BuildError
    (the published database as it was; DiskFull where the disk filled up). Another writer publishing at the
    same moment is waited for, after `waiting(pid)` (versions.writer)."""
    started = time.perf_counter()
    path, db = Path(path), Path(db)
    codebook = codebook or cb.load()
    rules = mappings.load(mapping, codebook, mapping_name) if mapping else None
    con = duckdb.connect()
    try:
        with _room("disk_full_temporary", Path(tempfile.gettempdir())), tempfile.TemporaryDirectory() as folder:
            con.execute("SET enable_progress_bar = false")
            for statement in [*writer.enum_types(codebook), staging.FLAG]:
                con.execute(statement)
            source, plan = staging.read(con, path, codebook, Path(folder), mapping=rules, sheet=sheet, name=name)
            problems = _first_sheet(source, plan, sheet) or validate.header_problems(plan, codebook,
                                                                                   wave is not None)
            if problems:
                raise InvalidResponses(source.name, problems, plan.notes)
            lookups = staging.stage(con, source, plan, codebook, rules, wave, Path(folder))
            checked = validate.check(con, source, plan, codebook, rules, lookups, one_wave=not replace_all)
            checked.notes += scheme_notes(checked)
            version = None
            if not dry_run:
                with _room("disk_full", versions.folder(db)):
                    version = _publish(con, path, db, codebook, plan, checked, replace_all, reconstructed,
                                       source.name, waiting)
            kept = {} if replace_all else {w: n for w, n, _, _ in published(db, version)[1] if w not in checked.waves}
    finally:
        con.close()
    return ImportResult(path, checked.waves, checked.respondents, kept, version, checked.notes,
                        time.perf_counter() - started)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    respondents: int
    seconds: float


def build(source: Path = RESPONSES, db: Path | None = None, codebook: cb.Codebook | None = None,
          lang: str = "en", waiting: Callable[[int | None], None] | None = None) -> BuildResult:
    """Validate `source` (a responses file in the codebook's layout, every wave in it) and publish it as the
    database `db`, replacing what was published. Raises InvalidResponses or BuildError; in either case the
    database at `db` is as it was."""
    source, db = Path(source), database_path(db)
    result = import_file(source, db, replace_all=True, codebook=codebook,
                         reconstructed=source.resolve() == RESPONSES.resolve(), waiting=waiting)
    return BuildResult(db, result.respondents, result.seconds)
