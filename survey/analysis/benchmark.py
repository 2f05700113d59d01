"""Where does the client stand? One company's answers against the shares of its peers: the respondents of the
same size band and industry (the dimensions are a setting), widened step by step until the group holds
enough respondents to say anything (data/benchmark.yaml).

The peers' numbers are results.Shares of the peer group, so they follow every rule of the app: the view's
filters (a peer dimension's own filter is replaced by the peer group's), weights, level, low bases and small
groups. The client's answers are never counted with them, and never leave the objects made here.

For each question the client answered, each answer the client gave (and, for a multi-choice question, each
option the client did not choose that most peers did, or that divides them) is a row: the peers' share of it
with its interval, where the client stands (most peers answer alike, most do not, or they are divided: the
interval is clear of 50 % or not), whether that puts the client ahead or behind (data/benchmark.yaml), and a
sentence. The questions about the company come before those about the respondent (a benchmark is of the
company: what the person filling in the form does privately is context), and within each, those where the
client differs from most peers first.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from survey.analysis import dataset, results
from survey.analysis.results import Shares
from survey.base.paths import DATA
from survey.ingest import clients
from survey.ingest.clients import PROFILE, Client
from survey.model.codebook import Codebook, Question
from survey.model.filters import WAVE, Filters
from survey.model.state import NO_COMPARISON, View
from survey.stats.estimates import load_rules
from survey.texts.i18n import format_pct, t

DIFFERS, DIVIDED, LIKE_MOST = "differs", "divided", "like_most"  # where the client stands, most telling first
STANDINGS = (DIFFERS, DIVIDED, LIKE_MOST)
AHEAD, BEHIND = "ahead", "behind"
MOST = 50.0  # "most peers": more than half, with the interval clear of it
PEER_WORDS = {"size": "company_size", "industry": "industry", "region": "region"}  # --peers size,industry
MARK = "◆"  # the client's answer on a chart (a sign, not a colour)


class SettingsError(ValueError):
    """data/benchmark.yaml is not valid."""


@dataclass(frozen=True)
class Settings:
    min_peers: int
    peers: tuple[str, ...]
    steps: tuple[tuple[tuple[str, int], ...], ...]  # each step: (dimension, width) pairs
    ahead: dict
    behind: dict


def settings_path() -> Path:
    """$SURVEY_BENCHMARK, else data/benchmark.yaml."""
    return Path(os.environ.get("SURVEY_BENCHMARK") or DATA / "benchmark.yaml")


def load_settings(path: Path | None = None) -> Settings:
    return _settings(Path(path or settings_path()))


@lru_cache(maxsize=4)
def _settings(path: Path) -> Settings:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    steps = tuple(tuple((d, _width(d, w, path)) for d, w in (step or {}).items()) for step in raw.get("steps") or [{}])
    peers = tuple(raw.get("peers") or ("company_size", "industry"))
    unknown = [d for d in peers if d not in PROFILE]
    if unknown or not isinstance(raw.get("min_peers", 30), int) or raw.get("min_peers", 30) < 1:
        raise SettingsError(f"{path}: peers must be some of {', '.join(PROFILE)} and min_peers a whole number of "
                            "at least 1")
    return Settings(int(raw.get("min_peers", 30)), peers, steps, dict(raw.get("ahead") or {}),
                    dict(raw.get("behind") or {}))


def _width(dimension: str, width, path: Path) -> int:
    if dimension not in PROFILE or not isinstance(width, int) or width < 0:
        raise SettingsError(f"{path}: a step matches on {', '.join(PROFILE)}, each with a width of 0 or more, "
                            f"not {dimension}: {width!r}")
    return width


def peer_dimensions(words: str, codebook: Codebook) -> tuple[str, ...]:
    """--peers size,industry (or the dimensions' ids) as dimensions; raises ValueError for anything else."""
    out = []
    for word in (w.strip() for w in words.split(",") if w.strip()):
        dimension = PEER_WORDS.get(word, word)
        if dimension not in PROFILE or dimension not in codebook:
            raise ValueError(f"{word!r} is not a peer dimension; use some of {', '.join(PEER_WORDS)}")
        out.append(dimension)
    return tuple(dict.fromkeys(out))


# --- the peer group

@dataclass(frozen=True)
class Step:
    """One peer group tried: what it matches on, its filters and how many respondents it holds."""

    match: tuple[tuple[str, int], ...]
    filters: Filters
    n: int


@dataclass(frozen=True)
class Peers:
    steps: tuple[Step, ...]  # those tried, in order; the last is the peer group
    least: int

    @property
    def group(self) -> Step:
        return self.steps[-1]

    @property
    def enough(self) -> bool:
        return self.group.n >= self.least

    @property
    def widened(self) -> bool:
        return len(self.steps) > 1


def steps_for(settings: Settings, dimensions: tuple[str, ...], client: Client) -> list[tuple[tuple[str, int], ...]]:
    """The settings' steps for the chosen peer dimensions and what the client's profile has: each step keeps
    the dimensions among them, a step that then repeats an earlier one is left out, and everyone comes last."""
    out: list[tuple[tuple[str, int], ...]] = []
    for step in (*settings.steps, ()):
        kept = tuple((d, w) for d, w in step if d in dimensions and d in client.profile)
        if kept not in out:
            out.append(kept)
    return out


def peer_filters(match: tuple[tuple[str, int], ...], client: Client, base: Filters, codebook: Codebook) -> Filters:
    """The view's filters, each matched dimension's replaced by the client's group and `width` groups on each
    side of it (in the codebook's order)."""
    selected = dict(base.selected)
    for dimension, width in match:
        options = codebook[dimension].option_ids
        at = options.index(client.profile[dimension])
        selected[dimension] = options[max(0, at - width): at + width + 1]
    return Filters(selected)


def find_peers(client: Client, view: View, codebook: Codebook, settings: Settings,
               dimensions: tuple[str, ...] | None = None, db=None) -> Peers:
    """The steps tried until one holds settings.min_peers respondents (or the last, everyone in the selection)."""
    tried, steps = [], steps_for(settings, dimensions or settings.peers, client)
    if dataset.noisy_waves(view.filters.selected.get(WAVE, ()), db):  # no unions of groups (survey.stats.protection)
        steps = list(dict.fromkeys(tuple((d, 0) for d, _ in match) for match in steps))
    for match in steps:
        filters = peer_filters(match, client, view.filters, codebook)
        tried.append(Step(match, filters, results.respondents(replace(view, filters=filters), codebook, db)))
        if tried[-1].n >= settings.min_peers:
            break
    return Peers(tuple(tried), settings.min_peers)


def group_words(match: tuple[tuple[str, int], ...], filters: Filters, codebook: Codebook, lang: str) -> str:
    """A peer group in words: «bedrifter med 10–19 ansatte eller 20–49 ansatte i varehandel»."""
    labels = {d: [codebook[d].option(o).label[lang] for o in filters.selected[d]] for d, _ in match}
    parts = [t("peers_companies", lang)]
    if "company_size" in labels:
        parts.append(t("peers_size", lang, sizes=either(lower(labels["company_size"]), lang)))
    if "industry" in labels:
        parts.append(t("peers_industry", lang, industries=either(lower(labels["industry"]), lang)))
    if "region" in labels:
        parts.append(either([where(codebook["region"].option(o), lang) for o in filters.selected["region"]], lang))
    return " ".join(parts) if match else t("peers_everyone", lang)


def where(region, lang: str) -> str:
    """«i Trøndelag», «på Vestlandet» (the codebook's nb_at), "in Western Norway"."""
    return t("peers_region_at" if lang == "nb" and region.extra.get("nb_at") else "peers_region", lang,
             regions=region.label[lang])


def lower(labels: list[str]) -> list[str]:
    return [label[:1].lower() + label[1:] for label in labels]


def either(items: list[str], lang: str) -> str:
    """«a, b eller c» (en: "a, b or c")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {t('or', lang)} {items[-1]}"


def step_lines(peers: Peers, codebook: Codebook, lang: str) -> list[str]:
    """Each peer group tried and its size (a group under min_group as "fewer than"), the one used said so."""
    out = []
    for i, step in enumerate(peers.steps):
        words = group_words(step.match, step.filters, codebook, lang)
        key = "peers_step_used" if i == len(peers.steps) - 1 else "peers_step_small"
        out.append(t(key, lang, group=words[:1].upper() + words[1:], n=results.n_words(step.n, lang),
                     least=peers.least))
    return out


# --- the comparison

@dataclass(frozen=True)
class Row:
    """One answer of one question: whether the client gave it, the peers' share of it, where the client
    stands and whether that is a lead (ahead, behind, or neither: "")."""

    question: str
    option: str
    chosen: bool
    pct: float
    ci_low: float
    ci_high: float
    base_n: int
    n_eff: float
    flag: str
    standing: str
    lead: str
    sentence: str


@dataclass(frozen=True)
class Comparison:
    """The client's answer to one question against the peers' shares (empty where too few peers were asked)."""

    question: Question
    chosen: tuple[str, ...]
    shares: Shares
    rows: tuple[Row, ...]

    @property
    def standing(self) -> str:
        return min((r.standing for r in self.rows), key=STANDINGS.index, default=LIKE_MOST)


@dataclass(frozen=True)
class Benchmark:
    client: Client
    peers: Peers
    comparisons: tuple[Comparison, ...]  # the company's questions first, then where the client differs first
    view: View
    peer_words: str

    @property
    def rows(self) -> list[Row]:
        return [row for comparison in self.comparisons for row in comparison.rows]

    def leads(self, lead: str) -> list[Row]:
        return [row for row in self.rows if row.lead == lead]


def standing(pct_low: float, pct_high: float, chosen: bool) -> str:
    """Where the client stands on one answer: most peers give it (the interval above 50 %), most do not (below),
    or they are divided; the client differs where it does what most do not."""
    most, few = pct_low > MOST, pct_high < MOST
    if most or few:
        return LIKE_MOST if most == chosen else DIFFERS
    return DIVIDED


def lead(question: str, option: str, chosen: bool, standing_: str, settings: Settings) -> str:
    """Ahead or behind, where the client differs from most peers on an answer the settings rate."""
    if standing_ != DIFFERS:
        return ""
    def listed(table: dict) -> bool:
        rated = table.get(question)
        return rated == "chosen" or (isinstance(rated, list) and option in rated)
    if listed(settings.ahead):
        return AHEAD if chosen else BEHIND
    if listed(settings.behind):
        return BEHIND if chosen else AHEAD
    return ""


def compare(question: Question, client: Client, shares: Shares, peer_words: str, settings: Settings,
            lang: str) -> Comparison:
    """The rows of one question: the client's answers, and for a multi-choice question the options it did not
    choose (of those it was asked about) where most peers did, or are divided."""
    chosen = client.answers[question.id]
    if shares.empty:
        return Comparison(question, chosen, shares, ())
    frame = shares.frame.set_index("option")
    peers = peer_words + (f" ({results.base_words(question, lang)})" if question.base else "")
    rows = []
    for option in frame.index:
        r = frame.loc[option]
        mine = option in chosen
        where = standing(r["ci_low"], r["ci_high"], mine)
        if not mine and (question.kind == "single" or where == LIKE_MOST or not client.asked_about(question, option)):
            continue
        said = sentence(question, option, mine, where, frame, peers, lang)
        rows.append(Row(question.id, option, mine, float(r["pct"]), float(r["ci_low"]), float(r["ci_high"]),
                        int(r["base_n"]), float(r["n_eff"]), r["flag"], where,
                        lead(question.id, option, mine, where, settings), said))
    rows.sort(key=lambda row: (STANDINGS.index(row.standing), not row.chosen))
    return Comparison(question, chosen, shares, tuple(rows))


def sentence(question: Question, option: str, chosen: bool, where: str, frame: pd.DataFrame, peers: str,
             lang: str) -> str:
    """The row in words, e.g. «Som 28,0 % av bedrifter med 20–49 ansatte i varehandel svarte kunden «Ja» på
    «Retningslinjer for ansattes bruk»; 72,0 % svarte noe annet.»"""
    label = question.option(option).label[lang]
    pct = frame.loc[option, "pct"]
    values = {"answer": label, "question": question.title[lang], "pct": format_pct(pct, lang), "peers": peers,
              "rest": format_pct(100 - pct, lang)}
    if question.kind == "single":
        top = frame["pct"].idxmax()
        values |= {"top": question.option(top).label[lang], "top_pct": format_pct(frame.loc[top, "pct"], lang)}
    key = f"bench_{question.kind}_{where}" + ("" if chosen else "_not")
    said = t(key, lang, **values)
    if frame.loc[option, "flag"] == "low_base":
        said += " " + t("flag_low_base", lang, low=load_rules().low_base)
    return said


def benchmark(client: Client, view: View, codebook: Codebook, *, dimensions: tuple[str, ...] | None = None,
              settings: Settings | None = None, db=None) -> Benchmark:
    """The client against its peer group (find_peers), every question it answered, those where it differs from
    most peers first. The view's filters, weights and level apply; its compare-by does not (one group)."""
    settings = settings or load_settings()
    view = replace(view, by=NO_COMPARISON)
    peers = find_peers(client, view, codebook, settings, dimensions, db)
    group = peers.group
    words = group_words(group.match, group.filters, codebook, view.lang)
    answered = [q for q in codebook.questions if q.id in client.answers]
    counted = results.shares_of([(q.id, (NO_COMPARISON,)) for q in answered], view, codebook,
                                filters=group.filters, db=db) if answered else {}
    made = [compare(q, client, counted[q.id][NO_COMPARISON], words, settings, view.lang)
            for q in answered]
    person = clients.person_questions(codebook)
    made.sort(key=lambda c: (c.question.id in person, STANDINGS.index(c.standing)))  # stable: codebook order
    return Benchmark(client, peers, tuple(made), view, words)


def marked(comparison: Comparison, lang: str, group_label: str) -> pd.DataFrame:
    """The peers' frame of one question with the client's answers marked in their labels («◆ Ja (kundens
    svar)»), for a chart: the mark is read, not only seen."""
    frame = comparison.shares.frame
    mark = t("bench_client_mark", lang)
    labels = [f"{MARK} {label} ({mark})" if option in comparison.chosen else label
              for option, label in zip(frame["option"], frame["option_label"])]
    return results.relabelled(frame, option_label=labels, group_label=group_label)
