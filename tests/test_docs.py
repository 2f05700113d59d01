"""The documentation: README.md is the front door (at most 200 lines) and links every page of docs/; every
relative link leads to a file that exists; and nothing is said twice (no long paragraph in two files)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
FILES = [README, *PAGES]

LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL)


def prose(path: Path) -> str:
    """The file's text without its fenced code blocks (a link there is code, not a link)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def links(path: Path) -> list[str]:
    return LINK.findall(prose(path))


def relative(target: str) -> str | None:
    """The file part of a relative link; None for a web address, a mail address or an anchor in the same file."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
        return None
    return target.split("#", 1)[0].split("?", 1)[0] or None


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; at most 200, the rest belongs in docs/"


def test_there_are_docs_pages():
    assert PAGES, "docs/ holds no Markdown page"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_to_files(path: Path):
    broken = [target for target in links(path)
              if (part := relative(target)) is not None and not (path.parent / part).exists()]
    assert not broken, f"{path.relative_to(ROOT)} links to files that do not exist: {broken}"


def test_readme_links_every_docs_page():
    linked = {(ROOT / part).resolve() for target in links(README) if (part := relative(target)) is not None}
    missing = [str(page.relative_to(ROOT)) for page in PAGES if page.resolve() not in linked]
    assert not missing, f"README.md does not link {missing}"
    named = [part for target in links(README) if (part := relative(target)) and part.startswith("docs/")
             and part.endswith(".md")]
    assert named, "README.md links no page of docs/"
    absent = [part for part in named if not (ROOT / part).is_file()]
    assert not absent, f"README.md names docs pages that are missing: {absent}"


def paragraphs(path: Path) -> list[str]:
    """Blocks separated by empty lines, whitespace collapsed; a list item counts as a paragraph of its own."""
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n\s*\n", text):
        for item in re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block):
            flat = " ".join(item.split())
            if len(flat) >= 200:
                out.append(flat)
    return out


def test_nothing_is_said_twice():
    seen: dict[str, str] = {}
    twice = []
    for path in FILES:
        name = str(path.relative_to(ROOT))
        for para in set(paragraphs(path)):
            if para in seen:
                twice.append(f"{seen[para]} and {name}: {para[:80]}…")
            else:
                seen[para] = name
    assert not twice, "paragraphs said twice:\n" + "\n".join(twice)
