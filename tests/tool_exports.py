"""Raw survey exports written by the tests themselves, as Qualtrics and SurveyMonkey write them, of a rerun
of the survey with a shorter questionnaire (the scenario of data/mapping.example.yaml): no industry, company
channels or challenges; four private channels, three purposes; one open "why not" box coded by the mapping."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from survey.model import codebook as cb

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = cb.load()
CHANNELS = ("facebook", "youtube", "linkedin", "twitter")
PURPOSES = {"marketing": "1", "customer_service": "2", "recruitment": "3"}
WHY_NOT = {  # one spelling per coded reason, as the example mapping codes them
    "not_yet": ["Har ikke kommet så langt", "Ikke prioritert ennå"],
    "working_on_it": ["Jobber med saken", "Er i gang"],
    "not_needed": ["Ikke behov"],
    "dont_know": ["Usikker"],
    "other": ["Annet", "Andre grunner"],
}
NOT_ASKED = ("industry", "company_channels", "challenges")


def source_rows(count: int = 200) -> list[dict]:
    """The first `count` respondents of the reconstruction, as the answers of the rerun."""
    with open(ROOT / "data" / "responses.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[:count]


def rerun_answers(rows: list[dict]) -> list[dict]:
    """What the rerun's respondents answered: the reconstruction's answers, cut to the shorter questionnaire
    (a purpose it did not offer is dropped; a strategy only where marketing is still chosen)."""
    rng = random.Random(11)
    out = []
    for r in rows:
        a = {k: r[k] for k in ("gender", "age_group", "role", "company_size", "region", "private_use",
                                "company_use", "guidelines")}
        a["private_channels"] = [c for c in CHANNELS if r[f"private_channels__{c}"] == "1"] \
            if r["private_use"] == "yes" else None
        a["company_purposes"] = [p for p in PURPOSES if r[f"company_purposes__{p}"] == "1"] \
            if r["company_use"] == "yes" else None
        a["marketing_strategy"] = r["marketing_strategy"] if a["company_purposes"] and "marketing" in a[
            "company_purposes"] else None
        if r["guidelines"] == "no":
            reason = r["guidelines_why_not"]
            a["guidelines_why_not"], a["why_not_text"] = reason, rng.choice(WHY_NOT[reason])
        else:
            a["guidelines_why_not"] = a["why_not_text"] = None
        a["weight"] = round(rng.uniform(0.4, 2.5), 4)
        out.append(a)
    return out


def label(question: str, option: str | None, lang: str = "nb") -> str:
    if option is None:
        return ""
    if question == "gender" and option == "not_stated" and lang == "nb":
        return "Vil ikke oppgi"
    if question == "age_group" and option == "60_plus" and lang == "nb":
        return "Over 60 år"
    return CODEBOOK[question].option(option).label[lang]


QUALTRICS_COLUMNS = [("StartDate", None), ("EndDate", None), ("Status", None), ("ResponseId", None),
                     ("Q1", "gender"), ("Q2", "age_group"), ("Q3", "role"), ("Q4", "company_size"),
                     ("Q16", "region"), ("Q6", "private_use"),
                     *((f"Q7_{i}", f"private_channels__{c}") for i, c in enumerate(CHANNELS, start=1)),
                     ("Q8", "company_use"), ("Q10", "company_purposes"), ("Q11", "marketing_strategy"),
                     ("Q12", "guidelines"), ("Q13", "guidelines_why_not"), ("Vekt", None)]


def qualtrics_grid(answers: list[dict]) -> list[list[str]]:
    """Three header rows (names, question texts, ImportIds), then a row per response."""
    names = [n for n, _ in QUALTRICS_COLUMNS]
    texts = []
    for name, target in QUALTRICS_COLUMNS:
        if target is None:
            texts.append(name)
        elif "__" in target:
            qid, _, oid = target.partition("__")
            texts.append(f"{CODEBOOK[qid].text['nb']} - {label(qid, oid)}")
        elif target == "guidelines_why_not":
            texts.append("Hvorfor ikke?\nSkriv gjerne litt om det.")  # a line break inside a quoted header
        else:
            texts.append(CODEBOOK[target].text["nb"])
    imports = [json.dumps({"ImportId": f"QID{n}" if n.startswith("Q") else n.lower()}) for n in names]
    rows = [names, texts, imports]
    for k, a in enumerate(answers):
        cells = {"StartDate": "2011-05-03 10:00:00", "EndDate": "2011-05-03 10:07:00", "Status": "0",
                 "ResponseId": f"R_{k:04d}aBc", "Vekt": str(a["weight"])}
        for q in ("gender", "age_group", "role", "company_size", "region", "private_use", "company_use",
                  "marketing_strategy", "guidelines"):
            cells[dict((t, n) for n, t in QUALTRICS_COLUMNS)[q]] = label(q, a[q])
        for i, c in enumerate(CHANNELS, start=1):
            chosen = a["private_channels"] and c in a["private_channels"]
            cells[f"Q7_{i}"] = label("private_channels", c) if chosen else ""
        cells["Q10"] = ",".join(PURPOSES[p] for p in a["company_purposes"] or [])
        cells["Q13"] = a["why_not_text"] or ""
        rows.append([cells[n] for n in names])
    return rows


def monkey_grid(answers: list[dict]) -> list[list[str]]:
    """Two header rows in English: the question over its first column, "Response" or the option under it."""
    singles = ["gender", "age_group", "role", "company_size", "region", "private_use", "company_use"]
    top, second = ["Respondent ID"], [""]
    for q in singles:
        top.append(CODEBOOK[q].text["en"])
        second.append("Response")
    top += [CODEBOOK["private_channels"].text["en"]] + [""] * (len(CHANNELS) - 1)
    second += [label("private_channels", c, "en") for c in CHANNELS]
    top += [CODEBOOK["company_purposes"].text["en"]] + [""] * (len(PURPOSES) - 1)
    second += [label("company_purposes", p, "en") for p in PURPOSES]
    top += [CODEBOOK["marketing_strategy"].text["en"], CODEBOOK["guidelines"].text["en"], "Why not?"]
    second += ["Response", "Response", "Open-Ended Response"]
    rows = [top, second]
    for k, a in enumerate(answers):
        row = [str(11400000000 + k)] + [label(q, a[q], "en") for q in singles]
        row += [label("private_channels", c, "en") if a["private_channels"] and c in a["private_channels"] else ""
                for c in CHANNELS]
        row += [label("company_purposes", p, "en") if a["company_purposes"] and p in a["company_purposes"] else ""
                for p in PURPOSES]
        row += [label("marketing_strategy", a["marketing_strategy"], "en"), label("guidelines", a["guidelines"], "en"),
                a["why_not_text"] or ""]
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
