"""Entry point: page configuration, language, the global filters (sidebar, bound to the URL), navigation."""
from dataclasses import replace

import streamlit as st

from survey.model import codebook as cb
from survey.base import sockets, turns
from survey import ui
from survey.texts.i18n import t

PAGES = (  # (file, message key of the title, URL path, icon)
    ("pages/overview.py", "overview", "overview", ":material/dashboard:"),
    ("pages/usage.py", "usage", "usage", ":material/group:"),
    ("pages/channels.py", "channels", "channels", ":material/share:"),
    ("pages/guidelines.py", "guidelines", "guidelines", ":material/rule:"),
    ("pages/challenges.py", "challenges", "challenges", ":material/report:"),
    ("pages/method.py", "method", "method", ":material/science:"),
    ("pages/explore.py", "explore", "explore", ":material/table_chart:"),
    ("pages/benchmark.py", "benchmark", "benchmark", ":material/compare_arrows:"),
)
ADMIN = ("pages/admin.py", "admin", "admin", ":material/admin_panel_settings:")  # only with an admin passphrase

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
    pages = [st.Page(path, title=t(key, view.lang), url_path=url, icon=icon, default=(key == "overview"))
             for path, key, url, icon in PAGES]
    st.session_state[ui.PAGE_LINKS] = pages
    admin = ([st.Page(ADMIN[0], title=t(ADMIN[1], view.lang), url_path=ADMIN[2], icon=ADMIN[3])]
             if ui.admin_enabled() else [])
    unknown = ui.unknown_page({url for _, _, url, _ in PAGES} | {p.url_path for p in admin})
    page = st.navigation(pages + admin + ([unknown] if unknown else []),
                         position="hidden" if view.present else "sidebar")
    ui.browser_side(view)
    ui.write_url(view if page.url_path == "explore" else replace(view, question=None))
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
