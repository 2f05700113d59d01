"""The app's pages, written once (survey.output.pages), agree with pages/, the texts and the app's navigation:
every file is a page and every page a file, every page has its title in every language, and the sidebar lists
them in the list's order, the first at "/"."""
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from survey.model.state import View, to_query
from survey.output.pages import ADMIN, DEFAULT, PAGES
from survey.texts.i18n import LANGUAGES, MESSAGES, t
from tests.conftest import ROOT

EVERY = (*PAGES, ADMIN)


def test_every_file_under_pages_is_a_page_and_every_page_a_file():
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
    assert sorted(page.file for page in EVERY) == files
    assert all((ROOT / page.file).is_file() for page in EVERY)


def test_every_page_has_its_own_key():
    keys = [page.key for page in EVERY]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_title_and_introduction_in_every_language(lang):
    assert all(MESSAGES[lang].get(page.key) for page in EVERY)
    assert all(MESSAGES[lang].get(f"{page.key}_intro") for page in PAGES)  # ui.page_header's


def navigation(monkeypatch, lang: str, admin: bool = False) -> list[tuple[str, str, str]]:
    """The pages app.py gives st.navigation, in its order: (title, URL path, icon). Streamlit gives the
    default page the path "" (it is served at "/")."""
    given = []
    real = streamlit.navigation
    monkeypatch.setattr(streamlit, "navigation", lambda pages, **rest: given.extend(pages) or real(pages, **rest))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(to_query(View(lang=lang)))
    if admin:
        app.secrets["admin_passphrase"] = "hemmelig"
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return [(page.title, page.url_path, page.icon) for page in given]


def expected(pages, lang: str) -> list[tuple[str, str, str]]:
    return [(t(page.key, lang), "" if page == DEFAULT else page.key, page.icon) for page in pages]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_navigation_lists_the_pages_in_order(seed_env, monkeypatch, lang):
    assert navigation(monkeypatch, lang) == expected(PAGES, lang)


def test_the_navigation_ends_with_the_admin_page_where_a_passphrase_is_set(seed_env, monkeypatch):
    assert navigation(monkeypatch, "nb", admin=True) == expected(EVERY, "nb")
