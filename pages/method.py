"""Utvalg og metode: who answered, how they were asked, and what the numbers cannot tell."""
import streamlit as st

from survey import ui
from survey.analysis.dataset import notice
from survey.analysis.method import (
    REPRESENTED_POINTS,
    perturbation_effect,
    perturbation_text,
    perturbation_waves,
    profile_sentence,
    representation_sentence,
    weighting_margins,
    weighting_table,
    weighting_target_notes,
)
from survey.analysis.results import composition, respondents
from survey.model import codebook as cb
from survey.model.state import View
from survey.output.pages import COMPOSITION
from survey.stats import protection
from survey.stats.estimates import load_rules
from survey.stats.weighting import load_settings
from survey.texts.i18n import format_number, format_pct, t


def chance(value: float, lang: str) -> str:
    """A chance as a percentage: 30 %, 21,5 % (a decimal only where it has one)."""
    pct = 100 * value
    return format_pct(pct, lang, 0 if abs(pct - round(pct)) < 1e-9 else 1)


codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("method", "method_intro", view, codebook)
lang = view.lang

st.subheader(t("funnel", lang))
invited, responded = int(codebook.survey["invitations"]), respondents(View(lang=lang), codebook)
for column, (key, value) in zip(st.columns(3), (("funnel_invited", invited), ("funnel_responded", responded),
                                                 ("funnel_selected", n))):
    column.metric(t(key, lang), format_number(value, lang))

st.subheader(t("response_rate", lang))
rate = format_pct(100 * responded / invited, lang)
st.markdown(f"- {t('response_rate_published', lang)}\n"
            f"- {t('response_rate_computed', lang, n=responded, invited=invited, pct=rate)}")
st.caption(t("response_rate_note", lang))

st.subheader(t("composition", lang))
st.caption(t("represented_rule", lang, points=REPRESENTED_POINTS, level=view.level))
compositions = {dimension: composition(dimension, view, codebook) for dimension in COMPOSITION}
shown, tab = ui.composition_tab(codebook, view)  # one chart at a time: five took a third of the page's load
with tab:
    ui.chart(compositions[shown], view, key=f"composition_{shown}")
    if not compositions[shown].empty:  # group labels are data: shown as written
        st.write(ui.plain(representation_sentence(compositions[shown].frame, lang)))
drawn = {dimension: shares.frame for dimension, shares in compositions.items() if not shares.empty}

st.subheader(t("weighting", lang))
settings = load_settings()
st.write(t("weighting_intro", lang, lower=f"{settings.lower:g}".replace(".", "," if lang == "nb" else "."),
           upper=f"{settings.upper:g}"))
weighting = weighting_table(lang)
ui.table(weighting, t("weighting", lang))
st.caption(t("weighting_not_met", lang))
st.markdown(f"**{t('weighting_margins', lang)}**")
margins = weighting_margins(lang, codebook)
ui.table(margins, t("weighting_margins", lang), scroll=True)
for note in weighting_target_notes(lang, codebook):
    st.caption(ui.plain(note))

st.subheader(t("methods", lang))
rules = load_rules()
st.markdown("\n".join(f"- {t(key, lang, low=rules.low_base, min=rules.min_group)}" for key in
                      ("method_ci", "method_test", "method_weighting", "method_small")))
st.subheader(t("perturbation", lang))
st.write(t("perturbation_plain", lang))
st.write(perturbation_text(lang, rules.min_group))
st.write(ui.plain(perturbation_waves(lang)))  # wave names are data: shown as written
st.write(t("perturbation_effect", lang, level=view.level))
ui.table(perturbation_effect(lang, view.level), t("perturbation", lang))

st.subheader(t("threat", lang))
st.write(t("threat_what", lang, min=rules.min_group))
st.markdown(f"**{t('threat_rules', lang)}**")
st.markdown("\n".join(f"- {t(key, lang, min=rules.min_group)}" for key in
                      ("threat_rule_noise", "threat_rule_weights", "threat_rule_filters", "threat_rule_hidden",
                       "threat_rule_texts")))
st.markdown(f"**{t('threat_attacks', lang)}**")
st.markdown("\n".join([f"- {t('threat_attack_one', lang, pct=chance(protection.exact_chance(1), lang))}",
                       f"- {t('threat_attack_difference', lang, pct=chance(protection.exact_chance(2), lang))}",
                       f"- {t('threat_attack_unions', lang)}", f"- {t('threat_attack_weights', lang)}",
                       f"- {t('threat_attack_partitions', lang)}"]))
st.write(t("threat_deployment", lang, most=ui.SERVER.most, seconds=int(ui.SERVER.seconds)))
st.write(t("threat_reconstruction", lang))
st.subheader(t("weighting_limits", lang))
st.markdown(f"- {t('weighting_can', lang)}\n- {t('weighting_cannot', lang)}")

st.subheader(t("weaknesses", lang))
profile = profile_sentence(drawn, codebook, lang)  # who answered, from the charts above
st.markdown("\n".join([f"- {t(key, lang)}" for key in ("weakness_addresses", "weakness_response", "weakness_selection")]
                      + ([f"- {ui.plain(profile)}"] if profile else [])))

if notice(lang):
    st.subheader(t("reconstruction", lang))
    st.write(t("reconstruction_text", lang))
    st.subheader(t("tension", lang))
    st.write(t("tension_text", lang))

ui.page_footer("method", view, codebook, n)
