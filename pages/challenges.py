"""Utfordringer: what are the biggest challenges companies face with social media?"""
from survey import codebook as cb
from survey import ui
from survey.results import shares

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("challenges", "challenges_intro", view, codebook, charts=[("challenges", (view.by,))])

ui.chart(shares("challenges", view, codebook), view, key="challenges")

ui.page_footer("challenges", view, codebook, n)
