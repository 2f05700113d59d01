"""The command line: python -m survey reconstruct | build | figures | crosstab | report | standout | import |
versions | rollback | synth | benchmark.

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

from survey.model import codebook as cb
from survey.base.paths import RESPONSES, database_path

EXIT_FAILED = 1  # the command ran and did not succeed (invalid data, reconstruction out of date)
EXIT_USAGE = 2  # the command was asked for wrongly (bad arguments, missing database)
FIGURE_COLUMNS = ["id", "option", "group", "base_n", "n", "pct", "ci_low", "ci_high"]
CROSSTAB_NUMBERS = ["base_n", "n", "w_base", "w_n", "n_eff", "pct", "ci_low", "ci_high", "p_value"]
CROSSTAB_COLUMNS = ["banner", "group", "letter", "option", *CROSSTAB_NUMBERS, "significant", "flag"]


class Failure(Exception):
    """An expected failure: its message is said to the user as it is."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def waiting(args: argparse.Namespace):
    """What a command that publishes says on standard error while another writer publishes (versions.writer)."""
    from survey.texts.problems import waiting_text

    return lambda pid: note(waiting_text(pid, getattr(args, "lang", "en")))


def cmd_reconstruct(args: argparse.Namespace) -> int:
    from survey.demo import reconstruct

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
    from survey.ingest.build import BuildError
    from survey.ingest.imports import build
    from survey.texts.problems import InvalidResponses, say

    try:
        result = build(Path(args.source), database_path(args.db), waiting=waiting(args))
    except InvalidResponses as err:
        raise Failure(err.report(args.lang)) from None
    except BuildError as err:
        raise Failure(said(err, args.lang)) from None
    print(say("built", args.lang, db=result.path, source=args.source, n=result.respondents,
              seconds=f"{result.seconds:.2f}"))
    return 0


def said(err: Exception, lang: str) -> str:
    """A BuildError in the report's language where it has one (a full disk: survey.ingest.imports.DiskFull)."""
    return err.text(lang) if hasattr(err, "text") else str(err)


def cmd_upgrade(args: argparse.Namespace) -> int:
    from survey.ingest.build import BuildError, upgrade

    try:
        target = upgrade(database_path(args.db), waiting=waiting(args))
    except BuildError as err:
        raise Failure(str(err)) from None
    except duckdb.Error as err:
        raise Failure(f"the database cannot be read as a survey database ({first_line(err)})") from None
    print(f"upgraded {database_path(args.db)}: published {target}" if target else
          f"{database_path(args.db)} is up to date")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from survey.ingest.build import BuildError
    from survey.ingest.imports import import_file
    from survey.texts.problems import InvalidResponses, notes_lines, say

    db = database_path(args.db)
    try:
        result = import_file(Path(args.file), db, mapping=args.mapping and Path(args.mapping), sheet=args.sheet,
                             wave=args.wave, dry_run=args.dry_run, waiting=waiting(args))
    except InvalidResponses as err:
        raise Failure(err.report(args.lang)) from None
    except BuildError as err:
        raise Failure(said(err, args.lang)) from None
    kept = ", ".join(f"{w} ({n})" for w, n in sorted(result.kept.items())) or say("none", args.lang)
    for line in notes_lines(result.notes, args.lang):
        print(line)
    values = {"source": args.file, "wave": result.wave, "n": result.respondents, "kept": kept}
    if result.version is None:
        print(say("checked", args.lang, **values))
    else:
        print(say("imported", args.lang, version=result.version.name, **values))
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from survey.ingest import versions

    db = database_path(args.db)
    if args.prune is not None:
        keep = args.prune.strip()
        if not (keep.isascii() and keep.isdigit()) or int(keep) < 1:
            raise Failure(f"--prune takes the number of versions to keep, a whole number of at least 1, "
                          f"not {args.prune!r}", EXIT_USAGE)
        for path in versions.remove_leftovers(db):
            print(f"removed {path.name} (left behind by a process that no longer runs)")
        removed = versions.prune(db, int(keep), waiting=waiting(args))
        for version in removed:
            print(f"removed {version.name} (built {version.built_at}, {version.respondents} respondents)")
        if not removed:
            print(f"nothing to prune: at most {int(keep)} versions besides the published one")
        print()
    listing = versions.listing(db)
    if not listing:
        raise Failure(f"there are no versions of {database_path(args.db)} yet; build or import one first")
    rows = [{"published": "*" if v.published else "", "version": v.name, "built_at": v.built_at,
             "source": v.source, "respondents": v.respondents, "waves": v.waves} for v in listing]
    write_rows(rows, list(rows[0]), "table")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from survey.ingest import versions

    try:
        chosen = versions.rollback(database_path(args.db), args.version, waiting=waiting(args))
    except versions.VersionError as err:
        raise Failure(str(err)) from None
    print(f"published {chosen.name} again ({chosen.respondents} respondents, waves {chosen.waves})")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from survey.demo.synth import synthesize

    if args.respondents < 1:
        raise Failure("--respondents must be at least 1", EXIT_USAGE)
    out = synthesize(args.respondents, Path(args.out), seed=args.seed)
    print(f"wrote {out}: {args.respondents} respondents resampled from the reconstruction (seed {args.seed})")
    return 0


BENCHMARK_COLUMNS = ["question", "option", "client_answer", "client_chose", "peer_pct", "ci_low", "ci_high", "peer_n",
                     "n_eff", "standing", "lead", "sentence"]


def cmd_benchmark(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from survey.analysis import benchmark
    from survey.output import benchmark_files
    from survey.output.downloads import BENCHMARK_BOOK, BENCHMARK_DECK
    from survey.ingest import clients
    from survey.texts.problems import InvalidResponses
    from survey.model.state import View

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


def wave_words(waves: list[str]) -> str:
    return f"wave {waves[0]}" if len(waves) == 1 else f"waves {', '.join(waves)}"


def note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


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
    from survey.stats.estimates import load_rules
    from survey.texts.i18n import t
    from survey.analysis.results import respondents
    from survey.model.state import View

    least = load_rules().min_group
    if filters.active and reading(lambda: respondents(View(filters=filters), codebook, database_path(args.db))) < least:
        raise Failure(t("too_few", "en", min=least).replace("Remove one or more filters.", "Widen --where."))


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
    from survey.analysis import published
    from survey.model.filters import WAVE

    codebook = cb.load()
    db = database_path(args.db)
    filters = segment(args, codebook)
    waves = chosen_waves(args, filters)
    check_weights(args, waves)
    refuse_few(args, codebook, filters)
    sources = {fig.id: [question for question, _ in fig.sources] for fig in published.FIGURES}
    questions = list(dict.fromkeys(question for asked in sources.values() for question in asked))
    for question, gone in asked_notes(args, questions, waves).items():
        if gone == waves:
            shown = ", ".join(fig_id for fig_id, asked in sources.items() if question in asked)
            note(f"{question} was not asked in {wave_words(gone)}: {shown} has no rows of it")
    rows = reading(lambda: published.all_rows(codebook, filters, db, args.weights, args.level, by=args.by))
    # The check is of the published wave alone, whole sample, unweighted: said under the rows where they are
    # not of a segment or weighted (a wave filter or --by wave does not change what the check is of).
    whole_sample = not (set(filters.active) - {WAVE}) and args.weights == "none"
    check = reading(lambda: published.published_check(codebook, db)) if args.format == "table" and whole_sample \
        else None
    write_figures(rows, args.format, check, by_wave=args.by == WAVE)
    return 0


def cmd_crosstab(args: argparse.Namespace) -> int:
    from survey.output import banner
    from survey.model.filters import WAVE
    from survey.model.state import View

    codebook = cb.load()
    questions = [q.id for q in codebook.questions] if args.all else args.question
    if not questions:
        raise Failure("name one or more questions, or --all", EXIT_USAGE)
    for question in questions:
        if question not in codebook:
            raise Failure(f"{question!r} is not a question; use one of {', '.join(q.id for q in codebook.questions)}",
                          EXIT_USAGE)
    dims = tuple(dict.fromkeys(args.by))
    for by in dims:
        if by not in (WAVE, *codebook.dimension_ids):
            raise Failure(f"{by!r} is not a dimension; use one of {', '.join((WAVE, *codebook.dimension_ids))}",
                          EXIT_USAGE)
    filters = segment(args, codebook)
    waves = chosen_waves(args, filters)
    check_weights(args, waves)
    gone = asked_notes(args, questions, waves) if waves else {}
    if len(questions) == 1 and gone.get(questions[0]) == waves:
        raise Failure(f"{questions[0]} was not asked in {wave_words(waves)}")
    refuse_few(args, codebook, filters)
    view = View(filters=filters, weights=args.weights, level=args.level, lang="en")
    made = reading(lambda: banner.tables(questions, dims, view, codebook, letters=args.letters,
                                         db=database_path(args.db)))
    columns = ["question", *CROSSTAB_COLUMNS, *(["letters"] if args.letters else [])]
    write_rows([row for table in made for row in crosstab_rows(table)], columns, args.format)
    for table in made:
        for result in table.results:
            said = result.empty_text() if result.frame.empty else result.hidden_text()
            if said:
                note(f"{table.question.id}{'' if result.by == 'none' else ' by ' + result.by}: {said}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from survey.output import report
    from survey.output.downloads import REPORT_DECK
    from survey.model.filters import WAVE
    from survey.model.state import NO_COMPARISON, View

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


def cmd_standout(args: argparse.Namespace) -> int:
    from survey.analysis import standout
    from survey.model.filters import WAVE
    from survey.model.state import NO_COMPARISON, View

    codebook = cb.load()
    if args.by not in (NO_COMPARISON, WAVE, *codebook.dimension_ids):
        raise Failure(f"{args.by!r} is not a dimension; use one of {', '.join((WAVE, *codebook.dimension_ids))}",
                      EXIT_USAGE)
    if args.fdr is not None and not 0 < args.fdr < 1:
        raise Failure(f"--fdr is a false discovery rate between 0 and 1 (e.g. 0.05), not {args.fdr}", EXIT_USAGE)
    filters = segment(args, codebook)
    check_weights(args, chosen_waves(args, filters))
    refuse_few(args, codebook, filters)
    view = View(lang=args.lang, filters=filters, by=args.by, weights=args.weights, level=args.level)
    found = reading(lambda: standout.standout(view, codebook, database_path(args.db), args.fdr))
    rows, columns = found.records(), list(standout.COLUMNS)
    if args.format == "table":  # a p-value of 1e-9 is no 0.0: both tests to four places, then the row in words
        rows = [{**r, "q_value": f"{r['q_value']:.4f}", "sentence": found.sentence(row, codebook)}
                for r, row in zip(rows, found.rows)]
        columns.append("sentence")
    write_rows(rows, columns, args.format)
    note(found.intro(codebook))
    return 0


def crosstab_rows(table) -> list[dict]:
    """A row per column of the banner (its dimension, or total) and answer; a hidden column has a row of its
    own with no numbers (flag hidden). The weighted base and count (as base_n and n unweighted) and Kish's
    effective n: pct is w_n / w_base."""
    from survey.stats.estimates import plain_number as number

    shown = {(r.banner, r.group): [] for r in table.frame.itertuples()} if not table.empty else {}
    for r in table.frame.itertuples(index=False):
        shown[(r.banner, r.group)].append(
            {"question": table.question.id, "banner": r.banner, "group": r.group, "letter": r.letter,
             "option": r.option, "base_n": number(r.base_n, int), "n": number(r.n, int), "w_base": number(r.w_base),
             "w_n": number(r.w_n), "n_eff": number(r.n_eff), "pct": number(r.pct), "ci_low": number(r.ci_low),
             "ci_high": number(r.ci_high), "p_value": number(r.p_value), "significant": bool(r.significant),
             "flag": r.flag, "letters": r.letters})
    rows, order = [], {option: k for k, (option, _) in enumerate(table.options())} if not table.empty else {}
    for column in table.columns:
        if column.hidden:
            rows.append({"question": table.question.id, "banner": column.banner, "group": column.group,
                         "letter": column.letter, "option": None, "significant": False, "flag": "hidden",
                         "letters": "", **dict.fromkeys(CROSSTAB_NUMBERS)})
        else:
            rows += sorted(shown.get((column.banner, column.group), []), key=lambda r: order[r["option"]])
    return rows


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


def write_figures(rows: list[dict], fmt: str, check=None, by_wave: bool = False) -> None:
    """The rows (with a wave column after the id when split by wave), then, in a table, the check of the
    published figures (survey.analysis.published.Check) where there is one."""
    write_rows(rows, [*FIGURE_COLUMNS[:1], "wave", *FIGURE_COLUMNS[1:]] if by_wave else FIGURE_COLUMNS, fmt)
    if fmt == "table" and check is not None:
        print(verdict_lines(check))


def verdict_lines(check) -> str:
    from survey.analysis import published

    said = {True: "reproduced", False: "NOT reproduced", None: "cannot be reproduced, see docs/reconstruction.md"}
    lines = ["", f"Published figures (wave {check.wave}, whole sample, unweighted):"]
    if check.verdicts is None:
        there = f"it holds {wave_words(list(check.left_out))}" if check.left_out else "it holds no wave"
        lines.append(f"The published figures cannot be checked: the database has no wave {check.wave} ({there}).")
        return "\n".join(lines)
    for fig_id, verdict in check.verdicts.items():
        lines.append(f"{fig_id:<4} {said[verdict]:<32} published: {published.figure(fig_id).published}")
    if check.left_out:
        lines.append(f"Left out of the check: {wave_words(list(check.left_out))} (the figures were published from "
                     f"wave {check.wave} alone).")
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
