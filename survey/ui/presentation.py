"""Presentation mode: the page and its charts large, without the sidebar, moved through with the keyboard
(previous and next page, the filters and settings in a popover, Esc to leave)."""
from __future__ import annotations

import streamlit as st

from survey.model.codebook import Codebook
from survey.model.state import View
from survey.texts.i18n import t
from survey.ui.controls import sidebar
from survey.ui.unknown import PAGE_LINKS

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


def leave_presentation() -> None:
    st.session_state["present"] = False
