"""The floor of a page load in the browser (bench/browser.py): a Streamlit page that holds a title and, with
?chart=1, the challenges chart of the app's own pages (its spec and data as the app sends them), and nothing
else: no sidebar, no notices, no downloads."""
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from survey.output import charts  # noqa: E402
from survey.model import codebook as cb  # noqa: E402
from survey.analysis.results import shares  # noqa: E402
from survey.model.state import View  # noqa: E402

st.title("Utfordringer")
if st.query_params.get("chart"):
    result = shares("challenges", View(), cb.load())
    st.vega_lite_chart(charts.share_spec(result.frame, lang="nb", title=result.title), width="stretch", theme=None)
