"""What every page shows around its charts: the header (title, intro, the data notice, the selection and its
n, or why there is nothing to show), the footer (the page's deck and the report of every page) and, on some
pages, what stands out for the selection."""
from __future__ import annotations

import html

import duckdb
import streamlit as st

import queries
from survey.analysis import dataset, standout
from survey.analysis.dataset import notice
from survey.analysis.results import n_words, prefetch, respondents, split_title
from survey.model.codebook import Codebook
from survey.model.filters import WAVE
from survey.model.state import NO_COMPARISON, UNWEIGHTED, View
from survey.output import report
from survey.output.downloads import PAGE_DECK, REPORT_DECK
from survey.output.report import selection_words
from survey.stats.estimates import load_rules
from survey.texts.i18n import t, word_list
from survey.ui.controls import SELECTION
from survey.ui.presentation import PRESENTATION_CSS
from survey.ui.text import plain

PAGE = "_page"  # the page being drawn (its title key), for the names of its downloads


def require_entrypoint() -> None:
    """Run the page through app.py. A server whose first visitor opens a deep link (/explore) starts in
    Streamlit's older pages/ mode, which would run the page file alone, without filters or language; the
    switch to st.navigation happens only once app.py has run. Switch now and run again through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(title_key: str, intro_key: str, view: View, codebook: Codebook,
                charts: list[tuple[str, tuple[str, ...]]] = ()) -> int:
    """Title, intro, the data notice and the selection with its n, here and in the sidebar. Stops the page,
    with a sentence, when there is no database or the filters leave nobody. Returns n.

    `charts` are the charts the page shows, each a question with its splits: they are counted together with
    the selection's n, in one query (results.prefetch)."""
    require_entrypoint()
    lang = view.lang
    st.session_state[PAGE] = title_key
    if view.present:
        st.html(PRESENTATION_CSS)
    st.title(t(title_key, lang))
    if not view.present:  # in the room the presenter says it, and the first chart must fit the screen
        st.write(t(intro_key, lang))
    try:
        prefetch(list(charts), view, codebook)
        said, n = notice(lang), respondents(view, codebook)
    except queries.OutdatedDatabase:
        st.error(t("old_database", lang))
        st.stop()
    except queries.MissingDatabase:
        st.error(t("no_database", lang))
        st.stop()
    except duckdb.Error:
        st.error(t("bad_database", lang))
        st.stop()
    if said:
        st.info(plain(said), icon=":material/info:")
    weighted = weights_words(view)
    selection = plain(f"{selection_words(view, codebook)} {n_words(n, lang)}." + (f" {weighted}" if weighted else ""))
    st.caption(f"{selection} {plain(settings_words(view, codebook))}" if view.present else selection)
    if SELECTION in st.session_state:
        st.session_state[SELECTION].caption(selection)
    for sentence in filters_not_asked(view, codebook):
        st.caption(plain(sentence))
    if n < load_rules().min_group:  # none and a few alike: which it is would tell of the people in it
        st.warning(t("too_few", lang, min=load_rules().min_group), icon=":material/visibility_off:")
        st.stop()
    return n


def filters_not_asked(view: View, codebook: Codebook) -> list[str]:
    """For each dimension filtered on that some of the selection's waves did not ask: that their respondents are
    not in the selection ("Bransje ble ikke spurt om i 2011; ...")."""
    selected = view.filters.active
    if not any(dim != WAVE for dim in selected):
        return []
    lang, out = view.lang, []
    waves = dataset.selected_waves(selected.get(WAVE, ()))
    for dim in selected:
        missing = dataset.not_asked(dim, waves) if dim != WAVE else []
        if missing:
            title = codebook[dim].title[lang]
            out.append(t("filter_not_asked", lang, dimension=title, dimension_lower=title.lower(),
                         waves=word_list(missing, lang)))
    return out


def settings_words(view: View, codebook: Codebook) -> str:
    """What the charts are split by, where the sidebar is not there to say it (presentation mode):
    «Sammenlign etter: Alder.»"""
    if view.by == NO_COMPARISON:
        return ""
    return f"{t('compare_by', view.lang)}: {split_title(view.by, codebook, view.lang)}."


def weights_words(view: View) -> str:
    """Under weights, by what, where the selection is described: «Vektet etter bedriftsstørrelse og landsdel
    (SSB).» (every share of the page is weighted so)."""
    return t(f"caption_weights_{view.weights}", view.lang) if view.weights != UNWEIGHTED else ""


def page_footer(title_key: str, view: View, codebook: Codebook, n: int) -> None:
    """The PowerPoint of the page (a slide per chart shown) and the report of every page for the selection, or
    the way out of presentation mode."""
    lang = view.lang
    st.divider()
    if view.present:  # presentation_bar has the way out
        return
    page, whole = st.columns(2)
    if report.charts(title_key, view):  # the page's charts, as survey.output.report lists them: native charts
        with page:
            st.download_button(t(PAGE_DECK.label, lang), lambda: PAGE_DECK.make(title_key, view, codebook, n),
                               file_name=PAGE_DECK.file_name(title_key, "slides", view), on_click="ignore",
                               icon=":material/slideshow:", mime=PAGE_DECK.mime, width="stretch")
    with whole:
        report_button(view, codebook, n)


def report_button(view: View, codebook: Codebook, n: int) -> None:
    """The report of every page for the selection, in the view's language (survey.output.report), made when it is
    downloaded. None for a selection the pages do not show (page_header stops them first)."""
    if n < load_rules().min_group:
        return
    st.download_button(t(REPORT_DECK.label, view.lang), lambda: REPORT_DECK.make(view, codebook),
                       file_name=REPORT_DECK.file_name("report", "all_pages", view), on_click="ignore",
                       icon=":material/summarize:", mime=REPORT_DECK.mime, width="stretch")


def standout_panel(view: View, codebook: Codebook) -> None:
    """What stands out for the selection (survey.analysis.standout): the number of tests and the correction, then the
    differences that hold, largest first, each a sentence with a link to its chart; past the first ten, the
    rest in an expander. Not in presentation mode: it is a list to explore from, each item a link away from
    the presentation, and a presented page shows what its slides show (the charts, with the findings)."""
    if view.present:
        return
    lang = view.lang
    found = standout.standout(view, codebook)
    st.subheader(t("standout", lang))
    st.markdown(plain(found.intro(codebook)))
    first, rest = found.rows[:standout.SHOWN], found.rows[standout.SHOWN:]
    if first:
        st.markdown(standout_items(found, first, codebook), unsafe_allow_html=True)
    if rest:
        with st.expander(t("standout_more", lang, k=len(rest))):
            st.markdown(standout_items(found, rest, codebook), unsafe_allow_html=True)


def standout_charts(view: View, codebook: Codebook) -> list[tuple[str, tuple[str, ...]]]:
    """What standout_panel reads of the selection, for page_header to count with the page's charts."""
    return [] if view.present else standout.wanted(view, codebook)


def standout_items(found: standout.Standout, rows, codebook: Codebook) -> str:
    """A Markdown list: each sentence escaped for HTML and Markdown (it holds labels), its link made of codebook ids,
    URL-encoded, an HTML link that opens in the same tab (a Markdown link opens a tab of its own)."""
    label = t("standout_link", found.view.lang)
    return "\n".join(f"- {plain(html.escape(found.sentence(row, codebook)))} "
                     f'<a href="{html.escape(found.link(row))}" target="_self">{label}</a>' for row in rows)
