"""Entry point: page configuration and navigation over the pages in pages/."""
import streamlit as st

from survey.i18n import t

st.set_page_config(page_title=t("app_title"), page_icon=":bar_chart:", layout="wide")
page = st.navigation([st.Page("pages/overview.py", title=t("overview"), icon=":material/dashboard:", default=True)])
page.run()
