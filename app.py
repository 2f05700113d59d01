"""Entry point: page configuration, language, the global filters (sidebar, bound to the URL), navigation."""

import streamlit as st

from survey import ui
from survey.base import sockets, turns
from survey.model import codebook as cb
from survey.output.pages import ADMIN, DEFAULT, PAGES, Page
from survey.texts.i18n import t


def nav_page(page: Page, lang: str) -> st.Page:
    """The page in Streamlit's navigation: its file, its title in the language, its URL path and icon."""
    return st.Page(page.file, title=t(page.key, lang), url_path=page.key, icon=page.icon, default=(page == DEFAULT))


sockets.no_delay()  # answers leave the server at once (survey/base/sockets.py): once per process
with turns.turn():  # one run at a time in this process (survey/base/turns.py)
    codebook = cb.load()
    ui.load_view(codebook)
    ui.settle_filters(codebook)
    ui.settle_weights()
    view = ui.current_view(codebook)
    st.set_page_config(page_title=t("app_title", view.lang), page_icon=":bar_chart:", layout="wide",
                       initial_sidebar_state="collapsed" if view.present else "auto")
    ui.require_access(view.lang)
    pages = [nav_page(page, view.lang) for page in PAGES]
    st.session_state[ui.PAGE_LINKS] = pages
    admin = [nav_page(ADMIN, view.lang)] if ui.admin_enabled() else []  # only with an admin passphrase
    unknown = ui.unknown_page({page.key for page in PAGES} | {p.url_path for p in admin})
    page = st.navigation(pages + admin + ([unknown] if unknown else []),
                         position="hidden" if view.present else "sidebar")
    ui.browser_side(view)
    ui.write_url(view, page.url_path)
    if view.present:
        ui.presentation_bar(codebook, view, page)
    else:
        with st.sidebar:
            ui.sidebar(codebook, view)
    ui.link_notice(view)
    ui.dropped_notices(view)
    ui.narrowed_notice(view, codebook)
    ui.weights_notice(view)
    page.run()
