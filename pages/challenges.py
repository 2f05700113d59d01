"""Utfordringer: what are the biggest challenges companies face with social media?"""
from survey import ui
from survey.model import codebook as cb

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("challenges", "challenges_intro", view, codebook, charts=ui.wanted_charts("challenges", view))

ui.page_charts("challenges", view, codebook)

ui.page_footer("challenges", view, codebook, n)
