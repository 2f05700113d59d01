"""The browser's side: the page's language on <html> (so a screen reader reads Norwegian as Norwegian) and
Streamlit's own texts written in it, a link longer than Streamlit reads, and the client a share link carries in
its fragment. The script is browser.js, read at import as the SQL modules are; the style every page shares is
sent with it."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import streamlit as st

from survey.model.state import CLIENT_KEYS, View, to_query
from survey.texts.i18n import DEFAULT_LANGUAGE, STREAMLIT_TEXTS, t
from survey.ui.view import CLIENT_LINK

# Captions (the selection, bases and notes) and the keys on buttons: Streamlit fades them to 4.2:1 on white;
# this is 6.6:1. A tile's title wraps: Streamlit cuts it to one line ("Har strategi for markedsføring …").
# The tables of texts (survey.ui.text.table): a long one scrolls in its box under its headings. A table's
# caption (here and in the banner tables) is for screen readers alone (sr-only).
BASE_CSS = """
<style>
[data-testid="stCaptionContainer"] { color: #565d66 !important; opacity: 1 !important; }
button kbd, button kbd * { color: #565d66 !important; opacity: 1 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
.data-wrap { overflow: auto; max-width: 100%; margin-bottom: 0.5rem; }
.data-wrap.scroll { max-height: 28rem; margin-bottom: 1.5rem; border-bottom: 2px solid #8c939c; }
.data-table { border-collapse: collapse; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
.data-table th, .data-table td { padding: 0.3rem 0.75rem; border-bottom: 1px solid #e1e4e8; text-align: left;
  vertical-align: top; }
.data-table thead th { position: sticky; top: 0; background: #fff; border-bottom: 2px solid #8c939c;
  font-weight: 600; }
.data-table .num { text-align: right; white-space: nowrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
"""


# Streamlit reads no query string of more than 1,000 parameters or 512 KiB (it starts the app as if there
# were none); the browser still has it, so it says so.
MOST_FIELDS, MOST_CHARACTERS = 1000, 512 * 1024
TOO_LONG = "_link_too_long"  # the number of parameters of a link that was not read, while its view is shown
BROWSER_JS = (Path(__file__).resolve().parent / "browser.js").read_text(encoding="utf-8")
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
            "text_patterns": [[r"^(\d+(?:\.\d+)?) ([KMGT]?B) per fil$", "$1 $2 per file"]],
            "label_patterns": [[r"^Fjern (.+)$", "Remove $1"]]}


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
