"""Oversikt: what are the headline results, and what stands out, for the current selection?"""
import streamlit as st

from survey import ui
from survey.analysis.findings import findings
from survey.analysis.headlines import glance, headlines, tile_caption, trend, wanted
from survey.model import codebook as cb
from survey.texts.i18n import format_pct, t

codebook = cb.load()
view = ui.current_view(codebook)
several_waves = len(ui.available_waves()) > 1
n = ui.page_header("overview", "overview_intro", view, codebook,
                   charts=[*wanted(trend=several_waves), *ui.standout_charts(view, codebook)])

for column, tile in zip(st.columns(4), headlines(codebook, view)):
    with column:
        if tile.asked_nowhere:
            st.metric(t(tile.key, view.lang), t("tile_not_asked", view.lang))
            st.caption(ui.plain(tile.not_asked_text(view.lang)))
            continue
        st.metric(t(tile.key, view.lang), format_pct(tile.pct, view.lang) if tile.pct is not None else "–")
        if tile.pct is not None:
            st.caption(ui.plain(tile_caption(tile, view)))

if several_waves:
    ui.chart(trend(codebook, view), view, key="trend", title=t("trend", view.lang))

charts, said = st.columns([3, 2], gap="large")
with charts:
    for title, result in glance(codebook, view):
        ui.chart(result, view, key=f"glance_{result.question.id}", title=title, glance=True)
with said:
    st.subheader(t("findings", view.lang))
    st.markdown("\n".join(f"- {ui.plain(sentence)}" for sentence in findings(view, codebook)))

ui.standout_panel(view, codebook)

ui.page_footer("overview", view, codebook, n)
