"""Kanaler: which social media are used privately and by the companies, and do men and women differ?"""
from survey import codebook as cb
from survey import ui
from survey.i18n import t
from survey.results import shares

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("channels", "channels_intro", view, codebook)

ui.chart(shares("private_channels", view, codebook), view, key="private_channels")
ui.chart(shares("company_channels", view, codebook), view, key="company_channels")
ui.chart(shares("private_channels", view, codebook, by="gender"), view, key="private_channels_gender",
         title=t("channels_gender", view.lang))

ui.page_footer("channels", view, codebook, n)
