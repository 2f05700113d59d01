"""Texts of the app in Norwegian (nb, the default) and English (en), and number formats.

Labels of questions and options come from the codebook; every other text comes from MESSAGES, which reads
each language's texts from its own file (nb.py, en.py), so no page mixes languages.
"""
from __future__ import annotations

import re

from survey.texts import en, nb

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
NBSP = "\u00a0"

MESSAGES: dict[str, dict[str, str]] = {"nb": nb.MESSAGES, "en": en.MESSAGES}

# Streamlit's own texts as a Norwegian page shows them (nb.STREAMLIT_TEXTS); an English page turns them back
# (survey.ui.browser.streamlit_texts).
STREAMLIT_TEXTS = {"nb": nb.STREAMLIT_TEXTS}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled from `values` (whole numbers formatted)."""
    text = MESSAGES[lang][key]
    return text.format(**{k: format_number(v, lang) if isinstance(v, int) else v for k, v in values.items()})


def format_number(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with the thousands separator of the language: 20 000 (nb), 20,000 (en)."""
    text = f"{value:,}"
    return text.replace(",", NBSP) if lang == "nb" else text


def format_decimal(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A number with decimals as the language writes it: 1 205,4 (nb), 1,205.4 (en)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",") if lang == "nb" else text


def format_pct(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A percentage as the language writes it: 36,2 % (nb), 36.2% (en)."""
    text = f"{value:.{decimals}f}"
    return f"{text.replace('.', ',')}{NBSP}%" if lang == "nb" else f"{text}%"


def word_list(items, lang: str = DEFAULT_LANGUAGE) -> str:
    """"2010", "2010 og 2011", "2009, 2010 og 2011" (en: "2010 and 2011")."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {MESSAGES[lang]['and']} {items[-1]}"


# What can end a code span or change how text reads: line ends of every kind (two carriage returns end the
# paragraph, and the span with it), other control characters, and the invisible marks that reorder or hide text.
UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                    "\ufff9-\ufffb]")
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(value: str) -> str:
    """`value` with every character that is not seen written out (\\r, \\n, \\t, \\u0007, \\u202e)."""
    return UNSEEN.sub(lambda m: ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), value)


def as_code(value: str, limit: int = 60) -> str:
    """Untrusted text for a Markdown element, shown literally, whatever it holds: in a code span, backticks
    replaced, every character that is not seen written out (visible), cut short."""
    value = visible(value.replace("`", "'"))
    return "`" + (value if len(value) <= limit else value[: limit - 1] + "…") + "`"
