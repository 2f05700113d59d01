"""The commands that print numbers: figures (the published figures, checked against what was published),
crosstab (banner tables) and standout (what stands out), as a table, JSON or CSV.

Each imports what it runs inside its function, so that the command line starts light.
"""
from __future__ import annotations

import argparse

from survey.base.paths import database_path
from survey.cli.common import (
    EXIT_USAGE,
    Failure,
    asked_notes,
    check_weights,
    chosen_waves,
    note,
    reading,
    refuse_few,
    segment,
    wave_words,
    write_rows,
)
from survey.model import codebook as cb

FIGURE_COLUMNS = ["id", "option", "group", "base_n", "n", "pct", "ci_low", "ci_high"]
CROSSTAB_NUMBERS = ["base_n", "n", "w_base", "w_n", "n_eff", "pct", "ci_low", "ci_high", "p_value"]
CROSSTAB_COLUMNS = ["banner", "group", "letter", "option", *CROSSTAB_NUMBERS, "significant", "flag"]


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


def cmd_crosstab(args: argparse.Namespace) -> int:
    from survey.model.filters import WAVE
    from survey.model.state import View
    from survey.output import banner

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
