"""Utfordringer: what are the biggest challenges companies face with social media?"""
from survey.model import codebook as cb
from survey import ui

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("challenges", "challenges_intro", view, codebook, charts=ui.wanted_charts("challenges", view))

ui.page_charts("challenges", view, codebook)

ui.page_footer("challenges", view, codebook, n)
