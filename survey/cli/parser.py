"""The command line: python -m survey reconstruct | build | figures | crosstab | report | standout | import |
versions | rollback | synth | benchmark. Its commands and their options (parser), and main, which runs one.

Every expected failure (a bad file, a bad --where, a missing database) ends in one clear sentence on
standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys

from survey.base.paths import RESPONSES
from survey.cli.common import EXIT_FAILED, EXIT_USAGE, Failure, first_line
from survey.cli.data import cmd_build, cmd_import, cmd_reconstruct, cmd_rollback, cmd_synth, cmd_upgrade, cmd_versions
from survey.cli.files import cmd_benchmark, cmd_report
from survey.cli.tables import cmd_crosstab, cmd_figures, cmd_standout
from survey.model import codebook as cb


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
    add_lang(bld)
    bld.set_defaults(run=cmd_build)

    upg = sub.add_parser("upgrade", help="publish the database again with the columns this version reads, "
                                         "every answer kept (nothing to do when it has them)")
    upg.add_argument("--db", help="database (default: $SURVEY_DB or data/survey.duckdb)")
    upg.set_defaults(run=cmd_upgrade)

    fig = sub.add_parser("figures", help="print the published figures for the whole sample or a segment")
    fig.add_argument("--by", choices=("wave",), help="each figure's rows once per wave")
    add_common(fig)
    fig.set_defaults(run=cmd_figures)

    tab = sub.add_parser("crosstab", help="banner tables: questions against a Total column and dimensions, with "
                                          "intervals, significance and column letters")
    tab.add_argument("question", nargs="*", help="question ids of the codebook (a table each)")
    tab.add_argument("--all", action="store_true", help="every question: the table set")
    tab.add_argument("--by", action="append", default=[], metavar="DIM",
                     help="a dimension of the banner, or wave (repeat for more; none: the Total column alone)")
    tab.add_argument("--letters", action="store_true",
                     help="pairwise column letters: a share significantly higher than column B's carries B "
                          "(z-test on effective n, Holm within each dimension)")
    add_common(tab)
    tab.set_defaults(run=cmd_crosstab)

    rep = sub.add_parser("report", help="write the report of every page for a selection as a PowerPoint deck")
    rep.add_argument("--out", required=True, help="the .pptx file to write")
    rep.add_argument("--by", default="none", help="the dimension to compare by, or wave (default: none)")
    rep.add_argument("--where", action="append", default=[], metavar="DIM=VALUE",
                     help="keep respondents with this value of a dimension or answer to a question, e.g. "
                          "company_use=yes (repeat for more)")
    add_lang(rep)
    add_weighting(rep)
    rep.add_argument("--db", help="database to read (default: $SURVEY_DB or data/survey.duckdb)")
    rep.set_defaults(run=cmd_report)

    std = sub.add_parser("standout", help="what stands out: every answer to every question tested against the "
                                          "rest (each --by group, or the --where selection), Benjamini-Hochberg "
                                          "across all the tests, the differences that hold largest first")
    std.add_argument("--by", default="none", help="the dimension whose groups are each tested against the rest, "
                                                  "or wave (default: none, the selection against the rest)")
    std.add_argument("--fdr", type=float, metavar="Q",
                     help="false discovery rate (default: false_discovery_rate of statistics.yaml, 0.05)")
    add_lang(std)
    add_common(std)
    std.set_defaults(run=cmd_standout)

    imp = sub.add_parser("import", help="validate a survey export and publish it as a new version")
    imp.add_argument("file", help="CSV, XLSX or SPSS .sav; Qualtrics and SurveyMonkey exports are recognised")
    imp.add_argument("--mapping", help="YAML file mapping source columns and values to codebook ids")
    imp.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    imp.add_argument("--wave", help="the wave of these answers, where the file does not say")
    imp.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    imp.add_argument("--db", help="database to publish (default: $SURVEY_DB or data/survey.duckdb)")
    add_lang(imp)
    imp.set_defaults(run=cmd_import)

    ver = sub.add_parser("versions", help="list the published database's versions")
    ver.add_argument("--db", help="database (default: $SURVEY_DB or data/survey.duckdb)")
    ver.add_argument("--prune", metavar="KEEP", help="first remove all but the newest KEEP versions (the "
                                                     "published one is always kept) and what killed builds left")
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

    ben = sub.add_parser("benchmark", help="one company (the client, a one-row file) against its peers: the peers' "
                                          "share of each of its answers, where it stands, a sentence")
    ben.add_argument("--client", required=True, help="the client's answers: one row, in any layout import reads")
    ben.add_argument("--mapping", help="YAML file mapping the file's columns and values to codebook ids, as import")
    ben.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    ben.add_argument("--name", help="the client's name in the sentences and files (default: the file's name)")
    ben.add_argument("--peers", help="what peers share with the client: some of size, industry, region (default: "
                                     "data/benchmark.yaml's peers)")
    ben.add_argument("--pptx", metavar="FILE", help="also write the benchmark as a PowerPoint deck")
    ben.add_argument("--xlsx", metavar="FILE", help="also write the benchmark as a workbook")
    add_lang(ben)
    add_common(ben)
    ben.set_defaults(run=cmd_benchmark)
    return top


def add_lang(command: argparse.ArgumentParser) -> None:
    from survey.texts.i18n import DEFAULT_LANGUAGE, LANGUAGES

    command.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                         help="the language of the report: nb (default, as the app) or en")


def add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--where", action="append", default=[], metavar="DIM=VALUE",
                         help="keep respondents with this value of a dimension or answer to a question, e.g. "
                              "company_use=yes or private_channels=linkedin,twitter (any of them; repeat for "
                              "more); wave=2011 keeps the respondents of that wave")
    add_weighting(command)
    command.add_argument("--format", choices=("table", "json", "csv"), default="table")
    command.add_argument("--db", help="database to read (default: $SURVEY_DB or data/survey.duckdb)")


def add_weighting(command: argparse.ArgumentParser) -> None:
    from survey.model.state import LEVELS, WEIGHTS

    command.add_argument("--weights", choices=WEIGHTS, default="none", help="weighting scheme (default: none)")
    command.add_argument("--level", type=int, choices=[int(v) for v in LEVELS], default=95,
                         help="confidence level in percent (default: 95)")


def main(argv: list[str] | None = None) -> int:
    from queries import QueryError

    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Failure as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    except cb.CodebookError as err:
        print(f"error: the codebook is not valid: {err}", file=sys.stderr)
        return EXIT_FAILED
    except QueryError as err:  # a selection the rules refuse (a union or weights on a wave with noise)
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except Exception as err:  # the promise is a sentence, not a traceback; SURVEY_DEBUG=1 shows it
        if os.environ.get("SURVEY_DEBUG"):
            raise
        print(f"error: unexpected failure ({type(err).__name__}: {first_line(err)}); "
              "run again with SURVEY_DEBUG=1 for details", file=sys.stderr)
        return EXIT_FAILED
