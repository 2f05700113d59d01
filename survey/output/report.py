"""The charts of each page, and the PowerPoint decks made of them: a page's deck, and one report of every page
for the current selection (a title slide, the charts, the findings, the method), in the view's language.

Importable without Streamlit: the app's buttons (survey.ui) and the command line (python -m survey report)
make the same decks. Every number comes from a results.Shares, which has applied the rules for small groups
already; a selection of fewer than min_group respondents gets a sentence, not a report.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from survey.analysis import counts, dataset, results
from survey.analysis.method import perturbation_text, perturbation_waves
from survey.analysis.results import Shares, split_title
from survey.model.codebook import Codebook
from survey.model.filters import WAVE, in_words
from survey.model.state import NO_COMPARISON, UNWEIGHTED, View
from survey.output import exports, pages, slides
from survey.output.pages import COMPOSITION, Chart  # noqa: F401 (COMPOSITION: read here by bench/noise.py)
from survey.stats.estimates import load_rules
from survey.texts.i18n import format_number, t, word_list

EXPLORE_DEFAULT = "private_use"  # the explore page's question where the view names none


# Each page's charts, and the pages whose charts the report holds, in the sidebar's order (survey.output.pages).
PAGES: dict[str, tuple[Chart, ...]] = {page.key: page.charts for page in pages.PAGES if page.charts}
REPORT_PAGES = tuple(page.key for page in pages.PAGES if page.in_report)


class TooFew(ValueError):
    """The selection has fewer respondents than min_group: no report, the sentence the pages say instead."""


def charts(page: str, view: View, db=None) -> list[Chart]:
    """The charts `page` shows for the view: the trend only where the database has several waves, the explore
    page's chart of the view's question, and no chart twice: a chart split its own way (the channels by
    gender) is left out where the view's compare-by splits the page's chart of its question so already."""
    out = []
    for chart in PAGES.get(page, ()):
        if chart.kind == "trend" and len(results.waves(db)) < 2:
            continue
        if chart.by == view.by and any(other.question == chart.question and other.by is None
                                       for other in PAGES[page]):
            continue
        if page == "explore":
            question = view.question or EXPLORE_DEFAULT
            chart = replace(chart, key=question, question=question)
        out.append(chart)
    return out


def wanted(chosen: list[Chart], view: View) -> list[tuple[str, tuple[str, ...]]]:
    """The questions and splits of `chosen`, for results.prefetch (and ui.page_header's `charts`): counted
    together in one query. The trend's are those of its headlines by wave; a composition chart counts its
    own way."""
    from survey.analysis.headlines import TREND

    out: dict[str, set[str]] = {}
    for chart in chosen:
        if chart.kind == "shares":
            out.setdefault(chart.question, set()).add(chart.by or view.by)
        elif chart.kind == "trend":
            for question in sorted(TREND):
                out.setdefault(question, set()).add(WAVE)
    return [(question, tuple(sorted(splits))) for question, splits in out.items()]


def result(chart: Chart, view: View, codebook: Codebook, db=None) -> Shares:
    from survey.analysis.headlines import trend

    if chart.kind == "trend":
        return trend(codebook, view, db)
    if chart.kind == "composition":
        return results.composition(chart.question, view, codebook, db)
    return results.shares(chart.question, view, codebook, by=chart.by, db=db)


def title(chart: Chart, shown: Shares, lang: str) -> str:
    return t(chart.title_key, lang) if chart.title_key else shown.title


def chart_slides(page: str, view: View, codebook: Codebook, db=None) -> list[slides.ChartSlide]:
    """A slide per chart of `page`: its numbers, and under it the lines of its About after the selection
    (base and n, weighting, interval, notes), the selection being in the footer."""
    out = []
    for chart in charts(page, view, db):
        shown = result(chart, view, codebook, db)
        empty = shown.empty_text(load_rules().min_group) if shown.empty else None
        lines = () if shown.empty else tuple(exports.about(shown, view, codebook, db=db).lines[1:])
        out.append(slides.ChartSlide(title(chart, shown, view.lang), shown.frame, view.lang, lines, empty))
    return out


def selection_words(view: View, codebook: Codebook) -> str:
    words = in_words(view.filters, codebook, view.lang)
    return t("active_filters", view.lang, filters=words) if words else t("no_filters", view.lang)


def notice(lang: str, db=None) -> str:
    return dataset.notice(lang, db) or t("footer_source", lang)


def footer(view: View, codebook: Codebook, n: int, db=None) -> str:
    """The footer of every slide: the selection in words, n, and the data notice."""
    return t("footer", view.lang, filters=selection_words(view, codebook), n=n, notice=notice(view.lang, db))


def cover(heading: str, subtitle: str, view: View, codebook: Codebook, n: int, db=None,
          today: dt.date | None = None) -> slides.Cover:
    """The title slide: what the deck is, the selection, n, the split, the weighting, the date, the notice."""
    lang = view.lang
    lines = [selection_words(view, codebook), t("respondents_n", lang, n=format_number(n, lang))]
    if view.by != NO_COMPARISON:
        lines.append(t("report_compare", lang, by=split_title(view.by, codebook, lang).lower()))
    lines += [t(f"caption_weights_{view.weights}", lang),
              t("report_made", lang, date=(today or dt.date.today()).isoformat()), notice(lang, db)]
    return slides.Cover(heading, subtitle, tuple(lines))


def page_deck(page: str, view: View, codebook: Codebook, n: int, db=None, today: dt.date | None = None) -> bytes:
    """The deck of one page: its title slide and a slide per chart it shows."""
    results.prefetch(wanted(charts(page, view, db), view), view, codebook, db)
    made = [cover(t(page, view.lang), t("app_title", view.lang), view, codebook, n, db, today),
            *chart_slides(page, view, codebook, db)]
    return slides.deck(made, footer=footer(view, codebook, n, db), continued=continued(view.lang))


def report_slides(view: View, codebook: Codebook, n: int, db=None, today: dt.date | None = None) -> list:
    """The report's slides: the title slide, a slide per chart of each of REPORT_PAGES, the findings and the
    method."""
    from survey.analysis.findings import findings
    from survey.analysis.headlines import wanted as overview_wanted

    lang = view.lang
    chosen = [chart for page in REPORT_PAGES for chart in charts(page, view, db)]
    results.prefetch(wanted(chosen, view) + overview_wanted(trend=False), view, codebook, db)
    found = findings(view, codebook, db) or [t("report_no_findings", lang)]
    return [cover(t("app_title", lang), t("report", lang), view, codebook, n, db, today),
            *(s for page in REPORT_PAGES for s in chart_slides(page, view, codebook, db)),
            slides.TextSlide(t("findings", lang), tuple(found), size=20),
            slides.TextSlide(t("method", lang), tuple(method(view, codebook, n, db)), size=14)]


def report_deck(view: View, codebook: Codebook, db=None, today: dt.date | None = None) -> bytes:
    """The report for the view's selection, in its language. Raises TooFew for a selection under min_group
    (the pages' sentence: whether it holds none or a few is not said)."""
    least = load_rules().min_group
    n = results.respondents(view, codebook, db)
    if n < least:
        raise TooFew(t("too_few", view.lang, min=least))
    made = report_slides(view, codebook, n, db, today)
    return slides.deck(made, footer=footer(view, codebook, n, db), continued=continued(view.lang))


def continued(lang: str):
    """How a chart or text continued over several slides is titled: "Utfordringer (1 av 2)"."""
    return lambda heading, part, parts: t("continued", lang, title=heading, part=part, parts=parts)


def method(view: View, codebook: Codebook, n: int, db=None) -> list[str]:
    """The method slide, as the method page says it: the sample and its waves, the weighting and the level,
    the test, the rules for small groups, the noise against differencing, and the data notice."""
    lang, rules = view.lang, load_rules()
    responded = results.respondents(View(lang=lang), codebook, db)
    waves = dataset.selected_waves(view.filters.params(codebook)[WAVE], db)
    out = [t("report_sample", lang, n=format_number(n, lang), responded=format_number(responded, lang),
             invited=format_number(int(codebook.survey["invitations"]), lang))]
    if waves:
        said = t("wave_one" if len(waves) == 1 else "wave_many", lang, waves=word_list(waves, lang))
        out.append(t("report_waves", lang, waves=said))
    out.append(f"{t(f'caption_weights_{view.weights}', lang)} {t('caption_ci', lang, level=view.level)}")
    if view.weights != UNWEIGHTED:
        out.append(t("method_weighting", lang))
    out += [t("method_test", lang), t("method_small", lang, low=rules.low_base, min=rules.min_group),
            perturbation_waves(lang, db)]
    if set(waves) - set(counts.exact_waves(db)):  # some of the selection's waves have noise: plainly, then exactly
        out += [t("perturbation_plain", lang), perturbation_text(lang, rules.min_group)]
    out.append(notice(lang, db))
    return out
