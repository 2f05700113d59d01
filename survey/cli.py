"""The command line: python -m survey reconstruct | build | figures.

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
FIGURE_COLUMNS = ["id", "option", "group", "base_n", "n", "pct"]


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


def cmd_figures(args: argparse.Namespace) -> int:
    import queries
    from survey import figures
    from survey.filters import FilterError, parse_where

    codebook = cb.load()
    try:
        filters = parse_where(codebook, args.where)
    except FilterError as err:
        raise Failure(str(err), EXIT_USAGE) from None
    try:
        rows = figures.all_rows(codebook, filters, database_path(args.db))
    except queries.MissingDatabase as err:
        raise Failure(str(err), EXIT_USAGE) from None
    except duckdb.Error as err:
        raise Failure(f"{database_path(args.db)} cannot be read as a survey database ({first_line(err)})") from None
    write_figures(rows, args.format, whole_sample=not filters.active)
    return 0


def first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def write_figures(rows: list[dict], fmt: str, whole_sample: bool) -> None:
    if fmt == "json":
        print(json.dumps([{k: r[k] for k in FIGURE_COLUMNS} for r in rows], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, FIGURE_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(figures_table(rows, whole_sample))


def figures_table(rows: list[dict], whole_sample: bool) -> str:
    from survey import figures

    lines = [f"{'id':<4} {'group':<11} {'option':<25} {'base_n':>7} {'n':>6} {'pct':>6}"]
    lines += [f"{r['id']:<4} {r['group']:<11} {r['option']:<25} {r['base_n']:>7} {r['n']:>6} {r['pct']:>6.1f}"
              for r in rows]
    if whole_sample:
        lines += ["", "Published figures (whole sample):"]
        said = {True: "reproduced", False: "NOT reproduced", None: "cannot be reproduced, see README"}
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

    fig = sub.add_parser("figures", help="print the published figures for the whole sample or a segment")
    fig.add_argument("--where", action="append", default=[], metavar="DIM=VALUE",
                     help="keep respondents with this value (repeat for more dimensions)")
    fig.add_argument("--format", choices=("table", "json", "csv"), default="table")
    fig.add_argument("--db", help="database to read (default: $SURVEY_DB or data/survey.duckdb)")
    fig.set_defaults(run=cmd_figures)
    return top


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
