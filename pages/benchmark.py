"""Sammenlign en bedrift: where does the client stand against companies of its size and industry, and where does
it differ from most of them?"""
import streamlit as st

from survey import ui
from survey.analysis.benchmark import benchmark, load_settings
from survey.model import codebook as cb
from survey.output.downloads import CLIENT_TEMPLATE_CSV, CLIENT_TEMPLATE_XLSX
from survey.texts.i18n import t


def template_downloads(lang: str) -> None:
    """The client file's template, CSV and Excel, in the page's language: filled in, it is read as it is."""
    st.caption(t("client_template_help", lang))
    name = t("client_template_file", lang)
    for column, file, icon in zip(st.columns(2), (CLIENT_TEMPLATE_CSV, CLIENT_TEMPLATE_XLSX),
                                  (":material/download:", ":material/table_view:")):
        with column:
            st.download_button(t(file.label, lang), lambda file=file: file.make(lang, codebook),
                               file_name=f"{name}.{file.ext}", mime=file.mime, on_click="ignore", icon=icon,
                               width="stretch", key=f"client_template_{file.ext}")


codebook = cb.load()
view = ui.current_view(codebook)
settings = load_settings()
n = ui.page_header("benchmark", "benchmark_intro", view, codebook)

ui.apply_client_link(codebook, view.lang)
form = ui.client_box(view)
if form.open:
    with form:
        if not view.present:
            template_downloads(view.lang)
        ui.client_form(codebook, view, settings)
client, dimensions = ui.current_client(codebook, settings)

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
