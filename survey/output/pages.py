"""The app's pages, written once: for each, in the order of the sidebar, its key (the message key of its title
and its URL path; its file is pages/<key>.py), its icon, its charts and whether the report holds them. The
admin page stands apart: the app shows it only where an admin passphrase is set.

A new chart page is one file under pages/, one row here, and its texts (survey/texts): its title under its key
in every language, and its introduction. app.py's navigation, the report (survey.output.report), the tests
and the benchmarks read the pages from here; tests/test_page_list.py checks that this list and pages/ agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from survey.model.population import DIMENSIONS


@dataclass(frozen=True)
class Chart:
    """One chart of a page. `key` names its downloads; `question` is the question (a dimension for a
    composition chart; empty on the explore page, whose question is the view's); `by` the split where it is
    not the view's compare-by; `title_key` the message key of its title where it is not the question's; `kind`
    "shares", "trend" (the headlines of each wave, shown where the database has several) or "composition"
    (the selection beside the population)."""

    key: str
    question: str = ""
    by: str | None = None
    title_key: str | None = None
    kind: str = "shares"


def _shares(question: str, **rest) -> Chart:
    return Chart(question, question, **rest)


@dataclass(frozen=True)
class Page:
    """One page of the app. `key` is the message key of its title and its URL path; `icon` Streamlit's name of
    its icon; `charts` the charts it draws from the survey (survey.output.report.charts says which of them a
    view shows); `in_report` whether the report for the selection holds them."""

    key: str
    icon: str
    charts: tuple[Chart, ...] = ()
    in_report: bool = False

    @property
    def file(self) -> str:
        """The page's file, relative to the app's folder."""
        return f"pages/{self.key}.py"


COMPOSITION = DIMENSIONS  # the method page's charts of the selection beside the population, one at a time
# In the order of the sidebar; the first is the default page, which Streamlit serves at "/". The report holds
# neither the method page's composition charts (the report's method slide says who is in the selection) nor
# the explore page's chart (its question is whatever was last chosen there, and with no choice it repeats the
# usage page's first chart).
PAGES = (
    Page("overview", ":material/dashboard:", (Chart("trend", "", title_key="trend", kind="trend"),),
         in_report=True),
    Page("usage", ":material/group:", (_shares("private_use"), _shares("company_use")), in_report=True),
    Page("channels", ":material/share:",
         (_shares("private_channels"), _shares("company_channels"),
          Chart("private_channels_gender", "private_channels", by="gender", title_key="channels_gender")),
         in_report=True),
    Page("guidelines", ":material/rule:",
         (_shares("guidelines"), _shares("guidelines_why_not"), _shares("company_purposes"),
          _shares("marketing_strategy")),
         in_report=True),
    Page("challenges", ":material/report:", (_shares("challenges"),), in_report=True),
    Page("method", ":material/science:", tuple(Chart(f"composition_{d}", d, kind="composition") for d in COMPOSITION)),
    Page("explore", ":material/table_chart:", (Chart("", ""),)),
    Page("benchmark", ":material/compare_arrows:"),
)
DEFAULT = PAGES[0]
ADMIN = Page("admin", ":material/admin_panel_settings:")  # only with an admin passphrase

