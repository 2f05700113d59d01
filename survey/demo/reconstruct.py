"""A deterministic reconstruction of the respondent-level answers from the published aggregates.

The original answers were never published. This program makes a set of answers that reproduces every
published figure (F1–F15, docs/reconstruction.md) exactly, with a plausible joint structure between the questions.

How: every published share is turned into an exact count (COUNTS below). Each count is then given to the
respondents most likely to hold that answer, by weighted sampling without replacement (Efraimidis and
Spirakis, 2006): respondent i gets the key -ln(u_i) / w_i with u_i uniform, and the k smallest keys win. The
weights w_i carry the joint structure (company use rises with company size, and so on); the counts carry the
published figures. A fixed seed and Python's own Mersenne Twister make the output the same byte for byte.
"""
from __future__ import annotations

import csv
import io
import math
import random
from pathlib import Path
from typing import Callable

from survey.base.paths import RESPONSES
from survey.demo import phrases
from survey.model import codebook as cb

SEED = 20100531
N = 847

Row = dict
Weight = Callable[[Row], float]

# The exact counts. Where a count reproduces a published figure, the figure id is given.
COUNTS: dict[str, dict[str, int]] = {
    "company_size": {"no_employees": 110, "1_4": 186, "5_9": 127, "10_19": 118, "20_49": 119,
                     "50_99": 78, "100_249": 62, "250_plus": 47},
    "industry": {"primary": 38, "manufacturing_energy": 82, "construction": 71, "trade": 112, "transport": 34,
                 "hospitality": 31, "ict": 74, "finance_real_estate": 49, "business_services": 158,
                 "public_education_health": 126, "other_services": 72},
    "region": {"oslo_akershus": 254, "hedmark_oppland": 60, "sor_ostlandet": 146, "agder_rogaland": 113,
               "vestlandet": 130, "trondelag": 72, "nord_norge": 72},
    # F14: nearly half are leaders.
    "role": {"leader": 397, "manager": 170, "specialist": 152, "other": 128},
    # F14: more than half are 40-59, very few under 30.
    "age_group": {"under_30": 29, "60_plus": 114, "30_39": 178, "50_59": 243, "40_49": 283},
    # F6: 430 men are 15.3 % more than 373 women. 44 did not state their gender (the F4/F7 resolution).
    "gender": {"not_stated": 44, "female": 373, "male": 430},
    # F5: 307 of 847 = 36.2 %.
    "company_use": {"yes": 307, "dont_know": 53, "no": 487},
    # F9: 613 of 847 = 72.4 % have no guidelines.
    "guidelines": {"yes": 150, "dont_know": 84, "no": 613},
    # F10: most have not got round to it; many are working on it.
    "guidelines_why_not": {"other": 24, "dont_know": 27, "not_needed": 79, "working_on_it": 146, "not_yet": 337},
    # F12: 128 of the 256 who market on social media = 50.0 %.
    "marketing_strategy": {"yes": 128, "dont_know": 22, "no": 106},
}

# F7 and F4: private use by gender. Men 270/430 = 62.8 %, women 261/373 = 70.0 %, total 567/847 = 66.9 %.
PRIVATE_USE_YES = {"male": 270, "female": 261, "not_stated": 36}

# Shares of multi-choice options among the respondents asked. Private channels are allocated within each
# gender with the same shares, so men and women differ by rounding only (F8).
MULTI_SHARES: dict[str, dict[str, float]] = {
    "private_channels": {"facebook": 0.935, "youtube": 0.47, "linkedin": 0.39, "twitter": 0.21, "blogs": 0.11,
                         "myspace": 0.07, "flickr": 0.06, "nettby": 0.04, "other": 0.05},
    "company_channels": {"facebook": 0.79, "linkedin": 0.44, "twitter": 0.33, "youtube": 0.27, "blogs": 0.24,
                         "flickr": 0.06, "myspace": 0.04, "nettby": 0.01, "other": 0.09},
    # F11: 256 of 307 = 83.4 % market on social media, far ahead of any other purpose.
    "company_purposes": {"marketing": 256 / 307, "customer_service": 0.31, "recruitment": 0.21,
                         "internal_communication": 0.16, "monitoring": 0.19, "product_development": 0.09,
                         "other": 0.06},
    # F13: the three most common challenges, in the published order.
    "challenges": {"unrealistic_expectations": 0.41, "lacking_competence": 0.36, "unsure_relevance": 0.30,
                   "lack_of_time": 0.25, "measuring_effect": 0.19, "loss_of_control": 0.14,
                   "employee_time_use": 0.12, "security_privacy": 0.09, "other": 0.04},
}

# Share of each reason that also wrote a free-text answer ("other" always explains itself).
TEXT_SHARE = {"not_yet": 0.45, "working_on_it": 0.55, "not_needed": 0.5, "dont_know": 0.25, "other": 1.0}

SIZE_RANK = {k: i for i, k in enumerate(COUNTS["company_size"])}  # 0 = no employees ... 7 = 250 or more
AGE_RANK = {"under_30": 0, "30_39": 1, "40_49": 2, "50_59": 3, "60_plus": 4}


def by(column: str, table: dict[str, float], default: float = 1.0) -> Weight:
    """A weight that depends on one column: table[value], default for values not listed."""
    return lambda row: table.get(row[column], default)


def size_trend(slope: float) -> Weight:
    """A weight that grows (slope > 1) or shrinks (slope < 1) by a factor per size group."""
    return lambda row: slope ** SIZE_RANK[row["company_size"]]


def times(*weights: Weight) -> Weight:
    return lambda row: math.prod(w(row) for w in weights)


def uniform(row: Row) -> float:
    return 1.0


# The joint structure: who is more likely to give which answer. Read as odds-like multipliers.
SINGLE_WEIGHTS: dict[str, dict[str, Weight]] = {
    "industry": {
        "primary": by("company_size", {"no_employees": 2.5, "1_4": 1.5}, 0.4),
        "public_education_health": size_trend(1.35),
        "manufacturing_energy": size_trend(1.2),
        "business_services": size_trend(0.85),
        "ict": size_trend(0.95),
    },
    "region": {"oslo_akershus": size_trend(1.1)},
    "role": {
        "leader": size_trend(0.62),
        "manager": size_trend(1.3),
        "specialist": size_trend(1.1),
    },
    "age_group": {
        "under_30": by("role", {"leader": 0.3, "manager": 0.8, "specialist": 2.0, "other": 3.0}),
        "60_plus": by("role", {"leader": 1.8, "manager": 0.6, "specialist": 0.8}),
        "30_39": by("role", {"leader": 0.7, "manager": 1.4, "specialist": 1.6, "other": 1.3}),
        "50_59": by("role", {"leader": 1.3, "manager": 1.0, "specialist": 0.8, "other": 0.9}),
    },
    "gender": {
        "female": times(
            by("role", {"leader": 0.7, "manager": 1.1, "specialist": 1.3, "other": 1.7}),
            by("industry", {"public_education_health": 2.0, "hospitality": 1.5, "construction": 0.3,
                            "manufacturing_energy": 0.6, "transport": 0.6, "primary": 0.6, "ict": 0.8}),
        ),
    },
    "private_use": {
        "yes": times(by("age_group", {"under_30": 2.2, "30_39": 1.6, "40_49": 1.1, "50_59": 0.85, "60_plus": 0.6}),
                     by("industry", {"ict": 1.5})),
    },
    "company_use": {
        "yes": times(
            size_trend(1.55),
            by("role", {"leader": 3.2, "manager": 0.9, "specialist": 0.8, "other": 0.5}),
            by("private_use", {"yes": 2.0}),
            by("industry", {"ict": 2.2, "hospitality": 1.7, "trade": 1.3, "business_services": 1.2,
                            "primary": 0.5, "construction": 0.6, "transport": 0.7, "manufacturing_energy": 0.8}),
        ),
        "dont_know": times(by("role", {"leader": 0.3, "manager": 1.2, "specialist": 2.0, "other": 3.0}),
                           size_trend(1.15)),
    },
    "marketing_strategy": {
        "yes": times(size_trend(1.3), by("role", {"leader": 1.3})),
        "dont_know": by("role", {"leader": 0.3, "specialist": 2.5, "other": 3.0}),
    },
    "guidelines": {
        "yes": times(size_trend(1.45), by("company_use", {"yes": 3.5, "dont_know": 1.0, "no": 0.5})),
        "dont_know": times(by("role", {"leader": 0.3, "manager": 1.5, "specialist": 2.5, "other": 3.0}),
                           size_trend(1.2)),
    },
    "guidelines_why_not": {
        "dont_know": by("role", {"leader": 0.3, "manager": 1.2, "specialist": 2.0, "other": 2.5}),
        "not_needed": times(size_trend(0.6), by("company_use", {"no": 2.0, "yes": 0.4})),
        "working_on_it": times(size_trend(1.25), by("company_use", {"yes": 2.5})),
    },
}

YOUNG = {"under_30": 3.0, "30_39": 1.8, "40_49": 1.0, "50_59": 0.7, "60_plus": 0.5}
MULTI_WEIGHTS: dict[str, dict[str, Weight]] = {
    "private_channels": {
        "facebook": by("age_group", {"under_30": 2.0, "30_39": 1.5, "60_plus": 0.6}),
        "youtube": by("age_group", YOUNG),
        "linkedin": times(by("role", {"leader": 1.3, "manager": 1.4, "specialist": 1.2, "other": 0.5}),
                          by("industry", {"ict": 1.8, "business_services": 1.5, "primary": 0.4})),
        "twitter": times(by("age_group", YOUNG), by("industry", {"ict": 2.5})),
        "blogs": by("industry", {"ict": 2.0}),
        "myspace": by("age_group", YOUNG),
        "nettby": by("age_group", {"under_30": 4.0, "30_39": 2.0}),
    },
    "company_channels": {
        "linkedin": size_trend(1.2),
        "youtube": size_trend(1.2),
        "twitter": times(size_trend(1.15), by("industry", {"ict": 2.0})),
        "blogs": by("industry", {"ict": 2.0, "business_services": 1.5}),
    },
    "company_purposes": {
        "marketing": by("industry", {"trade": 2.0, "hospitality": 2.5, "public_education_health": 0.4}),
        "customer_service": times(size_trend(1.15), by("industry", {"trade": 1.8, "finance_real_estate": 1.5})),
        "recruitment": size_trend(1.5),
        "internal_communication": size_trend(1.5),
        "monitoring": size_trend(1.3),
        "product_development": by("industry", {"ict": 3.0, "manufacturing_energy": 1.5}),
    },
    "challenges": {
        "unrealistic_expectations": times(by("company_use", {"yes": 1.8}), size_trend(1.1)),
        "lacking_competence": size_trend(1.05),
        "unsure_relevance": times(by("company_use", {"no": 2.5, "yes": 0.5}), size_trend(0.9)),
        "lack_of_time": size_trend(0.85),
        "measuring_effect": by("company_use", {"yes": 2.5}),
        "loss_of_control": size_trend(1.2),
        "employee_time_use": times(size_trend(1.2), by("industry", {"public_education_health": 1.5})),
        "security_privacy": times(size_trend(1.2), by("industry", {"finance_real_estate": 2.0})),
    },
}


class Reconstruction:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.rows: list[Row] = [{"respondent_id": i + 1} for i in range(N)]

    def pick(self, rows: list[Row], k: int, weight: Weight) -> list[Row]:
        """k of rows, chosen with probability rising with weight, without replacement."""
        keyed = [(-math.log(1.0 - self.rng.random()) / weight(row), i) for i, row in enumerate(rows)]
        return [rows[i] for _, i in sorted(keyed)[:k]]

    def assign_single(self, question: str, rows: list[Row], counts: dict[str, int]) -> None:
        """Give each option its exact count; options are handed out in the order of `counts`, the last
        option takes the rest."""
        weights = SINGLE_WEIGHTS.get(question, {})
        remaining = list(rows)
        *first, last = counts
        for option in first:
            chosen = self.pick(remaining, counts[option], weights.get(option, uniform))
            for row in chosen:
                row[question] = option
            ids = {id(row) for row in chosen}
            remaining = [row for row in remaining if id(row) not in ids]
        if len(remaining) != counts[last]:
            raise AssertionError(f"{question}: counts do not add up to the respondents asked")
        for row in remaining:
            row[question] = last

    def assign_multi(self, question: str, rows: list[Row], strata: str | None = None) -> None:
        """Each option chosen by round(share x asked) respondents, within each stratum if given."""
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(row[strata] if strata else "all", []).append(row)
        for option, share in MULTI_SHARES[question].items():
            weight = MULTI_WEIGHTS[question].get(option, uniform)
            column = f"{question}__{option}"
            for members in groups.values():
                for row in members:
                    row[column] = False
                for row in self.pick(members, round(share * len(members)), weight):
                    row[column] = True

    def where(self, column: str, value) -> list[Row]:
        return [row for row in self.rows if row.get(column) == value]

    def free_text(self, rows: list[Row]) -> None:
        """Short Norwegian answers to "why no guidelines?", composed from the phrase material."""
        for reason, share in TEXT_SHARE.items():
            members = [row for row in rows if row["guidelines_why_not"] == reason]
            for row in self.pick(members, round(share * len(members)), uniform):
                row["guidelines_why_not_text"] = self.compose(reason)

    def compose(self, reason: str) -> str:
        text = self.rng.choice(phrases.CORES[reason])
        if self.rng.random() < 0.4:
            text += self.rng.choice(phrases.ENDINGS[reason])
        if self.rng.random() < 0.15:
            text = text[0].lower() + text[1:]
        stop = self.rng.choice(phrases.FULL_STOPS)
        return text if text.endswith(("!", ".")) else text + stop

    def run(self) -> list[Row]:
        everyone = self.rows
        for question in ("company_size", "industry", "region", "role", "age_group", "gender"):
            self.assign_single(question, everyone, COUNTS[question])
        for gender, yes in PRIVATE_USE_YES.items():
            members = self.where("gender", gender)
            self.assign_single("private_use", members, {"yes": yes, "no": len(members) - yes})
        # Private use is assigned within gender, so the age structure comes from the weights here.
        self.assign_multi("private_channels", self.where("private_use", "yes"), strata="gender")
        self.assign_single("company_use", everyone, COUNTS["company_use"])
        users = self.where("company_use", "yes")
        self.assign_multi("company_channels", users)
        self.assign_multi("company_purposes", users)
        self.assign_single("marketing_strategy", self.where("company_purposes__marketing", True),
                           COUNTS["marketing_strategy"])
        self.assign_single("guidelines", everyone, COUNTS["guidelines"])
        without = self.where("guidelines", "no")
        self.assign_single("guidelines_why_not", without, COUNTS["guidelines_why_not"])
        self.free_text(without)
        self.assign_multi("challenges", everyone)
        return self.rows



def cell(value) -> str:
    """How a value is written to the CSV: booleans as 1/0, not asked as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def to_csv(rows: list[Row], codebook: cb.Codebook, wave: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = codebook.columns()
    writer.writerow(columns)
    for row in rows:
        row = {**row, "wave": wave}
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def reconstruct(out: Path = RESPONSES, codebook: cb.Codebook | None = None) -> Path:
    """Write the reconstructed responses to `out` (data/responses.csv by default)."""
    codebook = codebook or cb.load()
    rows = Reconstruction().run()
    text = to_csv(rows, codebook, str(codebook.survey.get("wave", "1")))
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(out)
    return out
