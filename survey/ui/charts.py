"""A chart of shares on a page: drawn from a spec made once per result, with its caption (base and n) and,
outside presentation mode, its downloads (survey.output.downloads.CHART_FILES); and the charts
survey.output.report lists for a page."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes as arrow_bytes

from queries.kept import Kept
from survey.analysis.results import Shares
from survey.model import codebook as cb
from survey.model.codebook import Codebook
from survey.model.state import View
from survey.output import report
from survey.output.charts import share_spec
from survey.output.downloads import CHART_FILES
from survey.stats.estimates import load_rules
from survey.texts.i18n import t
from survey.ui.page import PAGE
from survey.ui.text import plain


def chart(result: Shares, view: View, *, key: str, title: str | None = None, glance: bool = False) -> None:
    """A share chart with its caption (base and n) and, outside presentation mode, its exports. The chart is
    drawn from a reused spec (charts.share_spec); the figures for images are made only when one is
    downloaded. `glance`: a small chart of the overview, its caption the base and n alone, no exports (its
    page has them)."""
    if result.empty:
        st.info(plain(result.empty_text(load_rules().min_group)))
        return
    spec, caption = drawn(result, view.lang, title or result.title, view.present, glance)
    st.vega_lite_chart(dict(spec), width="stretch", theme=None)  # Streamlit changes its own copy's top level
    st.caption(caption)
    if not view.present and not glance:
        downloads(result, view, key=key)


# What a chart draws from a result: its spec with the numbers as the Arrow bytes Streamlit sends, and its
# caption. Results are kept for every session (survey.analysis.results), so each is drawn from them once: by the
# frame's identity, which cannot be another frame's while the entry holds the frame.
_drawn = Kept(1024)


def drawn(result: Shares, lang: str, title: str, large: bool, glance: bool) -> tuple[dict, str]:
    def make() -> tuple[pd.DataFrame, dict, str]:
        spec = share_spec(result.frame, lang=lang, title=title, large=large)
        spec["datasets"] = {name: arrow_bytes(data) for name, data in spec["datasets"].items()}
        return result.frame, spec, plain(result.base_caption() if glance else result.caption())

    _, spec, caption = _drawn.get((id(result.frame), lang, title, large, glance), make)
    return spec, caption


def page_charts(page: str, view: View, codebook: Codebook, keys: tuple[str, ...] | None = None) -> None:
    """The charts survey.output.report lists for `page` (those of `keys`, where given), as the page's decks hold
    them."""
    for one in report.charts(page, view):
        if keys is None or one.key in keys:
            shown = report.result(one, view, codebook)
            chart(shown, view, key=one.key, title=report.title(one, shown, view.lang))


def wanted_charts(page: str, view: View) -> list[tuple[str, tuple[str, ...]]]:
    """What page_header counts in one query for the charts of `page` (survey.output.report.PAGES)."""
    return report.wanted(report.charts(page, view), view)


def downloads(result: Shares, view: View, *, key: str) -> None:
    """The chart's files (survey.output.downloads.CHART_FILES: its numbers as CSV and Excel, its image as PNG
    16:9 and square and SVG 16:9), each describing itself (exports.about, charts.figure) and named for the page,
    question, selection and date. Each file is made when it is downloaded."""
    lang, codebook = view.lang, cb.load()
    page = st.session_state.get(PAGE, "page")
    # In a row that wraps: on a phone five buttons the width of the screen each would bury the next chart.
    with st.container(horizontal=True, gap="small"):
        for file in CHART_FILES:
            st.download_button(t(file.label, lang), partial(file.make, result, view, codebook),
                               file_name=file.file_name(page, key, view), mime=file.mime,
                               key=f"{key}{file.variant}_{file.ext}", on_click="ignore", icon=":material/download:",
                               width="content")
