"""The commands that write files a person takes away: report (the PowerPoint deck of every page) and
benchmark (a client against its peers: rows on standard output, and a deck and a workbook where asked).

Each imports what it runs inside its function, so that the command line starts light.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from survey.base.paths import database_path
from survey.cli.common import (
    EXIT_USAGE,
    Failure,
    check_weights,
    chosen_waves,
    note,
    reading,
    refuse_few,
    segment,
    write_rows,
)
from survey.model import codebook as cb

BENCHMARK_COLUMNS = ["question", "option", "client_answer", "client_chose", "peer_pct", "ci_low", "ci_high", "peer_n",
                     "n_eff", "standing", "lead", "sentence"]


def cmd_report(args: argparse.Namespace) -> int:
    from survey.model.filters import WAVE
    from survey.model.state import NO_COMPARISON, View
    from survey.output import report
    from survey.output.downloads import REPORT_DECK

    codebook = cb.load()
    if args.by not in (NO_COMPARISON, WAVE, *codebook.dimension_ids):
        raise Failure(f"{args.by!r} is not a dimension; use one of {', '.join((WAVE, *codebook.dimension_ids))}",
                      EXIT_USAGE)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise Failure(f"cannot write {out}: the folder {out.parent} does not exist", EXIT_USAGE)
    filters = segment(args, codebook)
    check_weights(args, chosen_waves(args, filters))
    view = View(lang=args.lang, filters=filters, by=args.by, weights=args.weights, level=args.level)
    try:
        deck = reading(lambda: REPORT_DECK.make(view, codebook, database_path(args.db)))
    except report.TooFew as err:
        raise Failure(str(err)) from None
    try:
        out.write_bytes(deck)
    except OSError as err:
        raise Failure(f"cannot write {out} ({err.strerror or type(err).__name__})", EXIT_USAGE) from None
    print(f"wrote {out}")
    return 0


def cmd_benchmark(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from survey.analysis import benchmark
    from survey.ingest import clients
    from survey.model.state import View
    from survey.output import benchmark_files
    from survey.output.downloads import BENCHMARK_BOOK, BENCHMARK_DECK
    from survey.texts.problems import InvalidResponses

    codebook = cb.load()
    try:
        dimensions = benchmark.peer_dimensions(args.peers, codebook) if args.peers else None
    except ValueError as err:
        raise Failure(str(err), EXIT_USAGE) from None
    for out in (args.pptx, args.xlsx):
        if out and not Path(out).parent.is_dir():
            raise Failure(f"cannot write {out}: the folder {Path(out).parent} does not exist", EXIT_USAGE)
    if not Path(args.client).is_file():
        raise Failure(f"there is no client file at {args.client}", EXIT_USAGE)
    try:
        client = clients.read_client(Path(args.client), codebook, sheet=args.sheet,
                                     mapping=args.mapping and Path(args.mapping))
    except InvalidResponses as err:
        raise Failure(err.report(args.lang)) from None
    except clients.ClientFileError as err:
        raise Failure(err.text(args.lang)) from None
    for line in clients.file_notes(client, args.lang):
        note(line)
    client, unrouted = clients.routed(replace(client, name=clients.clean_name(args.name) or client.name), codebook)
    for question in unrouted:
        note(f"{question} is left out: the client's other answers do not lead to it")
    if client.empty:
        raise Failure("the client file answers none of the questions; it needs the client's answers")
    filters = segment(args, codebook)
    check_weights(args, chosen_waves(args, filters))
    refuse_few(args, codebook, filters)
    view = View(lang=args.lang, filters=filters, weights=args.weights, level=args.level)
    db = database_path(args.db)
    made = reading(lambda: benchmark.benchmark(client, view, codebook, dimensions=dimensions, db=db))
    for line in benchmark_files.peer_lines(made, codebook):
        note(line)
    write_rows([benchmark_row(row, made) for row in made.rows], BENCHMARK_COLUMNS, args.format)
    for comparison in made.comparisons:
        if comparison.shares.empty:
            note(f"{comparison.question.id}: {comparison.shares.empty_text()}")
    write_files(args, lambda: BENCHMARK_DECK.make(made, codebook, db), lambda: BENCHMARK_BOOK.make(made, codebook, db))
    return 0


def benchmark_row(row, made) -> dict:
    return {"question": row.question, "option": row.option,
            "client_answer": ",".join(made.client.answers[row.question]), "client_chose": row.chosen,
            "peer_pct": row.pct, "ci_low": row.ci_low, "ci_high": row.ci_high, "peer_n": row.base_n,
            "n_eff": row.n_eff, "standing": row.standing, "lead": row.lead or None, "sentence": row.sentence}


def write_files(args: argparse.Namespace, deck, book) -> None:
    """The deck and the workbook where --pptx and --xlsx ask for them (said on standard error, as notes are)."""
    for out, make in ((args.pptx, deck), (args.xlsx, book)):
        if not out:
            continue
        try:
            Path(out).write_bytes(reading(make))
        except OSError as err:
            raise Failure(f"cannot write {out} ({err.strerror or type(err).__name__})", EXIT_USAGE) from None
        note(f"wrote {out}")
