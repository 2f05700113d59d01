"""Sammenlign en bedrift: where does the client stand against companies of its size and industry, and where does
it differ from most of them?"""
import streamlit as st

from survey import ui
from survey.analysis.benchmark import benchmark, load_settings
from survey.ingest import clients
from survey.model import codebook as cb
from survey.texts.i18n import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_downloads(lang: str) -> None:
    """The client file's template, CSV and Excel, in the page's language: filled in, it is read as it is."""
    st.caption(t("client_template_help", lang))
    name = t("client_template_file", lang)
    as_csv, as_xlsx = st.columns(2)
    with as_csv:
        st.download_button(t("download_client_template_csv", lang), lambda: clients.template_csv(lang, codebook),
                           file_name=f"{name}.csv", mime="text/csv", on_click="ignore",
                           icon=":material/download:", width="stretch", key="client_template_csv")
    with as_xlsx:
        st.download_button(t("download_client_template_xlsx", lang), lambda: clients.template_xlsx(lang, codebook),
                           file_name=f"{name}.xlsx", mime=XLSX, on_click="ignore",
                           icon=":material/table_view:", width="stretch", key="client_template_xlsx")


codebook = cb.load()
view = ui.current_view(codebook)
settings = load_settings()
n = ui.page_header("benchmark", "benchmark_intro", view, codebook)

with st.expander(t("client_heading", view.lang), expanded=not view.present, icon=":material/business:"):
    if not view.present:
        template_downloads(view.lang)
    client, dimensions = ui.client_form(codebook, view, settings)

if not any(d in client.profile for d in dimensions):
    st.info(t("client_no_profile", view.lang), icon=":material/business:")
elif client.empty:
    st.info(t("client_no_answers", view.lang), icon=":material/edit_note:")
else:
    bench = benchmark(client, view, codebook, dimensions=dimensions, settings=settings)
    ui.peer_group(bench, codebook)
    ui.standing_out(bench)
    st.subheader(t("bench_questions_heading", view.lang))
    for comparison in bench.comparisons:
        ui.comparison_chart(comparison, view)
    if not view.present:
        ui.benchmark_downloads(bench, codebook)
        ui.share_link(client, view)
