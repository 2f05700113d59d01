"""The Streamlit side of the app, the one layer of survey/ that needs Streamlit; everything it shows comes from
the core. app.py and the pages use it as `from survey import ui; ui.sidebar(...)`: the names they use are here.

    text          text shown as written (plain), tables of texts (table), tables of data for st.dataframe
    view          the view in session state and the URL, widgets bound to it, the notices of a link
    browser       the browser's side (browser.js): the page's language, a link too long, a share link's client
    unknown       a page the app does not have
    presentation  presentation mode's bar and style
    controls      the sidebar
    page          a page's header and footer, what stands out
    charts        a chart with its caption and downloads (survey.output.downloads)
    explore       the Explore page's question and banner tables
    access        login and passphrases (the waits and the check: survey.base.attempts)
    client        the benchmark page's client and what is shown of it

Layer 10 of survey/ (docs/development.md), the top one. May import: every layer below (queries is layer 0),
and Streamlit.
"""
from survey.base.attempts import SERVER
from survey.ui.access import admin_enabled, require_access, require_admin
from survey.ui.browser import browser_side, link_notice
from survey.ui.charts import chart, page_charts, wanted_charts
from survey.ui.client import (
    apply_client_link,
    benchmark_downloads,
    client_box,
    client_form,
    comparison_chart,
    current_client,
    peer_group,
    share_link,
    standing_out,
)
from survey.ui.controls import composition_tab, sidebar
from survey.ui.explore import banner_tables, explore_question, question_choice
from survey.ui.page import page_footer, page_header, require_entrypoint, standout_charts, standout_panel
from survey.ui.presentation import presentation_bar
from survey.ui.text import as_text, plain, table
from survey.ui.unknown import PAGE_LINKS, unknown_page
from survey.ui.view import (
    available_waves,
    current_view,
    dropped_notices,
    load_view,
    narrowed_notice,
    settle_filters,
    settle_weights,
    weights_notice,
    write_url,
)

__all__ = [
    "PAGE_LINKS", "SERVER", "admin_enabled", "apply_client_link", "as_text", "available_waves", "banner_tables",
    "benchmark_downloads", "browser_side", "chart", "client_box", "client_form", "comparison_chart", "composition_tab",
    "current_client", "current_view", "dropped_notices",
    "explore_question", "link_notice", "load_view", "narrowed_notice", "page_charts", "page_footer", "page_header",
    "peer_group", "plain", "presentation_bar", "question_choice", "require_access", "require_admin",
    "require_entrypoint", "settle_filters", "settle_weights", "share_link", "sidebar", "standing_out",
    "standout_charts", "standout_panel", "table", "unknown_page", "wanted_charts", "weights_notice", "write_url",
]
