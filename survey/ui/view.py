"""The view (survey.model.state.View) in Streamlit: the URL's view put into session state on a session's first
run, the view read from session state and written back to the URL on every run, each widget bound to its key
of the view; the weights and filters kept to what the selection's waves allow, and the notices that say what
of a link is not shown."""
from __future__ import annotations

from dataclasses import replace

import duckdb
import streamlit as st

import queries
from survey.analysis import dataset
from survey.analysis.results import waves
from survey.model.codebook import Codebook
from survey.model.filters import WAVE, Filters, answer_ids, filter_ids
from survey.model.state import (
    CELLS,
    CLIENT_KEYS,
    DEFAULT_CELLS,
    DEFAULT_LEVEL,
    NO_COMPARISON,
    ONE_TABLE,
    UNWEIGHTED,
    Dropped,
    View,
    from_query,
    to_query,
)
from survey.stats import protection
from survey.texts.i18n import DEFAULT_LANGUAGE, as_code, t, word_list
from survey.ui.text import plain

LOADED = "_view_loaded"
DROPPED = "_dropped"
SCHEMES = "_weight_schemes"  # the weighting schemes the selection's waves have, for the sidebar
FALLBACK = "_weights_fallback"  # (scheme asked for, waves) where that scheme was not there and the view fell back
NARROWED = "_filters_narrowed"  # (the filters kept to one option, the filters then) where the selection has noise
CLIENT_LINK = "_client_link"  # the client a share link carried (its fragment, or an older link's query), read once


# --- URL -> session state (once), session state -> URL (every run)

def load_view(codebook: Codebook) -> None:
    """On a session's first run, put the view of the URL into session state, keeping what was dropped."""
    if st.session_state.get(LOADED):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
    keep_client_link()
    view, dropped = from_query(params, codebook, available_waves())
    st.session_state.update({"lang": view.lang, "by": view.by, "present": view.present, "question": view.question,
                             "weights": view.weights, "level": view.level, "banner": list(view.banner),
                             "cells": list(view.cells), "tables": view.tables, "composition": view.composition,
                             **{key: list(view.filters.selected.get(key, ())) for key in filter_ids(codebook)},
                             LOADED: view, DROPPED: dropped})


def keep_client_link() -> None:
    """On a session's first run, keep what a link of the older form carries of a client in its query, before the
    address is rewritten without it (write_url). The share link carries it in the fragment (browser_side)."""
    if any(key in st.query_params for key in CLIENT_KEYS):
        st.session_state[CLIENT_LINK] = {key: st.query_params.get_all(key) for key in CLIENT_KEYS}


def current_view(codebook: Codebook) -> View:
    state = st.session_state
    selected = {key: tuple(state.get(key) or ()) for key in filter_ids(codebook)}
    return View(state.get("lang") or DEFAULT_LANGUAGE, Filters(selected), state.get("by") or NO_COMPARISON,
                bool(state.get("present")), state.get("question"), state.get("weights") or UNWEIGHTED,
                int(state.get("level") or DEFAULT_LEVEL), tuple(state.get("banner") or ()),
                tuple(c for c in CELLS if c in (state.get("cells") or DEFAULT_CELLS)),
                state.get("tables") or ONE_TABLE, state.get("composition"))


def current_lang() -> str:
    return st.session_state.get("lang") or DEFAULT_LANGUAGE


PAGE_KEYS = {"question": "explore", "composition": "method"}  # keys of the view that one page shows


def write_url(view: View, page: str) -> None:
    """Put the view into the URL of `page`, where it is not there already, but for the keys only another page
    shows (PAGE_KEYS). Left alone, a link Streamlit did not read (see browser_side) stays in the address bar for
    the browser to report."""
    view = replace(view, **{key: None for key, shown in PAGE_KEYS.items() if shown != page})
    wanted = to_query(view)
    if wanted != {key: st.query_params.get_all(key) for key in st.query_params.keys()}:
        st.query_params.from_dict(wanted)


def settle_weights() -> None:
    """Keep the weighting scheme to those the selection's waves all have (survey.analysis.dataset.weight_schemes),
    before the view is read: a scheme asked for (by the link, or before the wave filter changed) that some of them
    lack falls back to unweighted, and weights_notice says why for as long as the selection stays so. The sidebar
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


# --- widgets -> session state

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
