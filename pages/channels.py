"""Kanaler: which social media are used privately and by the companies, and do men and women differ?"""
from survey import ui
from survey.model import codebook as cb

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("channels", "channels_intro", view, codebook, charts=ui.wanted_charts("channels", view))

ui.page_charts("channels", view, codebook)

ui.page_footer("channels", view, codebook, n)
