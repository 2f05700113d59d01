"""The catalogues of texts (survey.texts.i18n for the pages and files, survey.texts.problems for the report of an import):
every language has every text, in the same order and with the same placeholders, and no text is left that
nothing says."""
from __future__ import annotations

import re
import string

import pytest

from survey.texts import i18n, problems
from tests.conftest import ROOT

CATALOGUES = {"i18n": i18n.MESSAGES, "problems": problems.MESSAGES}
# Where the texts are said: the app, its core, the query loader, the deployment's and the benchmarks' scripts.
SOURCES = [ROOT / "app.py", *sorted((ROOT / "survey").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
           *sorted((ROOT / "queries").glob("*.py")), *sorted((ROOT / "deploy").glob("*.py")),
           *sorted((ROOT / "bench").glob("*.py"))]
ENTRY = re.compile(r'^\s+"[a-z_0-9]+": ')  # a text's own line in a catalogue, which says nothing
CATALOGUE_FILES = {"i18n.py", "problems.py"}
MADE = re.compile(r'f"([a-z]+(?:_[a-z]+)*_)\{')  # a key made from a prefix and a value: f"weights_{scheme}"


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_language_has_every_text_in_the_same_order(name):
    languages = list(CATALOGUES[name].values())
    assert all(list(texts) == list(languages[0]) for texts in languages[1:])


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_text_has_the_same_placeholders_in_every_language(name):
    first, *others = CATALOGUES[name].values()
    differ = [key for key in first for texts in others if placeholders(texts[key]) != placeholders(first[key])]
    assert not differ


def test_no_text_is_left_that_nothing_says():
    said = "\n".join(line for path in SOURCES for line in path.read_text(encoding="utf-8").splitlines()
                     if not (path.name in CATALOGUE_FILES and ENTRY.match(line)))
    made = set(MADE.findall(said))
    unsaid = [key for catalogue in CATALOGUES.values() for key in catalogue["en"]
              if f'"{key}"' not in said and f"'{key}'" not in said and not key.startswith(tuple(made))]
    assert not unsaid
