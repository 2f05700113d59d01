"""Bruk: how many use social media privately, and how many say their company does?"""
from survey import ui
from survey.model import codebook as cb

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("usage", "usage_intro", view, codebook, charts=ui.wanted_charts("usage", view))

ui.page_charts("usage", view, codebook)

ui.page_footer("usage", view, codebook, n)
