"""A page the app does not have: for an address of no page, a hidden page at that address that says so in the
page's language and links to every page, in place of Streamlit's own English notice."""
from __future__ import annotations

from urllib.parse import unquote, urlparse

import streamlit as st

from survey.texts.i18n import as_code, t
from survey.ui.view import current_lang


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
