"""Bruk: how many use social media privately, and how many say their company does?"""
from survey import codebook as cb
from survey import ui
from survey.results import shares

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("usage", "usage_intro", view, codebook,
                   charts=[("private_use", (view.by,)), ("company_use", (view.by,))])

ui.chart(shares("private_use", view, codebook), view, key="private_use")
ui.chart(shares("company_use", view, codebook), view, key="company_use")

ui.page_footer("usage", view, codebook, n)
