"""Validation of a staged file (survey.ingest.staging) against the codebook, before anything is written.

The checks are SQL over the table `staged`: counted for every check in one pass, and for a check that finds
anything, its first rows fetched with the values as the file has them. A problem names the file row (as a
spreadsheet counts: the header is row 1), the column and the value; the report groups repeats.

What the file has no column for, the wave did not ask: a note, not a problem. Everything else the codebook
says is checked: values are option ids (or what the mapping and the labels make of them), answers only to
questions that were asked (routing), an answer to every question that was asked (unless the mapping lets it
be left unanswered), one id per respondent, one wave per import, texts of a sensible length, weights that
are positive numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

from survey.ingest import sources
from survey.ingest.mapping import Mapping
from survey.ingest.staging import DELIVERED, Lookup, Plan, expander, raw_values, rows_holding
from survey.model.codebook import Codebook, Question
from survey.texts.problems import InvalidResponses, Problem, quoted, say

MAX_TEXT = 2000
SHOWN = 3  # examples fetched per check; the report shows them and how many more
MAX_ID = 2**31
WAVE_NAME = re.compile(r"[^\W_][\w .-]{0,39}")
WEIGHT = f"TRY_CAST(replace(trim({DELIVERED}), ',', '.') AS DOUBLE)"  # a decimal comma allowed


@dataclass
class Checked:
    """What the checks found out about a valid file."""

    asked: dict[str, tuple[str, ...]]  # the questions the wave asked, with the options offered
    waves: list[str]
    respondents: int
    renumber: bool  # the file's ids are not all whole numbers: number the rows 1..N
    has_weight: bool
    notes: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """A problem to look for in `staged`: rows where `bad` holds, shown with the value of `value` (SQL on
    staged) or of source column c<raw> (as the file has it)."""

    key: str
    column: str
    bad: str
    value: str | None = None
    raw: int | None = None
    values: tuple = ()  # (name, value) pairs for the message


def route_words(question: Question, codebook: Codebook) -> dict:
    """The routing of `question` in words, as a value of a Problem (said in the report's language)."""
    route = question.asked_of
    if route.values:
        return {"route": lambda lang: say("route_values", lang, question=route.question,
                                          values=say("or", lang).join(route.values))}
    return {"route": lambda lang: say("route_option", lang, question=route.question, option=route.option)}


# --- what the file asks -------------------------------------------------------------------------------------

def header_problems(plan: Plan, codebook: Codebook, wave_given: bool) -> list[Problem]:
    """Problems of the file's columns as a whole: no question at all, texts without their coded answers,
    a question whose routing depends on one the file does not ask, no wave."""
    asked = plan.asked(codebook)
    targets = {f.target for f in plan.feeds}
    problems = list(plan.problems)
    if not asked:
        problems.append(Problem("no_questions"))
    for q in codebook.questions:
        if q.open_text and f"{q.id}_text" in targets and q.id not in asked:
            problems.append(Problem("text_without_code", f"{q.id}_text", 1,
                                    {"text": f"{q.id}_text", "question": q.id}))
        if q.id in asked and not q.asked_of.everyone and not _parent_asked(q, asked):
            problems.append(Problem("parent_missing", q.id, 1, {"question": q.id, "parent": q.asked_of.question,
                                                                **route_words(q, codebook)}))
    if not wave_given and "wave" not in targets:
        problems.append(Problem("no_wave", "wave"))
    return problems


def _parent_asked(q: Question, asked: dict) -> bool:
    route = q.asked_of
    return route.question in asked and (route.option is None or route.option in asked[route.question])


def asked_notes(plan: Plan, codebook: Codebook) -> list[Problem]:
    asked = plan.asked(codebook)
    notes = []
    for q in codebook.questions:
        if q.id not in asked:
            notes.append(Problem("note_not_asked", values={"question": q.id}))
        elif q.kind == "multi" and len(asked[q.id]) < len(q.options):
            missing = [o for o in q.option_ids if o not in asked[q.id]]
            notes.append(Problem("note_not_offered", values={"question": q.id, "options": ", ".join(missing)}))
    return notes


# --- values that could not be read --------------------------------------------------------------------------

def value_problems(con: duckdb.DuckDBPyConnection, source: sources.Source, plan: Plan, codebook: Codebook,
                   by_feed: dict[str, Lookup], by_expansion: dict[int, Lookup]) -> list[Problem]:
    problems: list[Problem] = []
    for feed in plan.feeds:
        found = by_feed.get(feed.target)
        if found is None:
            continue
        if feed.kind == "single":
            message = ("unknown_option", {"options": ", ".join(codebook[feed.target].option_ids)})
        else:
            message = ("unknown_flag", {})
        problems += _bad_rows(con, source, found, feed.name, *message)
    for expansion in plan.expansions:
        expand = expander(expansion, codebook)
        problems += _bad_rows(con, source, by_expansion[expansion.column], expansion.name, "unknown_choice",
                              {"question": expansion.question}, shown=lambda v: (expand(v)[1] or [v])[0])
    return problems


def _bad_rows(con, source: sources.Source, found: Lookup, column: str, key: str, values: dict,
              shown=lambda value: value) -> list[Problem]:
    """The first rows holding a value of `found.bad`, and how many there are."""
    if found.too_many:
        return [Problem("too_many_values", column, values={"count": found.too_many})]
    if not found.bad:
        return []
    rows = rows_holding(con, source, found.column, found.bad, SHOWN)
    return [Problem(key, column, source.row(row), {**values, "value": quoted(shown(value))},
                    more=total - len(rows) if k == len(rows) - 1 else 0)
            for k, (row, value, total) in enumerate(rows)]


# --- the rows -----------------------------------------------------------------------------------------------

def asked_sql(q: Question, codebook: Codebook, asked: dict, params: dict) -> str:
    """Whether a respondent was asked `q`, as SQL on staged (the routing of the codebook)."""
    route = q.asked_of
    if route.everyone:
        return "TRUE"
    parent = codebook[route.question]
    if not _parent_asked(q, asked):
        return "FALSE"
    up = asked_sql(parent, codebook, asked, params)
    if route.values:
        params[f"route_{q.id}"] = list(route.values)
        return f"(coalesce(list_contains($route_{q.id}, {_quoted(parent.id)}), FALSE) AND {up})"
    return f"(coalesce({_quoted(f'{parent.id}__{route.option}')}, FALSE) AND {up})"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def question_checks(q: Question, codebook: Codebook, plan: Plan, mapping: Mapping | None, asked: dict,
                    params: dict) -> tuple[list[Check], str | None]:
    """The routing checks of one question the file asks, and (where the mapping lets it be left unanswered) the
    SQL counting those who were asked and did not answer."""
    is_asked = asked_sql(q, codebook, asked, params)
    route = route_words(q, codebook) if not q.asked_of.everyone else {"route": ""}
    columns = [q.id] if q.kind == "single" else [f"{q.id}__{o}" for o in asked[q.id]]
    checks = [Check("not_asked", c, f"NOT {is_asked} AND {_quoted(c)} IS NOT NULL", raw=_raw(plan, c),
                    values=(("question", q.id), *route.items())) for c in columns]
    if q.open_text and plan.feed(f"{q.id}_text") is not None:
        text = f"{q.id}_text"
        checks.append(Check("not_asked", text, f"NOT {is_asked} AND {_quoted(text)} IS NOT NULL",
                            value=_quoted(text), values=(("question", q.id), *route.items())))
        checks.append(Check("text_long", text, f"length({_quoted(text)}) > {MAX_TEXT}", values=(("limit", MAX_TEXT),)))
    none_given = " AND ".join(f"{_quoted(c)} IS NULL" for c in columns)
    skipped = f"{is_asked} AND {none_given}"
    may_skip = mapping is not None and q.id in mapping.unanswered
    if q.kind == "single" or not plan.blank_unchosen:
        if not may_skip:
            checks += [Check("no_answer", c, f"{is_asked} AND {_quoted(c)} IS NULL", values=(("question", q.id),))
                       for c in columns]
        elif q.kind == "multi":  # some options given, others not: not a skipped question
            checks += [Check("no_answer", c, f"{is_asked} AND {_quoted(c)} IS NULL AND NOT ({none_given})",
                             values=(("question", q.id),)) for c in columns]
    return checks, (skipped if may_skip and (q.kind == "single" or not plan.blank_unchosen) else None)


def _raw(plan: Plan, target: str) -> int | None:
    feed = plan.feed(target)
    if feed is not None:
        return feed.column
    qid = target.partition("__")[0]
    return next((e.column for e in plan.expansions if e.question == qid), None)


def row_checks(plan: Plan, codebook: Codebook, mapping: Mapping | None, params: dict) -> tuple[list[Check], dict]:
    asked = plan.asked(codebook)
    checks: list[Check] = [Check("wave_empty", "wave", "wave IS NULL")]
    if plan.feed("respondent_id") is not None:
        checks.append(Check("no_id", "respondent_id", "respondent_id IS NULL"))
    if plan.feed(DELIVERED) is not None:
        name = plan.feed(DELIVERED).name
        checks.append(Check("weight_bad", name, f"NOT coalesce(isfinite({WEIGHT}) AND {WEIGHT} > 0, FALSE)",
                            value=f"coalesce({DELIVERED}, '')"))
    skipped = {}
    for q in codebook.questions:
        if q.id in asked:
            more, skip = question_checks(q, codebook, plan, mapping, asked, params)
            checks += more
            if skip:
                skipped[q.id] = skip
    return checks, skipped


def bound(sql: str, params: dict) -> dict:
    """The values of `params` that `sql` names ($name): DuckDB takes no more and no fewer."""
    return {name: params[name] for name in set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql)) if name in params}


def _examples(con, source: sources.Source, check: Check, total: int, params: dict) -> list[Problem]:
    value = check.value or "NULL"
    sql = f"SELECT _row, {value} FROM staged WHERE NOT _blank AND ({check.bad}) ORDER BY _row LIMIT {SHOWN}"
    rows = con.execute(sql, bound(sql, params)).fetchall()
    if check.raw is not None:
        raw = raw_values(con, source, check.raw, [r for r, _ in rows])
        rows = [(r, raw.get(r)) for r, _ in rows]
    values = dict(check.values)
    return [Problem(check.key, check.column, source.row(row),
                    {**values, **({"value": quoted(v)} if v is not None or check.value else {})},
                    more=total - len(rows) if k == len(rows) - 1 else 0)
            for k, (row, v) in enumerate(rows)]


def run_checks(con, source: sources.Source, checks: list[Check], counts: dict[str, str], params: dict
               ) -> tuple[list[Problem], dict[str, int]]:
    """Every check counted in one pass over staged (with the `counts` asked for besides); the first rows of
    those that find anything."""
    parts = [f"count(*) FILTER (WHERE {c.bad})" for c in checks] + [f"count(*) FILTER (WHERE {sql})"
                                                                     for sql in counts.values()]
    sql = f"SELECT {', '.join(parts) or '0'} FROM staged WHERE NOT _blank"
    row = con.execute(sql, bound(sql, params)).fetchone()
    problems = []
    for check, total in zip(checks, row):
        if total:
            problems += _examples(con, source, check, total, params)
    return problems, dict(zip(counts, row[len(checks):]))


def id_problems(con, source: sources.Source) -> tuple[list[Problem], bool]:
    """Duplicate ids (their first rows), and whether the ids must be numbered anew (not all whole numbers)."""
    (twice,) = con.execute("SELECT count(*) FROM (SELECT respondent_id FROM staged WHERE NOT _blank "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()
    rows = [] if not twice else con.execute(f"""
        SELECT _row, respondent_id, first, count(*) OVER () FROM (
            SELECT _row, respondent_id, min(_row) OVER (PARTITION BY respondent_id) AS first FROM staged
            WHERE NOT _blank AND respondent_id IS NOT NULL
        ) WHERE _row > first ORDER BY _row LIMIT {SHOWN}
    """).fetchall()
    problems = [Problem("duplicate_id", "respondent_id", source.row(row),
                        {"value": quoted(value), "first": source.row(first)},
                        more=total - len(rows) if k == len(rows) - 1 else 0)
                for k, (row, value, first, total) in enumerate(rows)]
    (renumber,) = con.execute(f"""
        SELECT count(*) FILTER (WHERE NOT regexp_full_match(respondent_id, '[0-9]{{1,10}}')
                                   OR coalesce(TRY_CAST(respondent_id AS BIGINT) NOT BETWEEN 1 AND {MAX_ID - 1},
                                               TRUE)) > 0
        FROM staged WHERE NOT _blank AND respondent_id IS NOT NULL
    """).fetchone()
    return problems, bool(renumber)


def wave_problems(waves: list[str], one_wave: bool) -> list[Problem]:
    problems = [Problem("wave_name", "wave", values={"value": quoted(w)}) for w in waves
                if not WAVE_NAME.fullmatch(w)]
    if one_wave and len(waves) > 1:
        problems.append(Problem("waves_many", "wave", values={"count": len(waves), "waves": ", ".join(waves)}))
    return problems


def check(con: duckdb.DuckDBPyConnection, source: sources.Source, plan: Plan, codebook: Codebook,
          mapping: Mapping | None, lookups: tuple[dict, dict], *, one_wave: bool) -> Checked:
    """Check `staged` (survey.ingest.staging.stage) against the codebook. Raises InvalidResponses with every
    problem found, or returns what the file asks, with the notes for the report."""
    notes = list(plan.notes) + asked_notes(plan, codebook)
    problems = value_problems(con, source, plan, codebook, *lookups)
    if problems:
        raise InvalidResponses(source.name, problems, notes)
    params: dict = {}
    checks, skipped = row_checks(plan, codebook, mapping, params)
    found, counts = run_checks(con, source, checks, {"respondents": "TRUE", **skipped}, params)
    if not counts["respondents"]:
        raise InvalidResponses(source.name, [Problem("file_no_rows")], notes)
    renumber = False
    if plan.feed("respondent_id") is not None:
        duplicates, renumber = id_problems(con, source)
        found += duplicates
    waves = [w for (w,) in con.execute("SELECT DISTINCT wave FROM staged WHERE NOT _blank AND wave IS NOT NULL "
                                       "ORDER BY wave").fetchall()]
    found += wave_problems(waves, one_wave)
    if found:
        raise InvalidResponses(source.name, found, notes)
    notes += [Problem("note_unanswered", values={"question": q, "count": n}) for q, n in counts.items()
              if q != "respondents" and n]
    if renumber:
        notes.append(Problem("note_renumbered", values={"count": counts["respondents"]}))
    return Checked(plan.asked(codebook), waves, counts["respondents"], renumber,
                   plan.feed(DELIVERED) is not None, notes)
