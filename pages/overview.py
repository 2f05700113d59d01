"""Oversikt: what are the headline results of the survey?"""
import duckdb
import streamlit as st

import queries
from survey import codebook
from survey.dataset import build_info
from survey.filters import Filters
from survey.headlines import headlines
from survey.i18n import format_pct, t

lang = "nb"
st.title(t("app_title", lang))
st.write(t("overview_intro", lang))

try:
    info = build_info()
    tiles = headlines(codebook.load(), Filters())
except queries.MissingDatabase:
    st.error(t("no_database", lang))
    st.stop()
except duckdb.Error:
    st.error(t("bad_database", lang))
    st.stop()

if info.reconstructed:
    st.info(t("reconstruction_notice", lang), icon=":material/info:")

for column, tile in zip(st.columns(len(tiles)), tiles):
    with column:
        value = format_pct(tile.pct, lang) if tile.pct is not None else "–"
        st.metric(t(tile.key, lang), value)
        st.caption(t("base_n", lang, n=tile.n, base_n=tile.base_n) + " · " + t(tile.base_key, lang, base_n=tile.base_n))
