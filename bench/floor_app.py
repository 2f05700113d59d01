"""The floor of a page load in the browser (bench/browser.py): a Streamlit page that holds a title and, with
?chart=1, the challenges chart of the app's own pages (its spec and data as the app sends them), and nothing
else: no sidebar, no notices, no downloads."""

import streamlit as st

from survey.analysis.results import shares
from survey.model import codebook as cb
from survey.model.state import View
from survey.output import charts

st.title("Utfordringer")
if st.query_params.get("chart"):
    result = shares("challenges", View(), cb.load())
    st.vega_lite_chart(charts.share_spec(result.frame, lang="nb", title=result.title), width="stretch", theme=None)
