"""The benchmark report: a PowerPoint deck (a title slide with the client and its peer group, a summary of where
the client is ahead of and behind its peers, a slide per question with the client's answer marked, the
method) and a workbook of its rows, in the view's language. Importable without Streamlit: the page's buttons
and `python -m survey benchmark --pptx/--xlsx` make the same files.

The client's name appears as entered, as plain text (a slide's run, a spreadsheet cell escaped against
formulas); the numbers are the peers', made by survey.analysis.benchmark under every rule of the app.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from survey.analysis import results
from survey.analysis.benchmark import AHEAD, BEHIND, DIFFERS, Benchmark, Comparison, Row, marked, step_lines
from survey.model.codebook import Codebook
from survey.model.state import UNWEIGHTED
from survey.output import exports, report, slides
from survey.stats.estimates import load_rules
from survey.texts.i18n import NBSP, format_pct, t

SENTENCES_ON_SLIDE = 3  # a slide's caption holds the first few rows' sentences; the workbook holds them all


def client_name(bench: Benchmark) -> str:
    return bench.client.name or t("client_unnamed", bench.view.lang)


def footer(bench: Benchmark, db=None) -> str:
    lang = bench.view.lang
    return t("bench_footer", lang, client=client_name(bench), peers=bench.peer_words,
             n=results.n_words(bench.peers.group.n, lang), notice=report.notice(lang, db))


def lead_line(row: Row, bench: Benchmark, codebook: Codebook) -> str:
    """A lead as a sentence a client reads alone: «Kunden ligger foran de fleste sammenlignbare bedriftene på
    «Retningslinjer for ansattes bruk»: den svarte «Ja», og det gjorde bare 30,8 % av dem.»"""
    lang, question = bench.view.lang, codebook[row.question]
    key = f"bench_{row.lead}_{'chosen' if row.chosen else 'not'}"
    return t(key, lang, question=question.title[lang], answer=question.option(row.option).label[lang],
             pct=format_pct(row.pct, lang))


def summary_intro(bench: Benchmark) -> str:
    """Who the client is compared with, and on how many of the questions it answered it stands out."""
    asked = [c for c in bench.comparisons if c.rows]
    differs = sum(1 for c in asked if c.standing == DIFFERS)
    return t("bench_summary_intro", bench.view.lang, client=client_name(bench), peers=bench.peer_words,
             differs=differs, asked=len(asked))


def summary(bench: Benchmark, codebook: Codebook) -> list[str]:
    """Who the client is compared with and how often it stands out; then where it is ahead of its peers,
    then where it is behind (in the benchmark's order: the company's questions first), or a sentence where
    it is neither. Whole sentences: the slide is read without the page beside it."""
    lines = [lead_line(row, bench, codebook) for lead in (AHEAD, BEHIND) for row in bench.leads(lead)]
    return [summary_intro(bench), *(lines or [t("bench_no_leads", bench.view.lang)])]


def peer_lines(bench: Benchmark, codebook: Codebook) -> list[str]:
    """The peer group: how it was widened (each group tried and its size), and a warning where even the last
    is small."""
    lang, least = bench.view.lang, bench.peers.least
    intro = t("peers_widened" if bench.peers.widened else "peers_exact", lang, least=least)
    lines = [intro, *step_lines(bench.peers, codebook, lang)]
    if not bench.peers.enough:
        lines.append(t("peers_too_few", lang, least=least))
    return lines


def method_lines(bench: Benchmark, codebook: Codebook, db=None) -> list[str]:
    view, rules = bench.view, load_rules()
    lang = view.lang
    return [t("bench_method", lang, level=view.level), *peer_lines(bench, codebook),
            report.selection_words(view, codebook),
            f"{t(f'caption_weights_{view.weights}', lang)} {t('caption_ci', lang, level=view.level)}",
            t("method_small", lang, low=rules.low_base, min=rules.min_group), report.notice(lang, db)]


def question_slide(comparison: Comparison, bench: Benchmark) -> slides.ChartSlide:
    lang = bench.view.lang
    shares = comparison.shares
    if shares.empty:
        return slides.ChartSlide(shares.title, shares.frame, lang, (), shares.empty_text(load_rules().min_group))
    said = [row.sentence for row in comparison.rows[:SENTENCES_ON_SLIDE]]
    caption = (*said, shares.base_caption(), *shares.method_notes())
    return slides.ChartSlide(shares.title, marked(comparison, lang, t("bench_group_label", lang)), lang, caption)


def deck(bench: Benchmark, codebook: Codebook, db=None, today: dt.date | None = None) -> bytes:
    """The benchmark as a deck: title, summary, a slide per question (the company's questions first, where the
    client stands out first within them), method."""
    lang, name = bench.view.lang, client_name(bench)
    cover = slides.Cover(t("bench_deck_title", lang, client=name),
                         t("bench_deck_subtitle", lang, client=name, peers=bench.peer_words),
                         (step_lines(bench.peers, codebook, lang)[-1], report.selection_words(bench.view, codebook),
                          t(f"caption_weights_{bench.view.weights}", lang),
                          t("report_made", lang, date=(today or dt.date.today()).isoformat()),
                          report.notice(lang, db)))
    made = [cover, slides.TextSlide(t("bench_summary", lang), tuple(summary(bench, codebook)), size=18),
            *(question_slide(c, bench) for c in bench.comparisons),
            slides.TextSlide(t("bench_method_heading", lang), tuple(method_lines(bench, codebook, db)), size=14)]
    return slides.deck(made, footer=footer(bench, db), continued=report.continued(lang))


# The workbook's columns: header keys and the kind of number of each (exports.FORMATS). A row is one answer:
# the headers say so («Svaret», «Kunden ga dette svaret»: Ja/Nei, «Sammenlignbare som ga dette svaret»), so
# that "Nei" under the client is not read as the client's answer.
COLUMNS = {"question": "column_question", "option": "bench_column_option", "chosen": "bench_column_chosen",
           "pct": "bench_column_pct", "ci_low": "column_ci_low", "ci_high": "column_ci_high", "base_n": "column_base_n",
           "n_eff": "column_n_eff", "standing": "column_standing", "lead": "column_lead", "sentence": "column_sentence"}
KINDS = {"pct": "percent", "ci_low": "percent", "ci_high": "percent", "base_n": "whole", "n_eff": "decimal"}


def table(bench: Benchmark, codebook: Codebook) -> pd.DataFrame:
    """A row per row of the benchmark, in words and numbers, headed in the language."""
    lang = bench.view.lang
    rows = [{"question": codebook[r.question].title[lang], "option": codebook[r.question].option(r.option).label[lang],
             "chosen": t("chose_yes" if r.chosen else "chose_no", lang), "pct": r.pct, "ci_low": r.ci_low,
             "ci_high": r.ci_high, "base_n": r.base_n, "n_eff": r.n_eff, "standing": t(f"standing_{r.standing}", lang),
             "lead": t(f"lead_{r.lead}", lang) if r.lead else "", "sentence": r.sentence} for r in bench.rows]
    columns = [c for c in COLUMNS if c != "n_eff" or bench.view.weights != UNWEIGHTED]
    return pd.DataFrame(rows, columns=list(COLUMNS))[columns].rename(columns={c: t(k, lang)
                                                                              for c, k in COLUMNS.items()})


def about(bench: Benchmark, codebook: Codebook, db=None, today: dt.date | None = None) -> exports.About:
    """What the workbook says of itself: the client, its peers and how they were found, and the facts every
    export gives (selection, weighting, level, date, data version, notice)."""
    from survey.analysis.dataset import data_version

    view, lang = bench.view, bench.view.lang
    said = report.notice(lang, db)
    facts = ((t("export_client", lang), client_name(bench)), (t("export_peers", lang), bench.peer_words),
             (t("export_peer_steps", lang), " ".join(step_lines(bench.peers, codebook, lang))),
             (t("export_selection", lang), report.selection_words(view, codebook)),
             (t("export_weighting", lang), t(f"caption_weights_{view.weights}", lang)),
             (t("level", lang), f"{view.level}{NBSP if lang == 'nb' else ''}%"),
             (t("export_made", lang), (today or dt.date.today()).isoformat()),
             (t("export_version", lang), data_version(db)), (t("export_notice", lang), said))
    lines = (*peer_lines(bench, codebook), report.selection_words(view, codebook),
             t(f"caption_weights_{view.weights}", lang), t("bench_method", lang, level=view.level))
    return exports.About(t("bench_deck_title", lang, client=client_name(bench)), lines, said, facts,
                         t("export_sheet", lang))


def workbook(bench: Benchmark, codebook: Codebook, db=None, today: dt.date | None = None) -> bytes:
    lang = bench.view.lang
    shown = table(bench, codebook)
    formats = {t(COLUMNS[c], lang): kind for c, kind in KINDS.items()}
    return exports.to_xlsx(shown, sheet=t("benchmark", lang), about=about(bench, codebook, db, today), formats=formats)
