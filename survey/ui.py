"""The Streamlit side of the app: the view held in session state and the URL, and the pieces every page
shares (header with the data notice, a chart with its caption and exports, the PowerPoint button).

The one module of survey/ that needs Streamlit; everything it shows comes from the core.
"""
from __future__ import annotations

import collections
import html
import ipaddress
import logging
import math
import os
import re
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlparse

import duckdb
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes as arrow_bytes

import queries
from survey.output import banner, benchmark_files, charts, exports, report
from survey.analysis import benchmark, dataset, standout
from survey.ingest import clients
from survey.stats import protection
from survey.model import codebook as cb
from survey.model.codebook import Codebook
from survey.analysis.dataset import notice
from survey.stats.estimates import load_rules
from survey.model.filters import WAVE, Filters, answer_ids, filter_ids
from survey.texts.i18n import DEFAULT_LANGUAGE, LANGUAGES, NBSP, STREAMLIT_TEXTS, as_code, t, word_list
from survey.base.kept import Kept
from survey.texts.problems import InvalidResponses
from survey.output.report import selection_words
from survey.analysis.results import Shares, n_words, prefetch, respondents, split_title, waves
from survey.model.state import (ALL_TABLES, CELLS, CLIENT_KEYS, DEFAULT_CELLS, DEFAULT_LEVEL, LEVELS, NO_COMPARISON, ONE_TABLE,
                          UNWEIGHTED, Dropped, View, compare_options, from_query, to_query)

LOADED = "_view_loaded"
DROPPED = "_dropped"
PAGE = "_page"  # the page being drawn (its title key), for the names of its downloads
SELECTION = "_selection"  # the place in the sidebar for the selection's n
SCHEMES = "_weight_schemes"  # the weighting schemes the selection's waves have, for the sidebar
FALLBACK = "_weights_fallback"  # (scheme asked for, waves) where that scheme was not there and the view fell back
NARROWED = "_filters_narrowed"  # (the filters kept to one option, the filters then) where the selection has noise
MARKDOWN = re.compile(r"([\\`*_\[\]~$])|:(?=[A-Za-z])")


def plain(text: str) -> str:
    """Text for an element that renders Markdown (st.caption, st.info, ...), shown as written: the characters
    Markdown would act on are escaped (emphasis, code, links, strike-through, maths, Streamlit's :directives:).
    Captions carry data values, such as the names of waves, that must never become markup."""
    return MARKDOWN.sub(lambda m: "\\" + m.group(0), text)


def whole_columns(frame: pd.DataFrame) -> dict:
    """st.dataframe's column_config that gives each column the width of its longest text, heading included (left to
    itself it fits the values and cuts a longer heading: "Vek…")."""
    def width(column) -> int:
        return 8 * max([len(str(column)), *(len(str(v)) for v in frame[column])]) + 32
    return {column: st.column_config.Column(width=width(column)) for column in frame.columns}


def wrapped_texts(texts: pd.DataFrame) -> dict:
    """st.dataframe's settings for a table of free texts whose cells wrap (on a phone most texts do not fit a
    line): rows of three lines (Streamlit wraps a cell only in rows taller than 4rem) and columns narrow enough
    to fit a phone, which a wider screen stretches."""
    first, *rest = texts.columns
    return {"row_height": 72, "column_config": {first: st.column_config.TextColumn(width=130),
                                                **{c: st.column_config.TextColumn(width=200) for c in rest}}}


def as_text(rows) -> pd.DataFrame:
    """A table of data for st.dataframe, its text cells escaped for spreadsheets (exports.escape_cell): the
    table's own "Download as CSV" writes what it shows, so a free text starting with = + - @ must already be
    text there, as it is in the app's exports."""
    frame = pd.DataFrame(rows)
    for column in frame.select_dtypes(exclude="number").columns:
        frame[column] = frame[column].map(exports.escape_cell)
    return frame


# Captions (the selection, bases and notes) and the keys on buttons: Streamlit fades them to 4.2:1 on white;
# this is 6.6:1. A tile's title wraps: Streamlit cuts it to one line ("Har strategi for markedsføring …").
BASE_CSS = """
<style>
[data-testid="stCaptionContainer"] { color: #565d66 !important; opacity: 1 !important; }
button kbd, button kbd * { color: #565d66 !important; opacity: 1 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
</style>
"""

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stExpandSidebarButton"] { display: none !important; }
.stMainBlockContainer, .block-container { max-width: 100%; padding-top: 0.75rem; }
.stMarkdown p, .stMarkdown li, [data-testid="stCaptionContainer"] { font-size: 1.35rem !important; }
h1 { font-size: 2.5rem !important; padding: 0.25rem 0 0 !important; }
[data-testid="stAlert"] > div { padding: 0.5rem 1rem !important; }
[data-testid="stMetricValue"] { font-size: 3.5rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.4rem !important; }
.banner-table { font-size: 1.35rem !important; }
[data-testid="stAlert"] p { font-size: 1.5rem !important; }
</style>
"""


# --- the view: URL -> session state (once), widgets -> session state, session state -> URL (every run)

def load_view(codebook: Codebook) -> None:
    """On a session's first run, put the view of the URL into session state, keeping what was dropped."""
    if st.session_state.get(LOADED):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
    keep_client_link()
    view, dropped = from_query(params, codebook, available_waves())
    st.session_state.update({"lang": view.lang, "by": view.by, "present": view.present, "question": view.question,
                             "weights": view.weights, "level": view.level, "banner": list(view.banner),
                             "cells": list(view.cells), "tables": view.tables,
                             **{key: list(view.filters.selected.get(key, ())) for key in filter_ids(codebook)},
                             LOADED: view, DROPPED: dropped})


def current_view(codebook: Codebook) -> View:
    state = st.session_state
    selected = {key: tuple(state.get(key) or ()) for key in filter_ids(codebook)}
    return View(state.get("lang") or DEFAULT_LANGUAGE, Filters(selected), state.get("by") or NO_COMPARISON,
                bool(state.get("present")), state.get("question"), state.get("weights") or UNWEIGHTED,
                int(state.get("level") or DEFAULT_LEVEL), tuple(state.get("banner") or ()),
                tuple(c for c in CELLS if c in (state.get("cells") or DEFAULT_CELLS)),
                state.get("tables") or ONE_TABLE)


def write_url(view: View) -> None:
    """Put the view into the URL, where it is not there already. Left alone, a link Streamlit did not read (see
    browser_side) stays in the address bar for the browser to report."""
    wanted = to_query(view)
    if wanted != {key: st.query_params.get_all(key) for key in st.query_params.keys()}:
        st.query_params.from_dict(wanted)


def settle_weights() -> None:
    """Keep the weighting scheme to those the selection's waves all have (survey.analysis.dataset.weight_schemes), before
    the view is read: a scheme asked for (by the link, or before the wave filter changed) that some of them lack
    falls back to unweighted, and weights_notice says why for as long as the selection stays so. The sidebar
    offers only the schemes there are."""
    state = st.session_state
    selected = tuple(state.get(WAVE) or ())
    try:
        schemes = dataset.weight_schemes(selected)
    except (queries.MissingDatabase, duckdb.Error):
        schemes = [UNWEIGHTED]
    state[SCHEMES] = schemes
    chosen = state.get("weights") or UNWEIGHTED
    if chosen not in schemes:
        state[FALLBACK] = (chosen, selected)
        state["weights"] = UNWEIGHTED
        loaded = state.get(LOADED)
        if loaded is not None and loaded.weights == chosen:  # the link's view, but for the weights it cannot have
            state[LOADED] = replace(loaded, weights=UNWEIGHTED)
    elif FALLBACK in state and (chosen != UNWEIGHTED or state[FALLBACK][1] != selected):
        del state[FALLBACK]


def settle_filters(codebook: Codebook) -> None:
    """Where the selection reaches a wave with noise, keep each filter to one option (survey.stats.protection.narrowed:
    a link may hold several) before the view is read; narrowed_notice says which, for as long as the view is
    the link's."""
    state = st.session_state
    selected = {key: tuple(state.get(key) or ()) for key in filter_ids(codebook)}
    kept, changed = protection.narrowed(selected, noisy(selected[WAVE]), answer_ids(codebook))
    for key in changed:
        state[key] = list(kept[key])
    if changed:
        state[NARROWED] = (changed, Filters(kept).active)
        loaded = state.get(LOADED)
        if loaded is not None and loaded.filters.active == Filters(selected).active:  # the link's view, narrowed
            state[LOADED] = replace(loaded, filters=Filters(kept))


def noisy(waves) -> set[str]:
    """Of the selection's `waves` (all where empty), those whose counts have noise; none where the database
    cannot be read (the page then says why)."""
    try:
        return set(dataset.noisy_waves(tuple(waves)))
    except (queries.MissingDatabase, duckdb.Error):
        return set()


def narrowed_notice(view: View, codebook: Codebook) -> None:
    """Say which filters were kept to one option (by the link, or by a wave with noise chosen), and why, for as
    long as the filters stay so."""
    changed, narrowed = st.session_state.get(NARROWED) or ((), None)
    if not changed or view.filters.active != narrowed:
        return
    lang, dropped = view.lang, set(answer_ids(codebook))
    for keys, text in (([k for k in changed if k not in dropped], "filters_narrowed"),
                       ([k for k in changed if k in dropped], "filters_answers_dropped")):
        names = [t("wave", lang) if key == WAVE else codebook[key].title[lang] for key in keys]
        if names:
            st.warning(plain(t(text, lang, filters=word_list(names, lang))), icon=":material/shield:")


def noise_notice(view: View, waves: list[str]) -> None:
    """Under a selection reaching `waves`, with noise, where weights were asked for: that its figures are
    unweighted, and why."""
    named = t("wave_one" if len(waves) == 1 else "wave_many", view.lang, waves=word_list(waves, view.lang))
    st.info(plain(t("noise_unweighted", view.lang, waves=named)), icon=":material/shield:")


def weights_notice(view: View) -> None:
    """Say that the view is unweighted because the scheme asked for is not there for the selection's waves."""
    if FALLBACK not in st.session_state or view.weights != UNWEIGHTED:
        return
    scheme, selected = st.session_state[FALLBACK]
    with_noise = sorted(noisy(selected))
    if with_noise:
        return noise_notice(view, with_noise)
    lang = view.lang
    try:
        has = dataset.scheme_waves().get(scheme, ())
    except (queries.MissingDatabase, duckdb.Error):
        has = ()
    name = t(f"weights_name_{scheme}", lang)
    if has:
        waves = t("wave_one" if len(has) == 1 else "wave_many", lang, waves=word_list(has, lang))
        text = t("weights_unavailable", lang, scheme=name, waves=waves)
    else:
        text = t("weights_unavailable_anywhere", lang, scheme=name)
    st.warning(plain(text), icon=":material/balance:")


def available_waves() -> list[str]:
    """The waves of the database in use, or none where it cannot be read (the page then says why)."""
    try:
        return waves()
    except (queries.MissingDatabase, duckdb.Error):
        return []


def reset_filters(codebook: Codebook) -> None:
    for key in filter_ids(codebook):
        st.session_state[key] = []
    st.session_state["by"] = NO_COMPARISON


def leave_presentation() -> None:
    st.session_state["present"] = False


# --- the browser's side: the page's language on <html>, and a link longer than Streamlit reads

# Streamlit reads no query string of more than 1,000 parameters or 512 KiB (it starts the app as if there
# were none); the browser still has it, so it says so.
MOST_FIELDS, MOST_CHARACTERS = 1000, 512 * 1024
TOO_LONG = "_link_too_long"  # the number of parameters of a link that was not read, while its view is shown
BROWSER_JS = """
// Streamlit's own texts in the page's language (survey.texts.i18n.STREAMLIT_TEXTS): written in as they appear, in
// Streamlit's elements only; the app's own texts (markdown, captions, labels, options, tables) are left alone.
const OWN = '[data-testid="stMarkdownContainer"], [data-testid="stText"], [data-testid="stCaptionContainer"], '
    + '[data-testid="stWidgetLabel"], [role="option"][aria-selected], [data-baseweb="tag"], '
    + '[data-testid="stVegaLiteChart"] svg';  // an option without aria-selected is the list's own "No results"
const THEIRS = '[data-testid="stFileUploaderDropzone"]';  // Streamlit's own, though drawn as markdown
const LABELS = ["aria-label", "title", "placeholder"];

function rewrite(value, whole, patterns) {
    if (Object.hasOwn(whole, value)) return whole[value];
    for (const [found, into] of patterns) {
        if (found.test(value)) return value.replace(found, into);
    }
    return value;
}

function compiled(table) {
    const patterns = (list) => list.map(([pattern, into]) => [new RegExp(pattern), into]);
    return {...table, text_patterns: patterns(table.text_patterns), label_patterns: patterns(table.label_patterns)};
}

function translate(root, table) {
    if (root.nodeType === Node.TEXT_NODE) {
        const parent = root.parentElement, text = root.data.trim();
        if (text && parent && (!parent.closest(OWN) || parent.closest(THEIRS))) {
            const into = rewrite(text, table.texts, table.text_patterns);
            if (into !== text) root.data = into;
        }
        return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    for (const element of [root, ...root.querySelectorAll("[aria-label], [title], [placeholder]")]) {
        for (const name of LABELS) {
            const value = element.getAttribute(name);
            if (value) {
                const into = rewrite(value, table.labels, table.label_patterns);
                if (into !== value) element.setAttribute(name, into);
            }
        }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) translate(walker.currentNode, table);
}

function watch(table, lang) {
    const changed = window.surveyTextsLang !== lang;
    if (changed) window.surveyTexts = compiled(table);
    window.surveyTextsLang = lang;
    if (!window.surveyTextsWatch) {
        window.surveyTextsWatch = new MutationObserver((changes) => {
            for (const change of changes) {
                if (change.type !== "childList") translate(change.target, window.surveyTexts);
                for (const added of change.addedNodes) translate(added, window.surveyTexts);
            }
        });
        window.surveyTextsWatch.observe(document.body, {subtree: true, childList: true, characterData: true,
                                                        attributes: true, attributeFilter: LABELS});
    }
    if (changed) translate(document.body, window.surveyTexts);  // what is on the page already, in the new language
}

export default function({ data, setTriggerValue }) {
    document.documentElement.lang = data.lang;
    watch(data.streamlit_texts, data.lang);
    // The address the page was loaded from, which the app's own changes to the address do not touch.
    const loaded = performance.getEntriesByType("navigation")[0];
    const query = new URL(loaded ? loaded.name : window.location.href).search.slice(1);
    const fields = query ? query.split("&").length : 0;
    if (!data.reported && (fields > data.most_fields || query.length > data.most_characters)) {
        setTriggerValue("too_long", fields);
    }
    // A share link carries the client in the address's fragment, which no server receives (and so no log):
    // handed to the session once, then taken out of the address bar; also when a link is opened in a tab that
    // shows its page already (only the fragment changes, so the page is not loaded again).
    window.surveyClientLink = () => {
        const fragment = window.location.hash.slice(1);
        const carried = new URLSearchParams(fragment);
        if (fragment && data.client_keys.some((key) => carried.has(key))) {
            setTriggerValue("client_link", fragment);
            history.replaceState(history.state, "", window.location.pathname + window.location.search);
        }
    };
    if (!window.surveyHashHeard) {
        window.surveyHashHeard = true;
        window.addEventListener("hashchange", () => window.surveyClientLink());
    }
    window.surveyClientLink();
}
"""
_browser = st.components.v2.component("survey_browser_side", js=BROWSER_JS)


def browser_side(view: View) -> None:
    """Tell the browser the page's language (so a screen reader reads Norwegian as Norwegian), and hear from it
    whether the link was too long to be read, and the client a share link's fragment carries. With the style
    every page shares."""
    st.html(BASE_CSS)
    _browser(data={"lang": view.lang, "reported": TOO_LONG in st.session_state, "most_fields": MOST_FIELDS,
                   "most_characters": MOST_CHARACTERS, "client_keys": list(CLIENT_KEYS),
                   "streamlit_texts": streamlit_texts(view.lang)},
             key="_browser_side", on_too_long_change=_link_too_long, on_client_link_change=_client_link_heard)


def streamlit_texts(lang: str) -> dict:
    """What the browser writes in place of Streamlit's own English texts: the language's, or, for English,
    the way back (a page switched from Norwegian keeps the elements it has drawn)."""
    if lang in STREAMLIT_TEXTS:
        return STREAMLIT_TEXTS[lang]
    nb = STREAMLIT_TEXTS["nb"]
    return {"texts": {v: k for k, v in nb["texts"].items()}, "labels": {v: k for k, v in nb["labels"].items()},
            "text_patterns": [], "label_patterns": [[r"^Fjern (.+)$", "Remove $1"]]}


def _client_link_heard() -> None:
    """The client a share link's fragment carried (client_fragment), kept for the benchmark page to fill in."""
    carried = client_fragment(st.session_state["_browser_side"].get("client_link"))
    if carried:
        st.session_state[CLIENT_LINK] = carried


def client_fragment(fragment) -> dict[str, list[str]]:
    """The client's keys (CLIENT_KEYS) of a share link's fragment, each with its values; nothing else."""
    if not isinstance(fragment, str) or len(fragment) > MOST_CHARACTERS:
        return {}
    try:
        values = parse_qs(fragment, keep_blank_values=True, max_num_fields=MOST_FIELDS)
    except ValueError:  # more fields than any link of the app holds
        return {}
    return {key: values.get(key, []) for key in CLIENT_KEYS} if values.keys() & set(CLIENT_KEYS) else {}


def _link_too_long() -> None:
    fields = st.session_state["_browser_side"].get("too_long")
    if fields:
        st.session_state[TOO_LONG] = int(fields)


def link_notice(view: View) -> None:
    """Say that the link was not read, for as long as the view is the default one it left."""
    fields = st.session_state.get(TOO_LONG)
    if fields and not to_query(replace(view, lang=DEFAULT_LANGUAGE, question=None)):
        st.warning(t("link_too_long", view.lang, fields=fields, most=MOST_FIELDS), icon=":material/link_off:")


# --- a page the app does not have

def requested_page() -> str:
    """The page the address asks for (the path after the app's own), "" for the app's first page."""
    path = urlparse(st.context.url or "").path.strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return unquote(path)


def unknown_page(known: set[str]) -> st.Page | None:
    """A page for an address the app does not have, shown in the page's language instead of Streamlit's own
    English notice: a hidden page at that address that says so and links to every page."""
    asked = requested_page()
    if not asked or asked in known or "/" in asked:
        return None
    st.session_state[UNKNOWN] = asked
    return st.Page(not_found, title=t("page_not_found_title", current_lang()), url_path=asked, visibility="hidden")


UNKNOWN = "_unknown_page"
PAGE_LINKS = "_page_links"  # the app's pages, for the links of not_found and presentation mode's steps


def not_found() -> None:
    lang = current_lang()
    st.title(t("page_not_found_title", lang))
    st.write(t("page_not_found", lang, page=as_code("/" + st.session_state.get(UNKNOWN, ""))))
    for link in st.session_state.get(PAGE_LINKS, []):
        st.page_link(link)


# --- presentation mode: the page and its charts large, moved through with the keyboard

def presentation_bar(codebook: Codebook, view: View, page: st.Page) -> None:
    """Previous and next page (also the arrow keys), the filters and settings in a popover, and the way out
    (also Esc). Presentation mode has no sidebar; the selection is said in large type under the title."""
    lang, order = view.lang, st.session_state.get(PAGE_LINKS, [])
    at = next((i for i, p in enumerate(order) if p.url_path == page.url_path), None)
    back, forward, settings, leave = st.columns([1, 1, 1.3, 1.3], vertical_alignment="center")
    with back:
        previous = st.button(t("previous_page", lang), icon=":material/arrow_back:", shortcut="Left",
                             width="stretch", disabled=not at)
    with forward:
        following = st.button(t("next_page", lang), icon=":material/arrow_forward:", shortcut="Right",
                              width="stretch", disabled=at is None or at + 1 >= len(order))
    with settings, st.popover(t("change_filters", lang), icon=":material/tune:", width="stretch"):
        sidebar(codebook, view)
    with leave:
        st.button(t("leave_presentation", lang), on_click=leave_presentation, icon=":material/close:",
                  shortcut="Esc", width="stretch")
    # Only now, with every widget of the view drawn: a run that stops before a widget is drawn forgets its value.
    if previous or following:
        st.switch_page(order[at - 1 if previous else at + 1])


def dropped_notices(view: View) -> None:
    """Say what the opened link held that is not in the codebook, for as long as the view is the link's.
    Values are shown literally (code spans)."""
    loaded: View = st.session_state[LOADED]
    if (view.lang, view.filters.active, view.by, view.present, view.weights, view.level) != \
            (loaded.lang, loaded.filters.active, loaded.by, loaded.present, loaded.weights, loaded.level):
        return
    for d in st.session_state.get(DROPPED) or []:
        d: Dropped
        key = "dropped_key" if d.reason == "key" else "dropped_value"
        st.warning(t(key, view.lang, param=as_code(d.key), value=as_code(d.value)), icon=":material/link_off:")


# --- the sidebar

def widget_key(key: str, lang: str) -> str:
    """The key of the widget that sets the view's `key` in `lang`. A widget of its own per language: Streamlit
    takes a keyed select box or radio whose labels changed since the last run (as they do when the language
    is switched) to hold its label rather than its option."""
    return f"_{key}_{lang}"


def bound(key: str, lang: str) -> dict:
    """The arguments that bind a widget to the view's `key` in session state: its own key (widget_key), the
    view's value put into it before it is drawn, and the value copied back when the person changes it."""
    own = widget_key(key, lang)
    st.session_state[own] = st.session_state.get(key)
    return {"key": own, "on_change": copy_state, "args": (own, key)}


def copy_state(source: str, target: str) -> None:
    st.session_state[target] = st.session_state[source]


def one_option(key: str, lang: str) -> dict:
    """bound(), for a filter: where the selection then reaches a wave with noise, the option just added takes
    the place of the one there (survey.stats.protection.narrowed, newest first)."""
    return {**bound(key, lang), "on_change": copy_filter}


def copy_filter(source: str, target: str) -> None:
    state = st.session_state
    chosen = tuple(state[source] or ())
    waves = chosen if target == WAVE else tuple(state.get(WAVE) or ())
    kept, _ = protection.narrowed({target: chosen[::-1]}, noisy(waves))
    state[target] = [value for value in chosen if value in kept[target]]


def sidebar(codebook: Codebook, view: View) -> None:
    lang = view.lang
    # Every widget is bound (not keyed by the view's own keys): a run that changes page (presentation mode's
    # steps) forgets the values of widgets keyed directly.
    st.radio(t("language", lang), LANGUAGES, horizontal=True, format_func=lambda code: t("language_name", code),
             **bound("lang", lang))
    st.subheader(t("filters", lang))
    waves = available_waves()
    # No "Select all" (none chosen is all) and no search box (a few options each): Streamlit's texts for them
    # are English only.
    plain_list = {"placeholder": t("all", lang), "select_all": False, "filter_mode": None}
    if noisy(view.filters.selected.get(WAVE, ())):
        plain_list["help"] = t("filter_one_option", lang)
    if len(waves) > 1:
        st.multiselect(t("wave", lang), waves, **plain_list, **one_option(WAVE, lang))
    for question in codebook.dimensions:
        labels = {o.id: o.label[lang] for o in question.options}
        st.multiselect(question.title[lang], question.option_ids, format_func=labels.get, **plain_list,
                       **one_option(question.id, lang))
    answers(codebook, view, plain_list)
    st.selectbox(t("compare_by", lang), compare_options(codebook, waves),
                 format_func=lambda by: split_title(by, codebook, lang), filter_mode=None,
                 placeholder=t("choose", lang), **bound("by", lang))
    st.button(t("reset", lang), on_click=reset_filters, args=(codebook,), icon=":material/filter_alt_off:")
    st.session_state[SELECTION] = st.empty()  # the selection and its n, which the page's header writes in
    st.selectbox(t("weights", lang), st.session_state.get(SCHEMES) or [UNWEIGHTED],
                 format_func=lambda w: t(f"weights_{w}", lang), filter_mode=None,
                 placeholder=t("choose", lang), **bound("weights", lang))
    st.radio(t("level", lang), [int(level) for level in LEVELS], horizontal=True,
             format_func=lambda level: f"{level}{NBSP if lang == 'nb' else ''}%", **bound("level", lang))
    st.toggle(t("presentation", lang), **bound("present", lang))
    if not view.present:
        st.caption(t("presentation_keys", lang))


ANSWERS_OPEN = "_answers_open"  # whether the sidebar's filters on answers are unfolded, and drawn


def answers(codebook: Codebook, view: View, plain_list: dict) -> None:
    """The filters on answers: a multi-select per question besides the dimensions, folded away unless one is in
    use (most views filter on the profile alone, and nine more lists would push the rest of the sidebar down)."""
    lang, keys = view.lang, answer_ids(codebook)
    if any(key in view.filters.active for key in keys):  # open where an answer filters (a link may hold one)
        st.session_state.setdefault(ANSWERS_OPEN, True)
    box = st.expander(t("answers", lang), icon=":material/checklist:", key=ANSWERS_OPEN, on_change="rerun")
    if not box.open:  # drawn only when opened: a page loads faster without nine lists nobody sees
        return
    with box:
        if noisy(view.filters.selected.get(WAVE, ())):  # survey.stats.protection: no filter on answers there
            st.caption(t("answers_noise", lang))
            return
        st.caption(t("answers_help", lang))
        for key in keys:
            question = codebook[key]
            labels = {o.id: o.label[lang] for o in question.options}
            st.multiselect(question.title[lang], question.option_ids, format_func=labels.get,
                           **{**plain_list, "help": question.base[lang].capitalize() if question.base else None},
                           **one_option(key, lang))




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




# --- what every page shows

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


def chart(result: Shares, view: View, *, key: str, title: str | None = None, glance: bool = False) -> None:
    """A share chart with its caption (base and n) and, outside presentation mode, its exports. The chart is
    drawn from a reused spec (charts.share_spec); the figures for images are made only when one is
    downloaded. `glance`: a small chart of the overview, its caption the base and n alone, no exports (its
    page has them)."""
    if result.empty:
        st.info(plain(result.empty_text(load_rules().min_group)))
        return
    spec, caption = drawn(result, view.lang, title or result.title, view.present, glance)
    st.vega_lite_chart(dict(spec), width="stretch", theme=None)  # Streamlit changes its own copy's top level
    st.caption(caption)
    if not view.present and not glance:
        downloads(result, view, key=key)


# What a chart draws from a result: its spec with the numbers as the Arrow bytes Streamlit sends, and its
# caption. Results are kept for every session (survey.analysis.results), so each is drawn from them once: by the
# frame's identity, which cannot be another frame's while the entry holds the frame.
_drawn = Kept(1024)


def drawn(result: Shares, lang: str, title: str, large: bool, glance: bool) -> tuple[dict, str]:
    def make() -> tuple[pd.DataFrame, dict, str]:
        spec = charts.share_spec(result.frame, lang=lang, title=title, large=large)
        spec["datasets"] = {name: arrow_bytes(data) for name, data in spec["datasets"].items()}
        return result.frame, spec, plain(result.base_caption() if glance else result.caption())

    _, spec, caption = _drawn.get((id(result.frame), lang, title, large, glance), make)
    return spec, caption


def page_charts(page: str, view: View, codebook: Codebook, keys: tuple[str, ...] | None = None) -> None:
    """The charts survey.output.report lists for `page` (those of `keys`, where given), as the page's decks hold them."""
    for one in report.charts(page, view):
        if keys is None or one.key in keys:
            shown = report.result(one, view, codebook)
            chart(shown, view, key=one.key, title=report.title(one, shown, view.lang))


def wanted_charts(page: str, view: View) -> list[tuple[str, tuple[str, ...]]]:
    """What page_header counts in one query for the charts of `page` (survey.output.report.PAGES)."""
    return report.wanted(report.charts(page, view), view)


def downloads(result: Shares, view: View, *, key: str) -> None:
    """The chart's numbers (CSV, Excel) and image (PNG 16:9 and square, SVG 16:9), each describing itself
    (exports.about, charts.figure) and named for the page, question, selection and date. Each file is made
    when it is downloaded."""
    lang, codebook = view.lang, cb.load()

    def about() -> exports.About:
        return exports.about(result, view, codebook)

    def described(shape: str):
        said = about()
        return charts.figure(result.frame, lang=lang, title=said.title, selection=said.lines[0],
                             lines=list(said.lines[1:]), notice=said.notice, shape=shape)

    files = [
        ("download_csv", "", "csv", "text/csv",
         lambda: exports.to_csv(result.export_table(), lang=lang, about=about())),
        ("download_xlsx", "", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: exports.to_xlsx(result.export_table(), sheet=result.title, about=about(),
                                 formats=result.export_formats())),
        ("download_png", "", "png", "image/png", lambda: exports.to_png(described("wide"))),
        ("download_png_square", "_square", "png", "image/png", lambda: exports.to_png(described("square"))),
        ("download_svg", "", "svg", "image/svg+xml", lambda: exports.to_svg(described("wide"))),
    ]
    page = st.session_state.get(PAGE, "page")
    # In a row that wraps: on a phone five buttons the width of the screen each would bury the next chart.
    with st.container(horizontal=True, gap="small"):
        for label, variant, ext, mime, make in files:
            st.download_button(t(label, lang), make, file_name=exports.file_name(page, key + variant, view, ext),
                               mime=mime, key=f"{key}{variant}_{ext}", on_click="ignore",
                               icon=":material/download:", width="content")


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
            st.download_button(t("download_deck", lang), lambda: report.page_deck(title_key, view, codebook, n),
                               file_name=exports.file_name(title_key, "slides", view, "pptx"), on_click="ignore",
                               icon=":material/slideshow:", mime=PPTX, width="stretch")
    with whole:
        report_button(view, codebook, n)


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


def explore_question(view: View) -> str:
    return view.question or "private_use"


def question_choice(codebook: Codebook, view: View) -> str:
    """The Explore page's question: a select box, or in presentation mode the question of the view."""
    default = explore_question(view)
    if view.present:
        return default
    st.session_state.setdefault("question", default)
    if st.session_state["question"] is None:
        st.session_state["question"] = default
    titles = {q.id: q.title[view.lang] for q in codebook.questions}
    st.selectbox(t("explore_question", view.lang), list(titles), format_func=titles.get,
                 placeholder=t("choose", view.lang), **bound("question", view.lang))
    st.caption(t("explore_hint", view.lang))
    return st.session_state["question"]


def banner_choices(codebook: Codebook, view: View) -> None:
    """The table's settings: its banner (dimensions across), what its cells show, and one question or all."""
    lang = view.lang
    plain_list = {"select_all": False, "filter_mode": None}
    left, middle, right = st.columns([4, 4, 3], vertical_alignment="bottom")
    with left:
        st.multiselect(t("banner_choice", lang), compare_options(codebook, available_waves())[1:],
                       format_func=lambda by: split_title(by, codebook, lang), help=t("banner_help", lang),
                       placeholder=t("banner_placeholder", lang), **plain_list, **bound("banner", lang))
    with middle:
        st.multiselect(t("cells_choice", lang), CELLS, format_func=lambda cell: t(f"cells_{cell}", lang),
                       placeholder=", ".join(t(f"cells_{c}", lang) for c in DEFAULT_CELLS), **plain_list,
                       **bound("cells", lang))
    with right:
        st.radio(t("banner_heading", lang), (ONE_TABLE, ALL_TABLES), horizontal=True, label_visibility="collapsed",
                 format_func=lambda which: t("tables_all" if which == ALL_TABLES else "explore_this", lang),
                 **bound("tables", lang))


def banner_tables(question: str, view: View, codebook: Codebook) -> None:
    """The Explore page's table of the question against the banner (or the table set of every question), as a
    table a screen reader can follow, with its notes and its workbook."""
    lang = view.lang
    st.subheader(t("banner_heading", lang))
    if not view.present:
        banner_choices(codebook, view)
    dims = banner.banner_of(view)
    questions = [question] if view.tables == ONE_TABLE else [q.id for q in codebook.questions]
    made = banner.tables(questions, dims, view, codebook, letters="letters" in view.cells)
    st.html(banner.TABLE_CSS)
    for table in made:
        if len(made) > 1:
            st.markdown(f"#### {plain(table.title)}")
        if table.empty:
            st.info(plain(table.results[0].empty_text()), icon=":material/info:")
            continue
        st.html(banner.to_html(table, view.cells))
        for note in table.notes(view.cells):
            st.caption(plain(note))
    if view.present or all(table.empty for table in made):
        return
    shown = [table for table in made if not table.empty]
    name = "table_set" if len(made) > 1 else question
    st.download_button(t("download_table_set" if len(made) > 1 else "download_table", lang),
                       lambda: banner.workbook(shown, view.cells, banner.about(shown, view, codebook, dims)),
                       file_name=exports.file_name("explore", f"{name}_banner-{'-'.join(dims) or 'total'}", view,
                                                   "xlsx"),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                       icon=":material/table_view:", key="banner_xlsx")


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def report_button(view: View, codebook: Codebook, n: int) -> None:
    """The report of every page for the selection, in the view's language (survey.output.report), made when it is
    downloaded. None for a selection the pages do not show (page_header stops them first)."""
    if n < load_rules().min_group:
        return
    st.download_button(t("download_report", view.lang), lambda: report.report_deck(view, codebook),
                       file_name=exports.file_name("report", "all_pages", view, "pptx"), on_click="ignore",
                       icon=":material/summarize:", mime=PPTX, width="stretch")


# --- access: off unless configured in .streamlit/secrets.toml

def secret(name: str) -> str | None:
    """A value from the secrets, or None where there is none (or no secrets file at all)."""
    try:
        value = st.secrets.get(name)
    except Exception:  # Streamlit raises its own error when there is no secrets file; that means "not set"
        return None
    return str(value) if value else None


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def passphrase_gate(key: str, expected: str, label: str, intro: str | None = None) -> None:
    """Stop the page until the right passphrase has been given in this session. Each attempt is checked once,
    when it is entered (compared in constant time), and only once the wait after the last failure of this
    session and of this address has passed (Attempts)."""
    if st.session_state.get(key):
        return
    if intro:
        st.write(intro)
    st.text_input(label, type="password", key=f"{key}_input", on_change=check_passphrase, args=(key, expected))
    said = st.session_state.get(f"{key}_said")
    if said:
        st.error(said)
    st.stop()


def check_passphrase(key: str, expected: str) -> None:
    import hmac

    state, lang = st.session_state, current_lang()
    given, state[f"{key}_input"] = state.get(f"{key}_input") or "", ""
    if not given:
        return
    address = client_address()
    session = state.setdefault(f"{key}_attempts", Attempts())
    wait = max(ATTEMPTS.wait(address), session.wait(SESSION), SERVER.wait())
    if wait > 0:
        state[f"{key}_said"] = t("access_wait", lang, seconds=math.ceil(wait))
        ACCESS_LOG.warning("%s passphrase attempt from %s refused unchecked: %.0f s of waiting left", key.strip("_"),
                           address, wait)
    elif hmac.compare_digest(given.encode(), expected.encode()):
        state[key] = True
        state.pop(f"{key}_said", None)
        ATTEMPTS.succeeded(address)
    else:
        failures = ATTEMPTS.failed(address)
        session.failed(SESSION)
        SERVER.failed()
        state[f"{key}_said"] = t("admin_wrong", lang)
        ACCESS_LOG.warning("wrong %s passphrase from %s (failure %d from the address, %d in the session); the next "
                           "attempt is checked after %d s", key.strip("_"), address, failures,
                           session.failures(SESSION),
                           math.ceil(max(ATTEMPTS.wait(address), session.wait(SESSION), SERVER.wait())))


PROXY_SETTING = "SURVEY_BEHIND_PROXY"  # "1" where a proxy in front sets X-Real-IP (deploy/ sets it)


def behind_proxy() -> bool:
    """Whether the deployment says a proxy in front of the app sets X-Real-IP, replacing any a client sent."""
    return os.environ.get(PROXY_SETTING, "").strip().lower() in ("1", "true", "yes")


def client_address() -> str:
    """The address of the person behind the session (address_of the connection)."""
    return address_of(st.context.ip_address, st.context.headers, behind_proxy())


def address_of(ip: str | None, headers, proxied: bool) -> str:
    """The connection's own address; for a connection from this machine (Streamlit gives no address then),
    the address the proxy passes in X-Real-IP where the deployment says a proxy sets it (so that the people
    behind one proxy do not share one address's wait), never a header a client could have sent itself;
    else "local"."""
    if isinstance(ip, str) and ip:
        return ip
    return (proxied_address(headers) if proxied else None) or "local"


def proxied_address(headers) -> str | None:
    """The proxy's X-Real-IP, where it is an IP address (a header is text from outside)."""
    value = headers.get("X-Real-Ip") if hasattr(headers, "get") else None
    if not isinstance(value, str):
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


SESSION = "session"
MAX_WAIT = 60.0  # seconds: after enough failures, one attempt a minute


def now() -> float:
    return time.monotonic()


class Attempts:
    """Failed passphrase attempts by who made them (a client address, or a session's own), in this process: the
    n-th failure in a row makes the next attempt wait 2^(n-1) seconds (1, 2, 4, … at most MAX_WAIT), so 300
    guesses take hours, not a second. A success clears its address. Behind a proxy every client has the proxy's
    address: the wait is then shared by all (the session's own still holds for each)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: dict[str, tuple[int, float]] = {}  # who: (failures in a row, when the next may be checked)

    def wait(self, who: str) -> float:
        with self.lock:
            return max(0.0, self.seen.get(who, (0, 0.0))[1] - now())

    def failures(self, who: str) -> int:
        with self.lock:
            return self.seen.get(who, (0, 0.0))[0]

    def failed(self, who: str) -> int:
        with self.lock:
            count = self.seen.get(who, (0, 0.0))[0] + 1
            self.seen[who] = (count, now() + min(MAX_WAIT, 2.0 ** (count - 1)))
            return count

    def succeeded(self, who: str) -> None:
        with self.lock:
            self.seen.pop(who, None)


class Window:
    """Failed attempts of the whole server: at most `most` in any `seconds`; past that, every attempt, from
    anyone, waits until the oldest of them is out of the window. Whatever an attacker makes look like many
    people (new sessions, addresses), the guesses checked stay few."""

    def __init__(self, most: int, seconds: float) -> None:
        self.most, self.seconds = most, seconds
        self.lock = threading.Lock()
        self.times: collections.deque[float] = collections.deque()

    def _forget(self) -> None:
        while self.times and self.times[0] <= now() - self.seconds:
            self.times.popleft()

    def wait(self) -> float:
        with self.lock:
            self._forget()
            return 0.0 if len(self.times) < self.most else self.times[-self.most] + self.seconds - now()

    def failed(self) -> None:
        with self.lock:
            self._forget()
            self.times.append(now())


ATTEMPTS = Attempts()
SERVER = Window(most=20, seconds=60.0)  # 20 failed attempts a minute, from all together
ACCESS_LOG = logging.getLogger("survey.access")  # failures and refusals, never what was typed
if not ACCESS_LOG.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    ACCESS_LOG.addHandler(_handler)


def current_lang() -> str:
    return st.session_state.get("lang") or DEFAULT_LANGUAGE


def require_access(lang: str) -> None:
    """No page shows data before login, where a login (OIDC) or a viewer passphrase is configured."""
    if oidc_configured():
        if not st.user.is_logged_in:
            st.write(t("login_intro", lang))
            st.button(t("login", lang), on_click=st.login, icon=":material/login:")
            st.stop()
        return
    expected = secret("viewer_passphrase")
    if expected:
        passphrase_gate("_viewer_ok", expected, t("viewer_passphrase", lang), t("viewer_intro", lang))


def admin_enabled() -> bool:
    return secret("admin_passphrase") is not None


def require_admin(lang: str) -> None:
    expected = secret("admin_passphrase")
    if expected is None:
        st.stop()
    passphrase_gate("_admin_ok", expected, t("admin_passphrase", lang))


# --- the benchmark page: the client, held in this session only (survey.ingest.clients)

CLIENT = "_client"  # the prefix of the client's keys in session state: never in the URL, never in the view
CLIENT_LINK = "_client_link"  # the client a share link carried (its fragment, or an older link's query), read once
CLIENT_FILE_MB = 5  # a client file holds one row: a few kilobytes, or an export with its header rows
CLIENT_MAPPING_MB = 1  # its mapping: a few kilobytes of YAML
MB = 1024 * 1024
CLIENT_FILE_SAID = "_client_file_said"  # what reading an uploaded client file came to (a sentence and a report)


def client_key(name: str) -> str:
    return f"{CLIENT}_{name}"


def client_form(codebook: Codebook, view: View, settings) -> tuple:
    """The client: a file to read it from, its name, its company profile, the dimensions its peers share, and its
    answers to each question its other answers route to. Returns (Client, peer dimensions)."""
    lang = view.lang
    apply_client_link(codebook, lang)
    st.caption(t("client_private", lang))
    client_file(codebook, lang)
    st.session_state.setdefault(client_key("name"), "")
    st.text_input(t("client_name", lang), max_chars=clients.MAX_NAME, **bound(client_key("name"), lang))
    profile = {}
    for column, dimension in zip(st.columns(len(clients.PROFILE)), clients.PROFILE):
        with column:
            profile[dimension] = choice(codebook[dimension], lang, codebook[dimension].title[lang], single=True,
                                        select=True)
    st.session_state.setdefault(client_key("peers"), list(settings.peers))
    st.pills(t("peers_choice", lang), clients.PROFILE, selection_mode="multi",
             format_func=lambda d: codebook[d].title[lang], **bound(client_key("peers"), lang))
    client = clients.from_choices(st.session_state[client_key("name")], profile, client_answers(codebook, lang),
                                  codebook)
    return client, tuple(d for d in clients.PROFILE if d in (st.session_state.get(client_key("peers")) or ()))


def client_file(codebook: Codebook, lang: str) -> None:
    """A client file (and its mapping) to fill the form from, and what reading it came to."""
    files, mapping = st.columns([3, 2])
    with files:
        st.file_uploader(t("client_file", lang), type=["csv", "txt", "xlsx", "sav"], key=client_key("file"),
                         on_change=read_client_file, args=(codebook,), max_upload_size=CLIENT_FILE_MB)
    with mapping:
        st.file_uploader(t("admin_mapping", lang), type=["yaml", "yml"], key=client_key("mapping"),
                         on_change=read_client_file, args=(codebook,), max_upload_size=CLIENT_MAPPING_MB)
    said = st.session_state.get(CLIENT_FILE_SAID)
    if said:
        (st.success if said[0] == "ok" else st.error)(plain(said[1]))
        if said[2]:
            st.text(said[2])  # the import's report: values from the file, shown as text


def client_answers(codebook: Codebook, lang: str) -> dict:
    """The client's answer to each question, shown once the answers before it route to it."""
    st.markdown(f"**{t('client_answers', lang)}**", help=t("client_answers_help", lang))
    answers: dict = {}
    for question in clients.client_questions(codebook):
        if clients.asked(question, {q: clients.as_chosen(a) for q, a in answers.items()}, codebook):
            answers[question.id] = choice(question, lang, question.text[lang], single=question.kind == "single")
    return answers


def choice(question, lang: str, label: str, *, single: bool, select: bool = False):
    """One of the client's answers, bound to session state: a select box for the profile, pills for answers."""
    key = client_key(question.id)
    st.session_state.setdefault(key, None if single else [])
    labels = {o.id: o.label[lang] for o in question.options}
    if select:
        st.selectbox(label, question.option_ids, index=None, format_func=labels.get,
                     placeholder=t("choose", lang), **bound(key, lang))
    else:
        st.pills(label, question.option_ids, selection_mode="single" if single else "multi", format_func=labels.get,
                 **bound(key, lang))
    return st.session_state.get(key)


def set_client(client, codebook: Codebook) -> None:
    """Put a client (from a file or a link) into the form's session state, replacing what was there."""
    st.session_state[client_key("name")] = client.name
    for dimension in clients.PROFILE:
        st.session_state[client_key(dimension)] = client.profile.get(dimension)
    for question in clients.client_questions(codebook):
        chosen = client.answers.get(question.id, ())
        st.session_state[client_key(question.id)] = (chosen[0] if chosen else None) if question.kind == "single" \
            else list(chosen)


def read_client_file(codebook: Codebook) -> None:
    """Read the uploaded client file, and fill the form. A file past its limit (the browser's limit is the
    browser's: a script can send more) is refused unread. The file and its mapping are written to a private
    folder in memory (MEMORY, where the system has one) for DuckDB to read, and removed at once."""
    upload, lang = st.session_state.get(client_key("file")), current_lang()
    mapping = st.session_state.get(client_key("mapping"))
    if upload is None:
        st.session_state.pop(CLIENT_FILE_SAID, None)
        return
    for given, most in ((upload, CLIENT_FILE_MB), (mapping, CLIENT_MAPPING_MB)):
        if given is not None and given.size > most * MB:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name),
                                                  t("upload_too_big", lang, file=given.name, mb=most))
            return
    with tempfile.TemporaryDirectory(dir=memory_folder()) as folder:
        path = Path(folder) / f"client{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.getvalue())
        rules = Path(folder) / "mapping.yaml" if mapping is not None else None
        if rules:
            rules.write_bytes(mapping.getvalue())
        try:
            client = clients.read_client(path, codebook, name=upload.name, mapping=rules,
                                         mapping_name=mapping and mapping.name)
        except InvalidResponses as err:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name), err.report(lang))
            return
        except clients.ClientFileError as err:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name), err.text(lang))
            return
    set_client(client, codebook)
    st.session_state[CLIENT_FILE_SAID] = ("ok", clients.read_sentence(client, upload.name, lang), "")


MEMORY = Path("/dev/shm")  # a file system in memory (Linux): what is written there never reaches a disk


def memory_folder() -> str | None:
    """Where a client's file is written to be read: MEMORY where it is there and writable, else the system's
    temporary folder."""
    return str(MEMORY) if MEMORY.is_dir() and os.access(MEMORY, os.W_OK | os.X_OK) else None


def keep_client_link() -> None:
    """On a session's first run, keep what a link of the older form carries of a client in its query, before the
    address is rewritten without it (write_url). The share link carries it in the fragment (browser_side)."""
    if any(key in st.query_params for key in CLIENT_KEYS):
        st.session_state[CLIENT_LINK] = {key: st.query_params.get_all(key) for key in CLIENT_KEYS}


def apply_client_link(codebook: Codebook, lang: str) -> None:
    """Fill the form with the client a share link carried (once), and say so."""
    carried = st.session_state.pop(CLIENT_LINK, None)
    if carried:
        client, dropped = clients.from_link(carried, codebook)
        if client is not None:
            set_client(client, codebook)
            st.session_state[client_key("from_link")] = dropped
            peers = clients.peers_from_link(carried)
            if peers is not None:
                st.session_state[client_key("peers")] = list(peers)
    if client_key("from_link") in st.session_state:
        st.info(t("client_from_link", lang), icon=":material/link:")
        dropped = st.session_state[client_key("from_link")]
        if dropped:
            st.warning(t("client_link_dropped", lang, values=as_code(", ".join(dropped), 200)))


def peer_group(bench, codebook: Codebook) -> None:
    """Who the client is compared with, and how the group was widened to hold enough respondents."""
    st.subheader(t("peers_heading", bench.view.lang))
    lines = benchmark_files.peer_lines(bench, codebook)
    st.write(plain(lines[0]))
    st.markdown("\n".join(f"- {plain(line)}" for line in lines[1:]))


def standing_out(bench) -> None:
    """Where the client differs from most of its peers, before anything else."""
    lang = bench.view.lang
    st.subheader(t("bench_differs_heading", lang))
    differs = [row.sentence for row in bench.rows if row.standing == benchmark.DIFFERS]
    st.markdown("\n".join(f"- {plain(s)}" for s in differs) if differs else plain(t("bench_none_differs", lang)))


def comparison_chart(comparison, view: View) -> None:
    """One question: the peers' shares with the client's answers marked, its sentences, its base and notes."""
    lang, shares = view.lang, comparison.shares
    if shares.empty:
        st.markdown(f"#### {plain(shares.title)}")
        st.info(plain(shares.empty_text(load_rules().min_group)))
        return
    frame = benchmark.marked(comparison, lang, t("bench_group_label", lang))
    st.vega_lite_chart(charts.share_spec(frame, lang=lang, title=shares.title, large=view.present), width="stretch",
                       theme=None)
    st.markdown("\n".join(f"- {plain(row.sentence)}" for row in comparison.rows))
    st.caption(plain(shares.caption()))


def benchmark_downloads(bench, codebook: Codebook) -> None:
    """The benchmark as a deck and a workbook, made when downloaded."""
    lang, view = bench.view.lang, bench.view
    name = re.sub(r"[^A-Za-z0-9]+", "-", bench.client.name).strip("-").lower()[:40] or "client"
    deck, book = st.columns(2)
    with deck:
        st.download_button(t("download_bench_deck", lang), lambda: benchmark_files.deck(bench, codebook),
                           file_name=exports.file_name("benchmark", name, view, "pptx"), mime=PPTX,
                           on_click="ignore", icon=":material/slideshow:", width="stretch", key="bench_pptx")
    with book:
        st.download_button(t("download_bench_xlsx", lang), lambda: benchmark_files.workbook(bench, codebook),
                           file_name=exports.file_name("benchmark", name, view, "xlsx"),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/table_view:", width="stretch", key="bench_xlsx")


def share_link(client, view: View) -> None:
    """A link that carries the client's answers, made only once the consultant confirms that it does."""
    lang = view.lang
    with st.expander(t("share_heading", lang), icon=":material/share:"):
        if not st.checkbox(t("share_confirm", lang), key=client_key("share_ok")):
            return
        here = urlparse(st.context.url or "")
        peers = tuple(st.session_state.get(client_key("peers")) or ())
        query = urlencode(to_query(view), doseq=True)
        fragment = urlencode(clients.to_link(client, peers), doseq=True)  # never sent to a server, never logged
        address = f"{here.scheme}://{here.netloc}{here.path}" if here.netloc else ""
        st.code(f"{address}?{query}#{fragment}" if query else f"{address}#{fragment}", language=None,
                wrap_lines=True)
        st.caption(t("share_link_label", lang))
