"""The Explore page's pieces: its question (a select box, or the view's in presentation mode), and the table
of the question against the banner (or the table set of every question) with its settings and workbook."""
from __future__ import annotations

import streamlit as st

from survey.analysis.results import split_title
from survey.model.codebook import Codebook
from survey.model.state import ALL_TABLES, CELLS, DEFAULT_CELLS, ONE_TABLE, View, compare_options
from survey.output import banner
from survey.output.downloads import TABLE, TABLE_SET
from survey.texts.i18n import t
from survey.ui.text import plain
from survey.ui.view import available_waves, bound


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
    file, name = (TABLE_SET, "table_set") if len(made) > 1 else (TABLE, question)
    st.download_button(t(file.label, lang), lambda: file.make(shown, view, codebook, dims),
                       file_name=file.file_name("explore", f"{name}_banner-{'-'.join(dims) or 'total'}", view),
                       mime=file.mime, on_click="ignore", icon=":material/table_view:", key="banner_xlsx")
