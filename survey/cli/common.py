"""What the commands share: the exit codes and Failure (an expected failure, said in one sentence), the notes
on standard error, reading the database, the selection of --where and --weights checked against it, and the
rows written as a table, JSON or CSV.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys

import duckdb

from survey.base.paths import database_path
from survey.model import codebook as cb

EXIT_FAILED = 1  # the command ran and did not succeed (invalid data, reconstruction out of date)
EXIT_USAGE = 2  # the command was asked for wrongly (bad arguments, missing database)


class Failure(Exception):
    """An expected failure: its message is said to the user as it is."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def waiting(args: argparse.Namespace):
    """What a command that publishes says on standard error while another writer publishes (versions.writer)."""
    from survey.texts.problems import waiting_text

    return lambda pid: note(waiting_text(pid, getattr(args, "lang", "en")))


def said(err: Exception, lang: str) -> str:
    """A BuildError in the report's language where it has one (a full disk: survey.ingest.imports.DiskFull)."""
    return err.text(lang) if hasattr(err, "text") else str(err)


def first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def reading(run):
    """Run `run()` against the database, turning a missing or unreadable file into a Failure."""
    import queries

    try:
        return run()
    except queries.MissingDatabase as err:
        raise Failure(str(err), EXIT_USAGE) from None
    except duckdb.Error as err:
        raise Failure(f"the database cannot be read as a survey database ({first_line(err)})") from None


def wave_words(waves: list[str]) -> str:
    return f"wave {waves[0]}" if len(waves) == 1 else f"waves {', '.join(waves)}"


def segment(args: argparse.Namespace, codebook: cb.Codebook):
    """The --where filters; a wave among them is checked against the waves of the database."""
    from survey.model.filters import FilterError, parse_where

    try:
        return parse_where(codebook, args.where, database_waves(args))
    except FilterError as err:
        raise Failure(str(err), EXIT_USAGE) from None


def database_waves(args: argparse.Namespace) -> list[str]:
    from survey.analysis.results import waves

    return reading(lambda: waves(database_path(args.db)))


def chosen_waves(args: argparse.Namespace, filters) -> list[str]:
    """The waves the filters keep: those of --where wave=..., or every wave of the database."""
    from survey.model.filters import WAVE

    return list(filters.selected.get(WAVE, ())) or database_waves(args)


def asked_notes(args: argparse.Namespace, question_ids: list[str], waves: list[str]) -> dict[str, list[str]]:
    """Say on standard error which of `waves` did not ask each question, or did not offer some of its options
    (their rows are of the other waves; an option not offered is counted on the waves that offered it).
    Returns {question: the waves that did not ask it}, for the questions some of them did not ask."""
    from survey.analysis import dataset

    db = database_path(args.db)
    missing: dict[str, list[str]] = {}
    for question in question_ids:
        gone = reading(lambda: dataset.not_asked(question, waves, db))
        asking = [w for w in waves if w not in gone]
        if gone:
            missing[question] = gone
        if not asking:
            continue
        if gone:
            note(f"{question} was not asked in {wave_words(gone)}; its rows are of {wave_words(asking)} only")
        for option, without in reading(lambda: dataset.not_offered(question, asking, db)).items():
            note(f"{question} did not offer {option} in {wave_words(without)}")
    return missing


def check_weights(args: argparse.Namespace, waves: list[str]) -> None:
    """A weighting every one of the selected waves has weights for (the delivered weights may exist for some
    waves only, and a wave that did not ask a scheme's dimensions has none of that scheme)."""
    from survey.analysis import dataset

    available = reading(lambda: dataset.weight_schemes(waves, database_path(args.db)))
    if args.weights not in available:
        raise Failure(f"the weighting {args.weights!r} is not available for {wave_words(waves)}; use one of "
                      f"{', '.join(available)}", EXIT_USAGE)


def refuse_few(args: argparse.Namespace, codebook: cb.Codebook, filters) -> None:
    """A selection of fewer respondents than the threshold is refused, as the pages refuse it, with the one
    sentence whether it holds none or a few."""
    from survey.analysis.results import respondents
    from survey.model.state import View
    from survey.stats.estimates import load_rules
    from survey.texts.i18n import t

    least = load_rules().min_group
    if filters.active and reading(lambda: respondents(View(filters=filters), codebook, database_path(args.db))) < least:
        raise Failure(t("too_few", "en", min=least).replace("Remove one or more filters.", "Widen --where."))


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
