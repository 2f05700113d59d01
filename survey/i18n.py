"""Texts of the app in Norwegian (nb, the default) and English (en), and number formats."""
from __future__ import annotations

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
NBSP = "\u00a0"

MESSAGES: dict[str, dict[str, str]] = {
    "nb": {
        "app_title": "Sosiale medier i norske bedrifter",
        "overview": "Oversikt",
        "overview_intro": "Hovedtallene fra Sosialkontorets undersøkelse blant norske bedrifter, mai 2010.",
        "reconstruction_notice": "Svarene er en rekonstruksjon ut fra publiserte tall, ikke de opprinnelige svarene.",
        "headline_private_use": "Bruker sosiale medier privat",
        "headline_company_use": "Bedriften bruker sosiale medier",
        "headline_no_guidelines": "Bedriften har ikke retningslinjer",
        "headline_marketing_strategy": "Har strategi for markedsføring i sosiale medier",
        "base_n": "{n} av {base_n}",
        "base_all": "Grunnlag: alle som svarte (n = {base_n})",
        "base_company_users": "Grunnlag: de som svarer at bedriften bruker sosiale medier (n = {base_n})",
        "base_marketers": "Grunnlag: bedrifter som bruker sosiale medier til markedsføring (n = {base_n})",
        "no_database": "Databasen finnes ikke ennå. Bygg den med «make run» eller «python -m survey build».",
        "bad_database": "Databasen kan ikke leses. Bygg den på nytt med «python -m survey build».",
        "nothing_to_show": "Ingen svar å vise.",
    },
    "en": {
        "app_title": "Social media in Norwegian companies",
        "overview": "Overview",
        "overview_intro": "The main results of Sosialkontoret's survey of Norwegian companies, May 2010.",
        "reconstruction_notice": "The answers are a reconstruction from published aggregates, not the original responses.",
        "headline_private_use": "Use social media privately",
        "headline_company_use": "The company uses social media",
        "headline_no_guidelines": "The company has no guidelines",
        "headline_marketing_strategy": "Have a strategy for marketing on social media",
        "base_n": "{n} of {base_n}",
        "base_all": "Base: all respondents (n = {base_n})",
        "base_company_users": "Base: those who say the company uses social media (n = {base_n})",
        "base_marketers": "Base: companies that use social media for marketing (n = {base_n})",
        "no_database": "The database does not exist yet. Build it with 'make run' or 'python -m survey build'.",
        "bad_database": "The database cannot be read. Build it again with 'python -m survey build'.",
        "nothing_to_show": "No answers to show.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled from `values`."""
    text = MESSAGES[lang][key]
    return text.format(**{k: format_number(v, lang) if isinstance(v, int) else v for k, v in values.items()})


def format_number(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with the thousands separator of the language: 20 000 (nb), 20,000 (en)."""
    text = f"{value:,}"
    return text.replace(",", NBSP) if lang == "nb" else text


def format_pct(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A percentage as the language writes it: 36,2 % (nb), 36.2% (en)."""
    text = f"{value:.{decimals}f}"
    return f"{text.replace('.', ',')}{NBSP}%" if lang == "nb" else f"{text}%"
