"""Retningslinjer og strategi: do companies have guidelines, why not, what do they use social media for, and
do they have a marketing strategy?"""
import streamlit as st

from survey import codebook as cb
from survey import ui
from survey.estimates import load_rules
from survey.i18n import t
from survey.results import shares, why_not_texts

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("guidelines", "guidelines_intro", view, codebook)

ui.chart(shares("guidelines", view, codebook), view, key="guidelines")
ui.chart(shares("guidelines_why_not", view, codebook), view, key="guidelines_why_not")

st.subheader(t("why_not_texts", view.lang))
everything = why_not_texts(view, codebook)
if everything is None:
    st.info(t("too_few_asked", view.lang, min=load_rules().min_group))
else:
    search = "" if view.present else st.text_input(t("why_not_search", view.lang), key="search", max_chars=100)
    texts = why_not_texts(view, codebook, search)
    st.caption(t("why_not_count", view.lang, shown=len(texts), total=len(everything)))
    if texts.empty:
        st.info(t("why_not_none", view.lang))
    else:
        st.dataframe(texts, hide_index=True, width="stretch")

ui.chart(shares("company_purposes", view, codebook), view, key="company_purposes")
ui.chart(shares("marketing_strategy", view, codebook), view, key="marketing_strategy")

ui.page_footer("guidelines", view, codebook, n)
