"""Retningslinjer og strategi: do companies have guidelines, why not, what do they use social media for, and
do they have a marketing strategy?"""
import streamlit as st

from survey import ui
from survey.analysis.results import TEXTS_SHOWN, text_waves, texts_shown, texts_unfiltered, why_not_count, why_not_texts
from survey.model import codebook as cb
from survey.stats.estimates import load_rules
from survey.texts.i18n import format_number, t, word_list

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("guidelines", "guidelines_intro", view, codebook, charts=ui.wanted_charts("guidelines", view))

ui.page_charts("guidelines", view, codebook, keys=("guidelines", "guidelines_why_not"))

st.subheader(t("why_not_texts", view.lang))
if not texts_shown(view, codebook):
    st.info(t("too_few_asked", view.lang, min=load_rules().min_group))
else:
    search = "" if view.present else st.text_input(t("why_not_search", view.lang), key="search", max_chars=100)
    texts, matching = why_not_texts(view, codebook, search), why_not_count(view, codebook, search)
    st.caption(t("why_not_count", view.lang, shown=format_number(matching, view.lang),
                 total=format_number(why_not_count(view, codebook), view.lang)))
    if texts_unfiltered(view):
        st.caption(ui.plain(t("why_not_unfiltered", view.lang, waves=word_list(text_waves(view, codebook), view.lang))))
    if texts.empty:
        st.info(t("why_not_none", view.lang))
    else:
        ui.table(texts, t("why_not_texts", view.lang), scroll=True)
        if len(texts) >= TEXTS_SHOWN:  # the first TEXTS_SHOWN of more
            st.caption(t("why_not_first", view.lang, shown=format_number(len(texts), view.lang)))

ui.page_charts("guidelines", view, codebook, keys=("company_purposes", "marketing_strategy"))

ui.page_footer("guidelines", view, codebook, n)
