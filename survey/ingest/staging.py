"""From an export file to the codebook's columns, in DuckDB: the table `staged` of a connection.

1. survey.ingest.sources reads the file's head (a CSV file) or the whole file (a workbook, an SPSS file).
2. `plan` says which codebook column each source column feeds: by the mapping (data/mapping.example.yaml),
   by the codebook's own names, or by a SurveyMonkey question text; the app's own columns (source_id, the
   weights it computes) are recognised. One source column may feed several codebook columns.
3. `stage` writes `staged`: a row per answer, its file row (`_row`), one column per codebook column the file
   has. A CSV file in the codebook's own layout is read once, typed (each question's ENUM, 1/0 for an option:
   DuckDB checks every value as it reads). Any other file is read twice: once as text for the distinct values
   of each coded column (a few per column, whatever the number of rows), which Python turns into option ids
   (option ids, unambiguous nb/en labels, the mapping's values, 1/0, Ja/Nei, yes/no); and once more with each
   coded column read as an ENUM of its own values, whose positions index bound lists of what they become.
   Values that cannot be turned into option ids are reported by survey.ingest.validate with their rows, and then
   nothing is staged.

What the file does not have, the wave did not ask: a question with no column, an option with no column.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from survey.ingest import sources
from survey.ingest.mapping import Mapping
from survey.model.codebook import Codebook, Question
from survey.texts.problems import InvalidResponses, Problem, quoted

TRUE_WORDS = {"1", "1.0", "ja", "yes", "true", "sann"}
FALSE_WORDS = {"0", "0.0", "nei", "no", "false", "usann"}
ID_ALIASES = {"responseid", "respondent id"}  # Qualtrics' and SurveyMonkey's id columns
DERIVED_WEIGHTS = {"weight_company", "weight_person"}  # computed by the app: read back, they are recomputed
DELIVERED = "weight_delivered"
MAX_DISTINCT = 5000  # distinct values of a coded column looked up in Python


@dataclass(frozen=True)
class Feed:
    """A codebook column fed by one source column (c<column>).
    kind: id, wave, source_id, weight, single, option, text."""

    target: str
    kind: str
    column: int
    name: str
    question: str | None = None


@dataclass(frozen=True)
class Expansion:
    """A multi-choice question whose chosen answers are in one source column, `separator` between them."""

    question: str
    column: int
    name: str
    separator: str
    values: dict
    offered: tuple[str, ...]


@dataclass
class Plan:
    feeds: list[Feed] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    blank_unchosen: bool = False  # an empty option cell of a respondent asked means "not chosen"

    def feed(self, target: str) -> Feed | None:
        return next((f for f in self.feeds if f.target == target), None)

    def asked(self, codebook: Codebook) -> dict[str, tuple[str, ...]]:
        """The questions the file asks, each with the options it offered (codebook order)."""
        have = {f.target for f in self.feeds} | {f"{e.question}__{o}" for e in self.expansions for o in e.offered}
        out = {}
        for q in codebook.questions:
            if q.kind == "single" and q.id in have:
                out[q.id] = q.option_ids
            elif q.kind == "multi":
                offered = tuple(o for o in q.option_ids if f"{q.id}__{o}" in have)
                if offered:
                    out[q.id] = offered
        return out


# --- the plan -----------------------------------------------------------------------------------------------

def _question_by_text(codebook: Codebook, text: str) -> Question | None:
    found = [q for q in codebook.questions if text.casefold() in {t.strip().casefold() for t in q.text.values()}]
    return found[0] if len(found) == 1 else None


def lookup(question: Question, extra: dict[str, str]) -> dict[str, str]:
    """Folded value -> option id: unambiguous nb/en labels, then ids, then the mapping's values."""
    labels: dict[str, set[str]] = {}
    for option in question.options:
        for label in option.label.values():
            labels.setdefault(label.strip().casefold(), set()).add(option.id)
    table = {key: ids.pop() for key, ids in labels.items() if len(ids) == 1}
    table.update({o.casefold(): o for o in question.option_ids})
    table.update({key.strip().casefold(): value for key, value in extra.items()})
    return table


def _monkey_target(name: str, codebook: Codebook) -> str:
    text, _, option = name.partition(" | ")
    question = _question_by_text(codebook, text.strip())
    if question is None:
        return name
    if not option:
        return question.id if question.kind == "single" else name
    if question.kind == "multi":
        oid = lookup(question, {}).get(option.strip().casefold())
        return f"{question.id}__{oid}" if oid else name
    return f"{question.id}_text" if question.open_text else name


def _targets(name: str, codebook: Codebook, mapping: Mapping | None, layout: str | None) -> tuple[str, ...]:
    if mapping is not None and name in mapping.columns:
        return mapping.columns[name]
    if name in codebook.columns() or name in ("source_id", DELIVERED) or name in DERIVED_WEIGHTS:
        return (name,)
    if layout == "surveymonkey":
        return (_monkey_target(name, codebook),)
    return (name,)


def _kind(target: str, codebook: Codebook) -> tuple[str, str | None] | None:
    """What a codebook column is (its kind and question), or None for a name the codebook does not have."""
    if target in ("respondent_id", "wave", "source_id"):
        return ("id" if target == "respondent_id" else target), None
    if target in codebook:
        return ("single", target) if codebook[target].kind == "single" else None
    if target.endswith("_text") and target.removesuffix("_text") in codebook:
        question = codebook[target.removesuffix("_text")]
        return ("text", question.id) if question.open_text else None
    qid, _, option = target.partition("__")
    if qid in codebook and codebook[qid].kind == "multi" and option in codebook[qid].option_ids:
        return "option", qid
    return None


def _expansion(name: str, column: int, entry: dict, mapping: Mapping, codebook: Codebook) -> Expansion:
    question = codebook[entry["question"]]
    offered = set(entry["values"].values())
    return Expansion(question.id, column, name, entry["separator"],
                     {**mapping.values.get(question.id, {}), **entry["values"]},
                     tuple(o for o in question.option_ids if o in offered) if offered else question.option_ids)


def _column(plan: Plan, name: str, column: int, codebook: Codebook, mapping: Mapping | None,
            layout: str | None) -> None:
    """What the source column `name` (c<column>) feeds, added to `plan`."""
    if mapping is not None and name in mapping.skip:
        return
    if mapping is not None and name == mapping.weight:
        plan.feeds.append(Feed(DELIVERED, "weight", column, name))
        plan.notes.append(Problem("note_delivered", values={"column": quoted(name)}))
        return
    if mapping is not None and name in mapping.multi:
        plan.expansions.append(_expansion(name, column, mapping.multi[name], mapping, codebook))
        return
    for target in _targets(name, codebook, mapping, layout):
        if target in DERIVED_WEIGHTS:
            plan.notes.append(Problem("note_recomputed", values={"column": quoted(name)}))
        elif target == DELIVERED:
            plan.feeds.append(Feed(DELIVERED, "weight", column, name))
            plan.notes.append(Problem("note_delivered", values={"column": quoted(name)}))
        elif (found := _kind(target, codebook)) is not None:
            plan.feeds.append(Feed(target, found[0], column, name, found[1]))
        elif target.casefold() in ID_ALIASES:
            plan.feeds.append(Feed("respondent_id", "id", column, name))
        else:
            plan.problems.append(Problem("unknown_column", name or "(?)", 1))


def _check_targets(plan: Plan) -> None:
    """Two source columns for one codebook column; an id alias where the file has respondent_id too."""
    ids = [f for f in plan.feeds if f.target == "respondent_id"]
    if len(ids) > 1 and any(f.name == "respondent_id" for f in ids):
        plan.feeds = [f for f in plan.feeds if f.target != "respondent_id" or f.name == "respondent_id"]
    first: dict[str, Feed] = {}
    targets = [(f.target, f) for f in plan.feeds]
    targets += [(f"{e.question}__{o}", Feed(f"{e.question}__{o}", "option", e.column, e.name, e.question))
                for e in plan.expansions for o in e.offered]
    for target, feed in targets:
        if target in first and first[target].column != feed.column:
            plan.problems.append(Problem("target_twice", feed.name, 1,
                                         {"first": quoted(first[target].name), "target": target}))
        first.setdefault(target, feed)


def plan(header: list[str], layout: str | None, codebook: Codebook, mapping: Mapping | None) -> Plan:
    """Which codebook column each column of a file with `header` feeds, with the problems and notes of it."""
    out = Plan(blank_unchosen=layout is not None or bool(mapping and set(mapping.multi) & set(header)))
    seen: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        if name in seen:
            out.problems.append(Problem("column_twice", name, 1))
            continue
        seen[name] = column
        if name:
            _column(out, name, column, codebook, mapping, layout)
    _check_targets(out)
    if mapping is not None and mapping.weight and mapping.weight not in seen:
        out.problems.append(Problem("weight_column_missing", values={"column": quoted(mapping.weight)}))
    return out


def nameless(source: sources.Source) -> list[int]:
    """The columns without a header (left out where empty, as Excel leaves them; an error where not)."""
    return [i for i, name in enumerate(source.header, start=1) if not name]


# --- values -------------------------------------------------------------------------------------------------

def flag(value: str, chosen: set[str]) -> bool | None:
    """True/False for yes/no words, True for the option's own id or label (exports that write the chosen
    option's text), None for anything else."""
    folded = value.strip().casefold()
    if folded in TRUE_WORDS or (folded not in FALSE_WORDS and folded in chosen):
        return True
    return False if folded in FALSE_WORDS else None


def _option_words(codebook: Codebook, target: str) -> set[str]:
    qid, _, oid = target.partition("__")
    return {oid.casefold()} | {label.strip().casefold() for label in codebook[qid].option(oid).label.values()}


def converter(feed: Feed, codebook: Codebook, mapping: Mapping | None, layout: str | None):
    """value -> the codebook's value (an option id, True/False), or None where it cannot be read."""
    if feed.kind == "single":
        table = lookup(codebook[feed.target], (mapping.values if mapping else {}).get(feed.target, {}))
        return lambda value: table.get(value.strip().casefold())
    if layout == "surveymonkey":  # the option's text where chosen, blank where not
        return lambda value: True if value.strip() else None
    words = _option_words(codebook, feed.target)
    return lambda value: flag(value, words)


def expander(expansion: Expansion, codebook: Codebook):
    """value -> (bits of the options chosen, the parts that are no option)."""
    question = codebook[expansion.question]
    table = lookup(question, expansion.values)
    position = {o: i for i, o in enumerate(question.option_ids)}

    def expand(value: str) -> tuple[int, list[str]]:
        bits, unknown = 0, []
        for part in (p.strip() for p in value.split(expansion.separator) if p.strip()):
            option = table.get(part.casefold())
            if option is None or option not in expansion.offered:
                unknown.append(part)
            else:
                bits |= 1 << position[option]
        return bits, unknown
    return expand


@dataclass
class Lookup:
    """The distinct values of one coded source column, each with its codebook value, and those that have none."""

    column: int
    name: str
    keys: list[str]
    values: list
    bad: list[str]
    too_many: int = 0  # more distinct values than MAX_DISTINCT: not looked up


def vocabularies(con: duckdb.DuckDBPyConnection, source: sources.Source, columns: list[int],
                 empty: list[int]) -> tuple[dict[int, list[str] | int], list[tuple], list[Problem]]:
    """The distinct non-empty values of each source column of `columns` (or their number, where there are too
    many), in one pass over the file; with the rows of a CSV file that are not valid CSV (line, type, message),
    and the columns of `empty` (without a header) that hold values."""
    parts = ["count(*)"]
    for i in columns:
        parts += [f"count(DISTINCT c{i})", f"CASE WHEN count(DISTINCT c{i}) <= {MAX_DISTINCT} THEN "
                                             f"list(DISTINCT c{i}) FILTER (WHERE c{i} IS NOT NULL) END"]
    parts += [f"count(c{i})" for i in empty]
    relation, params = source.relation(rejects=True)
    row = con.execute(f"SELECT {', '.join(parts)} FROM {relation}", params).fetchall()[0]
    rejects = sources.rejected(con) if source.streamed else []
    found = {}
    for k, i in enumerate(columns):
        count, values = row[1 + 2 * k], row[2 + 2 * k] or []
        found[i] = count if count > MAX_DISTINCT else values
    filled = row[1 + 2 * len(columns):]
    return found, rejects, [Problem("unknown_column", f"({i})", 1) for i, n in zip(empty, filled) if n]


def lookups(con: duckdb.DuckDBPyConnection, the_plan: Plan, codebook: Codebook, mapping: Mapping | None,
            source: sources.Source, folder) -> tuple[dict[str, Lookup], dict[int, Lookup]]:
    """A Lookup per coded feed (by target) and per expansion (by source column). Raises InvalidResponses for a
    file that is not valid CSV (its encoding was decided on every byte of it before: survey.ingest.sources)."""
    layout = source.layout
    coded = [f for f in the_plan.feeds if f.kind in ("single", "option")]
    columns = sorted({f.column for f in coded} | {e.column for e in the_plan.expansions})
    found, rejects, problems = vocabularies(con, source, columns, nameless(source))
    problems = sources.csv_problems(source, rejects) + problems
    if problems:
        raise InvalidResponses(source.name, problems)
    by_feed = {f.target: _lookup(f.column, f.name, found[f.column], converter(f, codebook, mapping, layout))
               for f in coded}
    by_expansion = {}
    for expansion in the_plan.expansions:
        expand = expander(expansion, codebook)
        by_expansion[expansion.column] = _lookup(expansion.column, expansion.name, found[expansion.column],
                                                 lambda v: (lambda b, bad: None if bad else b)(*expand(v)))
    return by_feed, by_expansion


def _lookup(column: int, name: str, values, convert) -> Lookup:
    """The values of a column with what they become; a value of spaces alone is an empty cell (None)."""
    if isinstance(values, int):
        return Lookup(column, name, [], [], [], too_many=values)
    keys, out, bad = [], [], []
    for value in values:
        converted = convert(value) if value.strip() else None
        if converted is None and value.strip():
            bad.append(value)
        else:
            keys.append(value)
            out.append(converted)
    return Lookup(column, name, keys, out, bad)


# --- the staged table ---------------------------------------------------------------------------------------

def vocabulary_types(con: duckdb.DuckDBPyConnection, found: dict[int, Lookup]) -> dict[int, str]:
    """An ENUM type per coded source column, of its distinct values (raw_c<column>): the file is then read with
    these types, DuckDB turning each cell into the position of its value as it reads, which the lookup lists
    take as is (faster than looking up text). The values are bound, never written into SQL."""
    types = {}
    for column, lookup in found.items():
        if lookup.keys:
            con.execute(f"DROP TYPE IF EXISTS raw_c{column}")
            con.execute(f"CREATE TYPE raw_c{column} AS ENUM (SELECT unnest($values))", {"values": lookup.keys})
            types[column] = f"raw_c{column}"
    return types


def _looked_up(cell: str, key: str, params: dict, found: Lookup | None, cast: str) -> str:
    """The codebook's value of a cell read as the ENUM of its column's values (vocabulary_types)."""
    if found is None or not found.keys:
        return f"NULL::{cast}"
    params[f"v_{key}"] = found.values
    return f"$v_{key}[enum_code({cell}) + 1]::{cast}"


def _empty(column: int, typed: set[int], found: dict[int, Lookup], params: dict) -> str:
    """Whether source column c<column> is empty in a row: NULL, or spaces alone."""
    cell = f"c{column}"
    lookup = found.get(column)
    if column in typed or (lookup is not None and not lookup.keys):
        return f"{cell} IS NULL"
    if lookup is None:
        return f"nullif(trim({cell}), '') IS NULL"
    spaces = [not v.strip() for v in lookup.keys]
    if not any(spaces):
        return f"{cell} IS NULL"
    params[f"e_{column}"] = spaces
    return f"({cell} IS NULL OR $e_{column}[enum_code({cell}) + 1])"


def _text(expression: str) -> str:
    """A text cell: trimmed, empty as NULL, and a formula escape added by an export (a leading apostrophe before
    = + - @) taken off again."""
    trimmed = f"nullif(trim({expression}), '')"
    return f"CASE WHEN regexp_matches({trimmed}, '^''[=+@-]') THEN substr({trimmed}, 2) ELSE {trimmed} END"


def select_list(the_plan: Plan, codebook: Codebook, by_feed: dict[str, Lookup], by_expansion: dict[int, Lookup],
                wave: str | None, params: dict, typed: set[int]) -> list[str]:
    """The columns of `staged`: _blank, then each codebook column the file has. `typed`: the source columns
    read as their question's ENUM or flag01 (the codebook's own layout); the other coded columns are read as
    the ENUM of their own values, and looked up in `by_feed` and `by_expansion`."""
    found = {f.column: f for f in (*by_feed.values(), *by_expansion.values())}
    columns = sorted({f.column for f in the_plan.feeds} | {e.column for e in the_plan.expansions})
    out = [f"({' AND '.join(_empty(i, typed, found, params) for i in columns) or 'TRUE'}) AS _blank"]
    for n, feed in enumerate(the_plan.feeds):
        cell, name = f"c{feed.column}", _quoted(feed.target)
        if feed.column in typed and feed.kind in ("single", "option"):
            out.append(f"{cell} AS {name}" if feed.kind == "single" else f"({cell} = '1') AS {name}")
        elif feed.kind in ("single", "option"):  # a single choice as its question's ENUM, as typed columns are
            cast = f"{feed.question}_option" if feed.kind == "single" else "BOOLEAN"
            out.append(f"{_looked_up(cell, str(n), params, by_feed.get(feed.target), cast)} AS {name}")
        elif feed.kind == "text":
            out.append(f"{_text(cell)} AS {name}")
        else:
            out.append(f"nullif(trim({cell}), '') AS {name}")
    for expansion in the_plan.expansions:
        question = codebook[expansion.question]
        bits = _looked_up(f"c{expansion.column}", f"x{expansion.column}", params, by_expansion[expansion.column],
                          "UINTEGER")
        for option in expansion.offered:
            position = question.option_ids.index(option)
            out.append(f"(({bits} >> {position}) & 1 = 1) AS {_quoted(f'{question.id}__{option}')}")
    if the_plan.feed("wave") is None:
        params["wave"] = wave
        out.append("$wave::VARCHAR AS wave")
    return out


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stage(con: duckdb.DuckDBPyConnection, source: sources.Source, the_plan: Plan, codebook: Codebook,
          mapping: Mapping | None, wave: str | None, folder) -> tuple[dict[str, Lookup], dict[int, Lookup]]:
    """Write `staged` from the file as `the_plan` says (typed where it can, see the module's docstring);
    returns the lookups. Where some values cannot be looked up, nothing is staged: survey.ingest.validate reports
    them."""
    if wave is not None and the_plan.feed("wave") is not None:
        the_plan.feeds = [f for f in the_plan.feeds if f.target != "wave"]  # --wave overrides the file's column
    if _stage_typed(con, source, the_plan, codebook, wave):
        return {}, {}
    by_feed, by_expansion = lookups(con, the_plan, codebook, mapping, source, folder)
    if any(found.bad or found.too_many for found in (*by_feed.values(), *by_expansion.values())):
        return by_feed, by_expansion
    types = vocabulary_types(con, {f.column: f for f in (*by_feed.values(), *by_expansion.values())})
    params: dict = {}
    columns = select_list(the_plan, codebook, by_feed, by_expansion, wave, params, set())
    _write_staged(con, source, columns, params, types)
    return by_feed, by_expansion


def _write_staged(con: duckdb.DuckDBPyConnection, source: sources.Source, columns: list[str], params: dict,
                  types: dict[int, str] | None = None) -> None:
    """`staged` with `columns` of the file read as `types` says: a table in file order (DuckDB keeps the order
    it inserts in, without a sort), and `_row` beside it."""
    relation, bound = source.relation(types)
    if source.streamed:
        con.execute(f"CREATE OR REPLACE TABLE staged_rows AS SELECT {', '.join(columns)} FROM {relation}",
                    {**params, **bound})
        con.execute(f"CREATE OR REPLACE VIEW staged AS SELECT rowid + {int(source.first_row)} AS _row, * "
                    "FROM staged_rows")
    else:
        cells = ", ".join(f"c{i}::{types[i]} AS c{i}" if i in (types or {}) else f"c{i}"
                          for i in range(1, len(source.header) + 1))
        con.execute(f"CREATE OR REPLACE TABLE staged AS SELECT _row, {', '.join(columns)} "
                    f"FROM (SELECT _row, {cells} FROM {relation})", params)


def _stage_typed(con: duckdb.DuckDBPyConnection, source: sources.Source, the_plan: Plan, codebook: Codebook,
                 wave: str | None) -> bool:
    """Write `staged` reading a CSV file in the codebook's own layout once, typed; False (nothing staged) for
    any other file, or at the first value or row that does not fit (the file is then read as text)."""
    types = typed_columns(the_plan)
    if not source.streamed or source.layout or not types or nameless(source):
        return False
    params: dict = {}
    columns = select_list(the_plan, codebook, {}, {}, wave, params, set(types))
    try:
        _write_staged(con, source, columns, params, types)
    except duckdb.Error:
        con.execute("DROP VIEW IF EXISTS staged; DROP TABLE IF EXISTS staged_rows")
        return False
    return True


def _numbered(con: duckdb.DuckDBPyConnection, source: sources.Source, column: int) -> str:
    """A subquery of (_row, value) for source column c<column> (a CSV file read once more into a table of that
    column alone: only a report needs it)."""
    if not source.streamed:
        return f"(SELECT _row, c{column} AS value FROM source)"
    relation, params = source.relation()
    con.execute(f"CREATE OR REPLACE TEMP TABLE one_column AS SELECT c{column} AS value FROM {relation}", params)
    return f"(SELECT rowid + {int(source.first_row)} AS _row, value FROM one_column)"


def raw_values(con: duckdb.DuckDBPyConnection, source: sources.Source, column: int, rows: list[int]) -> dict:
    """{row: the value of source column c<column> as the file has it}, for the answers at `rows`."""
    return dict(con.execute(f"SELECT _row, value FROM {_numbered(con, source, column)} "
                            "WHERE list_contains($rows, _row)", {"rows": rows}).fetchall())


def rows_holding(con: duckdb.DuckDBPyConnection, source: sources.Source, column: int, values: list[str],
                 first: int) -> list[tuple]:
    """The `first` rows (_row, value, how many in all) where source column c<column> holds one of `values`."""
    return con.execute(f"SELECT _row, value, count(*) OVER () FROM {_numbered(con, source, column)} "
                       f"WHERE list_contains($bad, value) ORDER BY _row LIMIT {int(first)}",
                       {"bad": values}).fetchall()


def keep_codes(codebook: Codebook, mapping: Mapping | None):
    """For SPSS files: the columns whose codes stay (multi-choice options: 1/0), whatever their labels."""
    def keep(name: str) -> bool:
        return any((_kind(t, codebook) or ("", None))[0] == "option" for t in _targets(name, codebook, mapping, None))
    return keep


FLAG = "CREATE TYPE flag01 AS ENUM ('0', '1')"  # an option column of the codebook's own layout


def typed_columns(the_plan: Plan) -> dict[int, str]:
    """The DuckDB type of each coded column of a file in the codebook's own layout (option ids, 1/0): the ENUM
    of its question (survey.ingest.build.enum_types) or flag01 (FLAG)."""
    if the_plan.expansions:
        return {}
    return {f.column: (f"{f.question}_option" if f.kind == "single" else "flag01")
            for f in the_plan.feeds if f.kind in ("single", "option")}


def read(con: duckdb.DuckDBPyConnection, path: Path, codebook: Codebook, folder: Path, *,
         mapping: Mapping | None = None, sheet: str | None = None,
         name: str | None = None) -> tuple[sources.Source, Plan]:
    """The file (survey.ingest.sources.load), and its plan. `folder`: where copies of it may be made."""
    source = sources.load(con, Path(path), folder, name=name, sheet=sheet, keep_codes=keep_codes(codebook, mapping))
    return source, plan(source.header, source.layout, codebook, mapping)
