"""The sidebar: the language, the filters (the profile's, and folded away, the answers'), what to compare by,
the weighting, the confidence level and presentation mode, each widget bound to its key of the view
(survey.ui.view.bound); and the method page's tabs, bound to the view's composition the same way."""
from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from survey.analysis.results import split_title
from survey.model.codebook import Codebook
from survey.model.filters import WAVE, answer_ids, filter_ids
from survey.model.state import LEVELS, NO_COMPARISON, UNWEIGHTED, View, compare_options
from survey.output.pages import COMPOSITION
from survey.texts.i18n import LANGUAGES, NBSP, t
from survey.ui.view import SCHEMES, available_waves, bound, noisy, one_option, widget_key

SELECTION = "_selection"  # the place in the sidebar for the selection's n


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


def reset_filters(codebook: Codebook) -> None:
    for key in filter_ids(codebook):
        st.session_state[key] = []
    st.session_state["by"] = NO_COMPARISON


def composition_tab(codebook: Codebook, view: View) -> tuple[str, DeltaGenerator]:
    """The method page's tabs, one per dimension with population figures (survey.output.pages.COMPOSITION),
    bound to the view's `composition` like the sidebar's widgets: the open tab's dimension and container. Only
    the open tab is drawn, one chart of the five (a change runs the page again)."""
    titles = {dimension: codebook[dimension].title[view.lang] for dimension in COMPOSITION}
    shown = view.composition or COMPOSITION[0]
    own = widget_key("composition", view.lang)
    st.session_state[own] = titles[shown]
    tabs = st.tabs(list(titles.values()), key=own, on_change=choose_composition, args=(own, titles))
    return shown, tabs[COMPOSITION.index(shown)]


def choose_composition(own: str, titles: dict[str, str]) -> None:
    chosen = next(dimension for dimension, title in titles.items() if title == st.session_state[own])
    st.session_state["composition"] = None if chosen == COMPOSITION[0] else chosen
