"""The catalogues of texts, one file per language (survey/texts/nb.py and en.py): the messages of the pages and
files (MESSAGES) and the sentences of an import's report (PROBLEMS). Every language has every text, in the same
order and with the same placeholders, and no text is left that nothing says. Streamlit's own texts are nb's
only (an English page turns them back), and are Streamlit's keys, not the app's: only their patterns are checked."""
from __future__ import annotations

import re
import string

import pytest

from survey.texts import en, i18n, nb, problems
from tests.conftest import ROOT

LANGUAGE_FILES = {"nb": nb, "en": en}
CATALOGUES = ("MESSAGES", "PROBLEMS")
# Where the texts are said: the app, its core, the query loader, the deployment's and the benchmarks' scripts.
SOURCES = [ROOT / "app.py", *sorted((ROOT / "survey").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
           *sorted((ROOT / "queries").glob("*.py")), *sorted((ROOT / "deploy").glob("*.py")),
           *sorted((ROOT / "bench").glob("*.py"))]
ENTRY = re.compile(r'^\s+"[a-z_0-9]+": ')  # a text's own line in a language file, which says nothing
MADE = re.compile(r'f"([a-z]+(?:_[a-z]+)*_)\{')  # a key made from a prefix and a value: f"weights_{scheme}"


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_the_modules_read_the_language_files():
    assert list(LANGUAGE_FILES) == list(i18n.LANGUAGES)
    assert all(i18n.MESSAGES[lang] is module.MESSAGES for lang, module in LANGUAGE_FILES.items())
    assert all(problems.MESSAGES[lang] is module.PROBLEMS for lang, module in LANGUAGE_FILES.items())
    assert i18n.STREAMLIT_TEXTS == {"nb": nb.STREAMLIT_TEXTS}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_language_has_every_text_in_the_same_order(name):
    first, *others = (list(getattr(module, name)) for module in LANGUAGE_FILES.values())
    assert all(keys == first for keys in others)


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_text_has_the_same_placeholders_in_every_language(name):
    first, *others = (getattr(module, name) for module in LANGUAGE_FILES.values())
    differ = [key for key in first for texts in others if placeholders(texts[key]) != placeholders(first[key])]
    assert not differ


def test_streamlit_texts_keep_only_the_parts_they_carry():
    """Streamlit's placeholders: a pattern's replacement uses only the parts ($1) its pattern captures."""
    texts = nb.STREAMLIT_TEXTS
    for pattern, replacement in [*texts["text_patterns"], *texts["label_patterns"]]:
        used = {int(n) for n in re.findall(r"\$(\d)", replacement)}
        assert used <= set(range(1, re.compile(pattern).groups + 1)), pattern


def test_no_text_is_left_that_nothing_says():
    said = "\n".join(line for path in SOURCES for line in path.read_text(encoding="utf-8").splitlines()
                     if not (path.parent.name == "texts" and path.stem in LANGUAGE_FILES and ENTRY.match(line)))
    made = set(MADE.findall(said))
    unsaid = [key for name in CATALOGUES for key in getattr(en, name)
              if f'"{key}"' not in said and f"'{key}'" not in said and not key.startswith(tuple(made))]
    assert not unsaid
