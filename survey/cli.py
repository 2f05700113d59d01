"""The command line: python -m survey reconstruct | build | figures | crosstab | import | versions | rollback |
synth.

Every expected failure (a bad file, a bad --where, a missing database) ends in one clear sentence on
standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

import duckdb

from survey import codebook as cb
from survey.paths import RESPONSES, database_path

EXIT_FAILED = 1  # the command ran and did not succeed (invalid data, reconstruction out of date)
EXIT_USAGE = 2  # the command was asked for wrongly (bad arguments, missing database)
FIGURE_COLUMNS = ["id", "option", "group", "base_n", "n", "pct", "ci_low", "ci_high"]
CROSSTAB_COLUMNS = ["group", "option", "base_n", "n", "pct", "ci_low", "ci_high", "p_value", "significant", "flag"]


class Failure(Exception):
    """An expected failure: its message is said to the user as it is."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def cmd_reconstruct(args: argparse.Namespace) -> int:
    from survey import reconstruct

    out = Path(args.out)
    if args.check:
        fresh = reconstruct.to_csv(reconstruct.Reconstruction().run(), cb.load(), cb.load().survey["wave"])
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != fresh:
            raise Failure(f"{out} is not what `python -m survey reconstruct` writes; run it again")
        print(f"{out} is up to date ({reconstruct.N} respondents)")
        return 0
    reconstruct.reconstruct(out)
    print(f"wrote {out} ({reconstruct.N} respondents)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from survey.build import BuildError, build
    from survey.validate import InvalidResponses

    try:
        result = build(Path(args.source), database_path(args.db))
    except InvalidResponses as err:
        raise Failure(err.report()) from None
    except BuildError as err:
        raise Failure(str(err)) from None
    print(f"built {result.path} from {args.source}: {result.respondents} respondents in {result.seconds:.2f} s")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from survey.build import BuildError, upgrade

    try:
        target = upgrade(database_path(args.db))
    except BuildError as err:
        raise Failure(str(err)) from None
    except duckdb.Error as err:
        raise Failure(f"the database cannot be read as a survey database ({first_line(err)})") from None
    print(f"upgraded {database_path(args.db)}: published {target}" if target else
          f"{database_path(args.db)} is up to date")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from survey.build import BuildError
    from survey.imports import import_file
    from survey.validate import InvalidResponses

    db = database_path(args.db)
    try:
        result = import_file(Path(args.file), db, mapping=args.mapping and Path(args.mapping), sheet=args.sheet,
                             wave=args.wave, dry_run=args.dry_run)
    except InvalidResponses as err:
        raise Failure(err.report()) from None
    except BuildError as err:
        raise Failure(str(err)) from None
    kept = ", ".join(f"{w} ({n})" for w, n in sorted(result.kept.items())) or "none"
    if result.version is None:
        print(f"{args.file} is valid: wave {result.wave}, {result.respondents} respondents; other waves kept: "
              f"{kept}. Nothing was written (--dry-run).")
    else:
        print(f"published {result.version.name}: wave {result.wave} from {args.file}, {result.respondents} "
              f"respondents; other waves kept: {kept}")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from survey import versions

    listing = versions.listing(database_path(args.db))
    if not listing:
        raise Failure(f"there are no versions of {database_path(args.db)} yet; build or import one first")
    rows = [{"published": "*" if v.published else "", "version": v.name, "built_at": v.built_at,
             "source": v.source, "respondents": v.respondents, "waves": v.waves} for v in listing]
    write_rows(rows, list(rows[0]), "table")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from survey import versions

    try:
        chosen = versions.rollback(database_path(args.db), args.version)
    except versions.VersionError as err:
        raise Failure(str(err)) from None
    print(f"published {chosen.name} again ({chosen.respondents} respondents, waves {chosen.waves})")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from survey.synth import synthesize

    if args.respondents < 1:
        raise Failure("--respondents must be at least 1", EXIT_USAGE)
    out = synthesize(args.respondents, Path(args.out), seed=args.seed)
    print(f"wrote {out}: {args.respondents} respondents resampled from the reconstruction (seed {args.seed})")
    return 0


def segment(args: argparse.Namespace, codebook: cb.Codebook):
    from survey.filters import FilterError, parse_where

    try:
        return parse_where(codebook, args.where)
    except FilterError as err:
        raise Failure(str(err), EXIT_USAGE) from None


def reading(run):
    """Run `run()` against the database, turning a missing or unreadable file into a Failure."""
    import queries

    try:
        return run()
    except queries.MissingDatabase as err:
        raise Failure(str(err), EXIT_USAGE) from None
    except duckdb.Error as err:
        raise Failure(f"the database cannot be read as a survey database ({first_line(err)})") from None


def cmd_figures(args: argparse.Namespace) -> int:
    from survey import figures

    codebook = cb.load()
    filters = segment(args, codebook)
    rows = reading(lambda: figures.all_rows(codebook, filters, database_path(args.db), args.weights, args.level))
    write_figures(rows, args.format, whole_sample=not filters.active and args.weights == "none")
    return 0


def cmd_crosstab(args: argparse.Namespace) -> int:
    from survey import estimates
    from survey.results import share_rows

    codebook = cb.load()
    if args.question not in codebook:
        raise Failure(f"{args.question!r} is not a question; use one of {', '.join(q.id for q in codebook.questions)}",
                      EXIT_USAGE)
    if args.by not in codebook.dimension_ids:
        raise Failure(f"{args.by!r} is not a dimension; use one of {', '.join(codebook.dimension_ids)}", EXIT_USAGE)
    filters = segment(args, codebook)
    frame = reading(lambda: share_rows(codebook[args.question], by=args.by, weights=args.weights,
                                       params=filters.params(codebook), db=database_path(args.db)))
    rows = [] if frame.empty else crosstab_rows(estimates.annotate(frame, args.level))
    write_rows(rows, CROSSTAB_COLUMNS, args.format)
    return 0


def crosstab_rows(frame) -> list[dict]:
    from survey.estimates import plain_number as number

    return [{"group": r.group, "option": r.option, "base_n": number(r.base_n, int), "n": number(r.n, int),
             "pct": number(r.pct), "ci_low": number(r.ci_low), "ci_high": number(r.ci_high),
             "p_value": number(r.p_value), "significant": bool(r.significant), "flag": r.flag}
            for r in frame.itertuples(index=False)]


def write_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([{k: r[k] for k in columns} for r in rows], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(table(rows, columns))


def table(rows: list[dict], columns: list[str]) -> str:
    def text(value) -> str:
        if value is None:
            return "-"
        return f"{value:.1f}" if isinstance(value, float) else str(value)
    cells = [[f"{r[c]:.4f}" if c == "p_value" and r[c] is not None else text(r[c]) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in [columns, *cells])


def first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def write_figures(rows: list[dict], fmt: str, whole_sample: bool) -> None:
    write_rows(rows, FIGURE_COLUMNS, fmt)
    if fmt == "table" and whole_sample:
        print(verdict_lines(rows))


def verdict_lines(rows: list[dict]) -> str:
    from survey import figures

    said = {True: "reproduced", False: "NOT reproduced", None: "cannot be reproduced, see README"}
    lines = ["", "Published figures (whole sample, unweighted):"]
    for fig_id, verdict in figures.verdicts(rows).items():
        lines.append(f"{fig_id:<4} {said[verdict]:<32} published: {figures.figure(fig_id).published}")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m survey", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)

    rec = sub.add_parser("reconstruct", help="write the reconstructed responses (data/responses.csv)")
    rec.add_argument("--out", default=str(RESPONSES), help="where to write (default: %(default)s)")
    rec.add_argument("--check", action="store_true", help="only check that the file is up to date")
    rec.set_defaults(run=cmd_reconstruct)

    bld = sub.add_parser("build", help="validate a responses file and publish it as the database")
    bld.add_argument("--source", default=str(RESPONSES), help="responses CSV (default: %(default)s)")
    bld.add_argument("--db", help="database to write (default: $SURVEY_DB or data/survey.duckdb)")
    bld.set_defaults(run=cmd_build)

    upg = sub.add_parser("upgrade", help="publish the database again with the columns this version reads, "
                                         "every answer kept (nothing to do when it has them)")
    upg.add_argument("--db", help="database (default: $SURVEY_DB or data/survey.duckdb)")
    upg.set_defaults(run=cmd_upgrade)

    fig = sub.add_parser("figures", help="print the published figures for the whole sample or a segment")
    add_common(fig)
    fig.set_defaults(run=cmd_figures)

    tab = sub.add_parser("crosstab", help="one question by one dimension, with intervals and significance")
    tab.add_argument("question", help="a question id of the codebook")
    tab.add_argument("--by", required=True, help="the dimension to split by")
    add_common(tab)
    tab.set_defaults(run=cmd_crosstab)

    imp = sub.add_parser("import", help="validate a survey export and publish it as a new version")
    imp.add_argument("file", help="CSV, XLSX or SPSS .sav; Qualtrics and SurveyMonkey exports are recognised")
    imp.add_argument("--mapping", help="YAML file mapping source columns and values to codebook ids")
    imp.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    imp.add_argument("--wave", help="the wave of these answers, where the file does not say")
    imp.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    imp.add_argument("--db", help="database to publish (default: $SURVEY_DB or data/survey.duckdb)")
    imp.set_defaults(run=cmd_import)

    ver = sub.add_parser("versions", help="list the published database's versions")
    ver.add_argument("--db", help="database (default: $SURVEY_DB or data/survey.duckdb)")
    ver.set_defaults(run=cmd_versions)

    rol = sub.add_parser("rollback", help="publish an earlier version again")
    rol.add_argument("version", nargs="?", help="the version to publish (default: the one before)")
    rol.add_argument("--db", help="database (default: $SURVEY_DB or data/survey.duckdb)")
    rol.set_defaults(run=cmd_rollback)

    syn = sub.add_parser("synth", help="write a database of N respondents resampled from the reconstruction")
    syn.add_argument("--respondents", type=int, required=True)
    syn.add_argument("--out", required=True, help="the DuckDB file to write")
    syn.add_argument("--seed", type=int, default=1)
    syn.set_defaults(run=cmd_synth)
    return top


def add_common(command: argparse.ArgumentParser) -> None:
    from survey.state import LEVELS, WEIGHTS

    command.add_argument("--where", action="append", default=[], metavar="DIM=VALUE",
                         help="keep respondents with this value (repeat for more dimensions)")
    command.add_argument("--weights", choices=WEIGHTS, default="none", help="weighting scheme (default: none)")
    command.add_argument("--level", type=int, choices=[int(v) for v in LEVELS], default=95,
                         help="confidence level in percent (default: 95)")
    command.add_argument("--format", choices=("table", "json", "csv"), default="table")
    command.add_argument("--db", help="database to read (default: $SURVEY_DB or data/survey.duckdb)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Failure as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    except cb.CodebookError as err:
        print(f"error: the codebook is not valid: {err}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return 0
    except Exception as err:  # the promise is a sentence, not a traceback; SURVEY_DEBUG=1 shows it
        if os.environ.get("SURVEY_DEBUG"):
            raise
        print(f"error: unexpected failure ({type(err).__name__}: {first_line(err)}); "
              "run again with SURVEY_DEBUG=1 for details", file=sys.stderr)
        return EXIT_FAILED
