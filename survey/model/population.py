"""Population counts and shares per codebook option, from the SSB tables in data/reference.

Company size, region and industry count establishments (1 January 2011); gender and age group count the
labour force aged 15-74 (2010, thousands). How SSB's categories map to the codebook's options is set out in
data/reference/README.md; the age split is pro rata by years, an approximation.
"""
from __future__ import annotations

import csv

from survey.base.paths import DATA
from survey.model import codebook as cb

REFERENCE = DATA / "reference"

COUNTY_FILE = "ssb_establishments_by_county_and_size_2011.csv"
INDUSTRY_FILE = "ssb_establishments_by_industry_and_size_2011.csv"
LABOUR_FILE = "ssb_labour_force_by_gender_and_age_2010.csv"

_COUNTY_TABLE = {
    "file": COUNTY_FILE,
    "table": "Bedrifter etter ansattegrupper og fylke. 1. januar 2011",
    "url": "https://www.ssb.no/a/kortnavn/bedrifter/tab-2011-02-09-02.html",
    "year": 2011,
}
_INDUSTRY_TABLE = {
    "file": INDUSTRY_FILE,
    "table": "Establishments by size groups and economic activity. 1 January 2011",
    "url": "https://www.ssb.no/a/en/static/bedrifter_en/tab-2011-02-09-01-en.html",
    "year": 2011,
}
_LABOUR_TABLE = {
    "file": LABOUR_FILE,
    "table": "Arbeidsstyrken 15-74 år, etter alder og kjønn (AKU). 1 000",
    "url": "https://statbank.ssb.no/a/static/aku/tab-2011-02-02-07.html",
    "year": 2010,
}

SOURCES: dict[str, dict] = {
    "company_size": _COUNTY_TABLE,
    "region": _COUNTY_TABLE,
    "industry": _INDUSTRY_TABLE,
    "gender": _LABOUR_TABLE,
    "age_group": _LABOUR_TABLE,
}

COUNTY_TOTAL = "All counties"
INDUSTRY_TOTAL = "ALL"
UNKNOWN_SECTION = "X"  # SSB's "unknown industry"; not an SN2007 section

# AKU age band -> {codebook age group: fraction of the band}. 40-54 and 55-66 are split pro rata by years.
AGE_BANDS: dict[str, dict[str, float]] = {
    "15_19": {"under_30": 1.0},
    "20_24": {"under_30": 1.0},
    "25_29": {"under_30": 1.0},
    "30_39": {"30_39": 1.0},
    "40_54": {"40_49": 10 / 15, "50_59": 5 / 15},
    "55_66": {"50_59": 5 / 12, "60_plus": 7 / 12},
    "67_74": {"60_plus": 1.0},
}


def _read(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split_total(rows: list[dict[str, str]], key: str, total: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The part rows and the total row, checked: every number column of the parts adds up to the total."""
    parts = [r for r in rows if r[key] != total]
    totals = [r for r in rows if r[key] == total]
    if len(totals) != 1:
        raise ValueError(f"expected one {total!r} row in the {key} table, found {len(totals)}")
    for column in [c for c, value in totals[0].items() if value.isdigit()]:
        summed = sum(int(r[column]) for r in parts)
        if summed != int(totals[0][column]):
            raise ValueError(f"{key} rows add up to {summed} in {column!r}, "
                             f"but the {total!r} row says {totals[0][column]}")
    return parts, totals[0]


def _sections(code: str) -> set[str]:
    """The SN2007 sections of a row code: 'C' -> {C}, 'R-U+X' -> {R, S, T, U, X}."""
    found: set[str] = set()
    for piece in code.split("+"):
        first, _, last = piece.partition("-")
        found.update(chr(c) for c in range(ord(first), ord(last or first) + 1))
    return found


def _company_size(question: cb.Question) -> dict[str, float]:
    parts, total = _split_total(_read(COUNTY_FILE), "county", COUNTY_TOTAL)
    missing = [o.id for o in question.options if o.id not in total]
    if missing:
        raise ValueError(f"the SSB county file has no size column for {missing}")
    return {o.id: float(sum(int(r[o.id]) for r in parts)) for o in question.options}


def _region(question: cb.Question) -> dict[str, float]:
    parts, _ = _split_total(_read(COUNTY_FILE), "county", COUNTY_TOTAL)
    by_county = {r["county"]: int(r["total"]) for r in parts}
    listed = [c for o in question.options for c in o.extra.get("counties", [])]
    if sorted(listed) != sorted(by_county):
        raise ValueError(f"the codebook's regions list {sorted(listed)}, the SSB file has {sorted(by_county)}")
    return {o.id: float(sum(by_county[c] for c in o.extra["counties"])) for o in question.options}


def _industry_option(code: str, question: cb.Question) -> str:
    wanted = _sections(code) - {UNKNOWN_SECTION}
    matches = [o.id for o in question.options if wanted <= set(o.extra.get("sn2007", []))]
    if len(matches) != 1:
        raise ValueError(f"SN2007 row {code!r} matches {len(matches)} industry groups, expected one")
    return matches[0]


def _industry(question: cb.Question) -> dict[str, float]:
    parts, _ = _split_total(_read(INDUSTRY_FILE), "nace_section", INDUSTRY_TOTAL)
    counts = {o.id: 0.0 for o in question.options}
    for row in parts:
        counts[_industry_option(row["nace_section"], question)] += int(row["total"])
    covered = set().union(*(_sections(r["nace_section"]) for r in parts))
    missing = {s for o in question.options for s in o.extra.get("sn2007", [])} - covered
    if missing:
        raise ValueError(f"the SSB industry file has no row for SN2007 sections {sorted(missing)}")
    return counts


def _gender(question: cb.Question) -> dict[str, float]:
    counts: dict[str, float] = {}
    for row in _read(LABOUR_FILE):
        counts[row["gender"]] = counts.get(row["gender"], 0.0) + float(row["labour_force_thousands"])
    return {o.id: counts[o.id] for o in question.options if o.id in counts}


def _age_group(question: cb.Question) -> dict[str, float]:
    counts = {o.id: 0.0 for o in question.options}
    for row in _read(LABOUR_FILE):
        band = row["age_band"]
        if band not in AGE_BANDS:
            raise ValueError(f"age band {band!r} in the labour force file has no codebook age group")
        for group, fraction in AGE_BANDS[band].items():
            counts[group] += float(row["labour_force_thousands"]) * fraction
    return counts


_COUNTERS = {
    "company_size": _company_size,
    "region": _region,
    "industry": _industry,
    "gender": _gender,
    "age_group": _age_group,
}
DIMENSIONS = tuple(_COUNTERS)  # the dimensions with population figures, in the method page's order


def population_counts(dimension: str, codebook: cb.Codebook | None = None) -> dict[str, float]:
    """Population count per codebook option of `dimension` (company_size, region, industry: establishments;
    gender, age_group: labour force in thousands), aligned as data/reference/README.md says. Options without a
    population counterpart (gender not_stated) are left out. Unknown dimension -> ValueError naming the ones known."""
    if dimension not in _COUNTERS:
        raise ValueError(f"no population figures for {dimension!r}; known: {', '.join(_COUNTERS)}")
    return _COUNTERS[dimension]((codebook or cb.load())[dimension])


def population_shares(dimension: str, codebook: cb.Codebook | None = None) -> dict[str, float]:
    """Percent of the population per option, summing to 100."""
    counts = population_counts(dimension, codebook)
    total = sum(counts.values())
    return {option: count / total * 100 for option, count in counts.items()}
