"""What a validation report says, in Norwegian (nb) and English (en): the problems that stop a file from being
loaded and the notes that go with one that loads.

A problem names the file row (as a spreadsheet counts: the header is row 1), the column and the value, where
it has them. Repeats of one kind in one column are grouped: the first few are shown, then how many more.
Values from the file are quoted and cut short, with line ends, control characters and invisible ones written
out (\r, \u0007); the report is plain text, never markup. The sentences are in each language's file
(PROBLEMS in nb.py and en.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from survey.texts import en, nb
from survey.texts.i18n import DEFAULT_LANGUAGE, format_number, visible

SHOWN_PER_KIND = 3
VALUE_LIMIT = 60

MESSAGES: dict[str, dict[str, str]] = {"en": en.PROBLEMS, "nb": nb.PROBLEMS}


def quoted(value) -> str:
    """A value from a file or mapping as the report shows it: in quotes, cut short, on one line, every character
    that is not seen written out (a carriage return as \\r, BEL as \\u0007: survey.texts.i18n.visible)."""
    text = visible(str(value))
    if len(text) > VALUE_LIMIT:
        text = text[: VALUE_LIMIT - 1] + "…"
    return "'" + text.replace("'", "\\'") + "'"


def say(key: str, lang: str, **values) -> str:
    """The report's message `key` in `lang` (nb or en), filled in: whole numbers in the language's format, and
    a value that is a function of the language (words of the report's own) said in it."""
    text = MESSAGES.get(lang, MESSAGES[DEFAULT_LANGUAGE])[key]
    return text.format(**{k: v(lang) if callable(v) else
                          format_number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
                          for k, v in values.items()})


def waiting_text(pid: int | None, lang: str) -> str:
    """What a writer says while it waits for another (survey.ingest.versions.writer's `waiting`)."""
    holder = say("process", lang, pid=str(pid)) if pid else say("process_unknown", lang)
    return say("waiting", lang, holder=holder)


@dataclass(frozen=True)
class Problem:
    """One problem (or note): a message key with its values, where in the file it is, and how many more like
    it were found beyond this one (a check made in SQL gives the first few and how many there are)."""

    key: str
    column: str | None = None
    row: int | None = None
    values: dict = field(default_factory=dict, compare=False, hash=False)
    more: int = 0

    def text(self, lang: str = "en") -> str:
        where = []
        if self.row is not None:
            where.append(say("row", lang, row=self.row))
        if self.column is not None:
            where.append(say("column", lang, column=visible(self.column)))
        message = say(self.key, lang, **self.values)
        return f"{', '.join(where)}: {message}" if where else message

    def __str__(self) -> str:
        return self.text("en")


def report_lines(problems: list[Problem], lang: str) -> list[str]:
    """The problems, those of one kind in one column grouped: the first few, then how many more."""
    lines: list[str] = []
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.column, p.key), []).append(p)
    for group in groups.values():
        lines.extend(p.text(lang) for p in group[:SHOWN_PER_KIND])
        hidden = len(group[SHOWN_PER_KIND:]) + sum(p.more for p in group)
        if hidden:
            lines.append(say("more", lang, count=hidden))
    return lines


def count(problems: list[Problem]) -> int:
    return sum(1 + p.more for p in problems)


def notes_lines(notes: list[Problem], lang: str) -> list[str]:
    if not notes:
        return []
    return [say("notes", lang), *(f"- {n.text(lang)}" for n in notes)]


class InvalidResponses(ValueError):
    """The file does not fit the codebook (or cannot be read). Carries every problem found, and the notes."""

    def __init__(self, source: str, problems: list[Problem], notes: list[Problem] | None = None):
        self.source = source
        self.problems = problems
        self.notes = notes or []
        super().__init__(self.report("en"))

    def report(self, lang: str = "en") -> str:
        """The problems, repeats of one kind grouped, the notes, and a one-line verdict at the end."""
        total = count(self.problems)
        verdict = say("verdict_bad", lang, source=self.source, count=total,
                      problems=say("problem" if total == 1 else "problems", lang))
        return "\n".join([*report_lines(self.problems, lang), *notes_lines(self.notes, lang), verdict])


def fail(source: str, key: str, column: str | None = None, row: int | None = None, **values):
    """Raise InvalidResponses with the one problem `key`."""
    raise InvalidResponses(source, [Problem(key, column, row, values)])
