"""Kanaler: which social media are used privately and by the companies, and do men and women differ?"""
from survey import codebook as cb
from survey import ui
from survey.i18n import t
from survey.results import shares, shares_by

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("channels", "channels_intro", view, codebook,
                   charts=[("private_channels", (view.by, "gender")), ("company_channels", (view.by,))])

private = shares_by("private_channels", (view.by, "gender"), view, codebook)
ui.chart(private[view.by], view, key="private_channels")
ui.chart(shares("company_channels", view, codebook), view, key="company_channels")
ui.chart(private["gender"], view, key="private_channels_gender", title=t("channels_gender", view.lang))

ui.page_footer("channels", view, codebook, n)
