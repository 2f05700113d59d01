"""What a validation report says, in Norwegian (nb) and English (en): the problems that stop a file from being
loaded and the notes that go with one that loads.

A problem names the file row (as a spreadsheet counts: the header is row 1), the column and the value, where
it has them. Repeats of one kind in one column are grouped: the first few are shown, then how many more.
Values from the file are quoted and cut short, with line ends, control characters and invisible ones written
out (\r, \u0007); the report is plain text, never markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from survey.texts.i18n import DEFAULT_LANGUAGE, format_number, visible

SHOWN_PER_KIND = 3
VALUE_LIMIT = 60

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "row": "row {row}",
        "column": "column {column}",
        "more": "  ... and {count} more like this",
        "notes": "Notes:",
        "verdict_bad": "{source} was not loaded: {count} {problems} found, nothing was written.",
        "problem": "problem",
        "problems": "problems",
        # the file
        "file_empty": "the file is empty",
        "file_zip": "the file is not text (it is a zip archive, perhaps an Excel workbook: name it .xlsx)",
        "file_nul": "the file is not text (it has NUL bytes: binary, or UTF-16; save it as CSV in UTF-8)",
        "file_encoding": "the file is not text (neither UTF-8 nor Windows-1252)",
        "file_control": "the file is not text (it has control characters: binary?)",
        "file_not_utf8": "the byte at offset {offset} ({byte}, {char}) is not UTF-8, though {why}; the file has "
                         "{count} {bytes}. Part of it was saved in another encoding: save the whole file as "
                         "UTF-8 (in Excel: Save As, CSV UTF-8) and import it again",
        "file_neither": "the byte at offset {offset} ({byte}) is neither UTF-8 nor a character of Windows-1252, the "
                        "encoding of the rest of the file: save the file as UTF-8 (in Excel: Save As, CSV UTF-8) "
                        "and import it again",
        "utf8_elsewhere": "the rest of the file is",
        "utf8_bom": "the file starts with UTF-8's byte order mark",
        "as_cp1252": "{char} in Windows-1252",
        "no_cp1252": "not a character in Windows-1252 either",
        "such_byte": "such byte",
        "such_bytes": "such bytes",
        "file_control_at": "a control character ({char}) at byte offset {offset}; the file has {count} "
                           "{characters}. No answer holds one, so the file is damaged there or not all text: remove "
                           "such characters (or export the file again) and import it again",
        "cell_control": "a control character ({char}) in this cell; the file has {count} {characters} in its "
                        "cells. No answer holds one, so the file is damaged there: remove such characters (or "
                        "export the file again) and import it again",
        "such_character": "such character",
        "such_characters": "such characters",
        "file_not_regular": "this is not a regular file but {kind}, and nothing was read from it: give the path of "
                            "an exported file (.csv, .txt, .xlsx or .sav)",
        "kind_folder": "a folder",
        "kind_fifo": "a named pipe (FIFO)",
        "kind_device": "a device",
        "kind_socket": "a socket",
        "kind_other": "something else",
        "xlsx_formulas": "sheet {sheet}: formulas without a stored value in {count} {cells} ({where}){example}. "
                         "What they hold cannot be read: the workbook was saved by a program that does not "
                         "calculate formulas. Open it in Excel or LibreOffice and save it, so that the values are "
                         "stored, and import it again",
        "formula_example": "; {cell} is {formula}",
        "cell": "cell",
        "cells": "cells",
        "file_kind": "unknown kind of file {suffix}: expected .csv, .txt, .xlsx or .sav",
        "file_unreadable": "the file cannot be read ({reason})",
        "file_not_xlsx": "the file is not an Excel workbook ({reason})",
        "file_xlsx_unreadable": "the workbook cannot be read ({reason})",
        "file_no_sheet": "no sheet {sheet} in the workbook; its sheets: {sheets}",
        "file_first_sheet": "the first sheet, {sheet}, does not hold the answers: none of its columns is a column "
                            "of the codebook or of the mapping. The workbook's other sheets: {sheets}. Choose the "
                            "sheet with --sheet (on the admin page: the sheet field)",
        "file_not_sav": "the file is not an SPSS .sav file ({reason})",
        "file_header_empty": "the first row is empty: the header must be on row 1",
        "file_no_rows": "the file has a header but no respondents",
        "file_too_wide": "the file has {count} columns; at most {limit} can be read",
        "csv_cells": "{cells} cells, but the header has {columns} columns",
        "csv_quote": "a quote (\") opens on this row and is never closed: a quote inside a cell must be doubled "
                     "(\"\"), and a cell that starts with a quote must end with one",
        "csv_invalid": "the row cannot be read as CSV ({reason})",
        # the mapping
        "mapping_yaml": "the mapping file cannot be read as YAML ({reason})",
        "mapping_missing": "there is no mapping file at {path}",
        "mapping_not_regular": "the mapping file {path} is not a regular file but {kind}",
        "mapping_unreadable": "the mapping file {path} cannot be read ({reason})",
        "mapping_shape": "the mapping file must be a YAML mapping with the sections {sections}",
        "mapping_section": "the mapping's {section} must be {shape}",
        "mapping_bool": "{where}: {value} must be a text: YAML reads yes, no, true, false, on and off as "
                        "true/false unless quoted, so quote them (\"yes\")",
        "mapping_text": "{where}: {value} must be a text",
        "mapping_multi": "the mapping's multi: {name} needs question (and may have separator and values)",
        "mapping_separator": "the mapping's multi: {name}: separator must be a text such as ','",
        "mapping_target": "the mapping's columns send it to {target}, not a column of the codebook",
        "mapping_question": "the mapping's {where} names {question}, not a question of the codebook",
        "mapping_multi_question": "the mapping's {where} names {question}, not a multi-choice question of the "
                                  "codebook",
        "mapping_option": "the mapping's {where} names {option}, not an option of {question}",
        "mapping_value_twice": "the mapping's {where} gives {value} to both {first} and {second}",
        # the columns
        "unknown_column": "unknown column, not in the codebook (map it under columns in a mapping file, or list "
                          "it under skip)",
        "column_twice": "the column appears twice",
        "target_twice": "this column and {first} both go to {target}",
        "text_without_code": "{text} without {question}: the texts need their coded answers too (a mapping can "
                             "send one column to both, see data/mapping.example.yaml)",
        "parent_missing": "{question} is only asked when {route}, but this file does not ask {parent}",
        "no_questions": "none of the file's columns is a question of the codebook",
        "no_wave": "no wave: give --wave (on the admin page: the wave field), or map a column to wave",
        "weight_column_missing": "the mapping names {column} as the weight, but the file has no such column",
        # the values
        "unknown_option": "unknown option: {value} is not one of {options}",
        "unknown_flag": "unknown option value: {value}, expected 1 or 0 (or Ja/Nei, yes/no, true/false)",
        "unknown_choice": "unknown choice {value} for {question}: not in the mapping's values, nor an option id "
                          "or label",
        "too_many_values": "{count} different values in a column of a coded question: code them in the "
                           "mapping's values, or send the column to a text column",
        "no_id": "no respondent id (leave the id column out to number the rows)",
        "duplicate_id": "duplicate respondent id {value}, first seen in row {first}",
        "wave_empty": "empty, every respondent needs a wave",
        "wave_name": "{value} cannot be a wave's name: letters, digits, spaces and . _ - only, starting with a "
                     "letter or digit, at most 40 characters",
        "waves_many": "an import holds one wave, this file holds {count}: {waves}",
        "not_asked": "answer to a question that was not asked: {value}, but {question} is only asked when {route}",
        "no_answer": "no answer, but the question was asked (where respondents could leave it unanswered, list "
                     "{question} under unanswered in the mapping)",
        "text_long": "text longer than {limit} characters",
        "weight_bad": "{value} is not a weight: a positive number is needed",
        # notes
        "note_not_asked": "{question}: not asked in this wave (the file has no column of it); stored as not asked",
        "note_not_offered": "{question}: not offered in this wave (the file has no column for them): {options}",
        "note_recomputed": "{column}: weights made by this app are computed again from the answers, not read",
        "note_delivered": "{column}: read as the weight delivered with the data (the weighting \"as "
                          "delivered\"), scaled to a mean of 1 within the wave",
        "note_unanswered": "{question}: {count} respondents were asked but did not answer (allowed by the "
                           "mapping); stored as not answered",
        "note_scheme": "{scheme} weighting: not computed for wave {wave}, which did not ask {dimensions}",
        "note_renumbered": "the respondent ids are not all whole numbers: the respondents are numbered 1 to {count} "
                           "in file order, and the file's own ids are kept as source_id",
        # routing in words
        "route_values": "{question} is {values}",
        "route_option": "{question}__{option} is chosen",
        "or": " or ",
        "weights_company": "company",
        "weights_person": "person",
        # the outcome, on the command line and the admin page
        "none": "none",
        "imported": "published {version}: wave {wave} from {source}, {n} respondents; other waves kept: {kept}",
        "checked": "{source} is valid: wave {wave}, {n} respondents; other waves kept: {kept}. Nothing was "
                   "written (--dry-run).",
        "built": "built {db} from {source}: {n} respondents in {seconds} s",
        "waiting": "another import, build or rollback ({holder}) is publishing a version of this database; this "
                   "one waits for it to finish and then builds on what it published",
        "process": "process {pid}",
        "process_unknown": "a process",
        "disk_full": "the disk is full: there is no room for the new version in {folder}. Nothing was published; "
                     "the published database is as it was. Free some space on that disk (python -m survey versions "
                     "--prune KEEP removes old versions) and run the import again",
        "disk_full_temporary": "the disk is full: there is no room for the import's temporary files in {folder}. "
                               "Nothing was published; the published database is as it was. Free some space on that "
                               "disk and run the import again",
    },
    "nb": {
        "row": "rad {row}",
        "column": "kolonne {column}",
        "more": "  ... og {count} til av samme slag",
        "notes": "Merknader:",
        "verdict_bad": "{source} ble ikke lastet inn: {count} {problems} funnet, ingenting ble skrevet.",
        "problem": "problem",
        "problems": "problemer",
        "file_empty": "filen er tom",
        "file_zip": "filen er ikke tekst (den er et zip-arkiv, kanskje en Excel-bok: gi den endelsen .xlsx)",
        "file_nul": "filen er ikke tekst (den har NUL-tegn: binær, eller UTF-16; lagre den som CSV i UTF-8)",
        "file_encoding": "filen er ikke tekst (verken UTF-8 eller Windows-1252)",
        "file_control": "filen er ikke tekst (den har kontrolltegn: binær?)",
        "file_not_utf8": "byten ved posisjon {offset} ({byte}, {char}) er ikke UTF-8, selv om {why}; filen har "
                         "{count} {bytes}. En del av den ble lagret med en annen tegnkoding: lagre hele filen "
                         "som UTF-8 (i Excel: Lagre som, CSV UTF-8) og last den inn på nytt",
        "file_neither": "byten ved posisjon {offset} ({byte}) er verken UTF-8 eller et tegn i Windows-1252, "
                        "tegnkodingen til resten av filen: lagre filen som UTF-8 (i Excel: Lagre som, CSV UTF-8) og "
                        "last den inn på nytt",
        "utf8_elsewhere": "resten av filen er det",
        "utf8_bom": "filen begynner med UTF-8s byte order mark (BOM)",
        "as_cp1252": "{char} i Windows-1252",
        "no_cp1252": "heller ikke et tegn i Windows-1252",
        "such_byte": "slik byte",
        "such_bytes": "slike byte",
        "file_control_at": "et kontrolltegn ({char}) ved byteposisjon {offset}; filen har {count} {characters}. "
                           "Ingen svar har slike tegn, så filen er skadet der eller ikke bare tekst: fjern slike tegn "
                           "(eller eksporter filen på nytt) og last den inn på nytt",
        "cell_control": "et kontrolltegn ({char}) i denne cellen; filen har {count} {characters} i cellene. Ingen "
                        "svar har slike tegn, så filen er skadet der: fjern slike tegn (eller eksporter filen på nytt) "
                        "og last den inn på nytt",
        "such_character": "slikt tegn",
        "such_characters": "slike tegn",
        "file_not_regular": "dette er ikke en vanlig fil, men {kind}, og ingenting ble lest fra den: oppgi stien til "
                            "en eksportert fil (.csv, .txt, .xlsx eller .sav)",
        "kind_folder": "en mappe",
        "kind_fifo": "et navngitt rør (FIFO)",
        "kind_device": "en enhet",
        "kind_socket": "en socket",
        "kind_other": "noe annet",
        "xlsx_formulas": "ark {sheet}: formler uten lagret verdi i {count} {cells} ({where}){example}. Det de gir, "
                         "kan ikke leses: arbeidsboken ble lagret av et program som ikke regner ut formler. Åpne den "
                         "i Excel eller LibreOffice og lagre den, så verdiene blir lagret, og last den inn på nytt",
        "formula_example": "; {cell} er {formula}",
        "cell": "celle",
        "cells": "celler",
        "file_kind": "ukjent filtype {suffix}: ventet .csv, .txt, .xlsx eller .sav",
        "file_unreadable": "filen kan ikke leses ({reason})",
        "file_not_xlsx": "filen er ikke en Excel-bok ({reason})",
        "file_xlsx_unreadable": "Excel-boken kan ikke leses ({reason})",
        "file_no_sheet": "Excel-boken har ikke arket {sheet}; arkene er: {sheets}",
        "file_first_sheet": "det første arket, {sheet}, har ikke svarene: ingen av kolonnene er kolonner i "
                            "kodeboka eller koblingsfilen. Bokens andre ark: {sheets}. Velg ark med --sheet (på "
                            "administrasjonssiden: feltet for ark)",
        "file_not_sav": "filen er ikke en SPSS .sav-fil ({reason})",
        "file_header_empty": "første rad er tom: overskriftene må stå på rad 1",
        "file_no_rows": "filen har overskrifter, men ingen respondenter",
        "file_too_wide": "filen har {count} kolonner; høyst {limit} kan leses",
        "csv_cells": "{cells} celler, men overskriftsraden har {columns} kolonner",
        "csv_quote": "et anførselstegn (\") åpner på denne raden og lukkes aldri: et anførselstegn inne i en "
                     "celle må dobles (\"\"), og en celle som begynner med et, må slutte med et",
        "csv_invalid": "raden kan ikke leses som CSV ({reason})",
        "mapping_yaml": "koblingsfilen kan ikke leses som YAML ({reason})",
        "mapping_missing": "det finnes ingen koblingsfil på {path}",
        "mapping_not_regular": "koblingsfilen {path} er ikke en vanlig fil, men {kind}",
        "mapping_unreadable": "koblingsfilen {path} kan ikke leses ({reason})",
        "mapping_shape": "koblingsfilen må være en YAML-mapping med delene {sections}",
        "mapping_section": "koblingsfilens {section} må være {shape}",
        "mapping_bool": "{where}: {value} må være en tekst: YAML leser yes, no, true, false, on og off som "
                        "sann/usann uten anførselstegn, så sett dem i anførselstegn (\"yes\")",
        "mapping_text": "{where}: {value} må være en tekst",
        "mapping_multi": "koblingsfilens multi: {name} trenger question (og kan ha separator og values)",
        "mapping_separator": "koblingsfilens multi: {name}: separator må være en tekst, for eksempel ','",
        "mapping_target": "koblingsfilens columns sender den til {target}, som ikke er en kolonne i kodeboka",
        "mapping_question": "koblingsfilens {where} nevner {question}, som ikke er et spørsmål i kodeboka",
        "mapping_multi_question": "koblingsfilens {where} nevner {question}, som ikke er et flervalgsspørsmål i "
                                  "kodeboka",
        "mapping_option": "koblingsfilens {where} nevner {option}, som ikke er et svaralternativ til {question}",
        "mapping_value_twice": "koblingsfilens {where} gir {value} til både {first} og {second}",
        "unknown_column": "ukjent kolonne, ikke i kodeboka (koble den under columns i en koblingsfil, eller før "
                          "den opp under skip)",
        "column_twice": "kolonnen står to ganger",
        "target_twice": "denne kolonnen og {first} går begge til {target}",
        "text_without_code": "{text} uten {question}: tekstene trenger de kodede svarene også (en koblingsfil kan "
                             "sende én kolonne til begge, se data/mapping.example.yaml)",
        "parent_missing": "{question} stilles bare når {route}, men denne filen spør ikke om {parent}",
        "no_questions": "ingen av filens kolonner er et spørsmål i kodeboka",
        "no_wave": "ingen bølge: oppgi --wave (på administrasjonssiden: feltet for bølge), eller koble en "
                   "kolonne til wave",
        "weight_column_missing": "koblingsfilen sier at {column} er vekten, men filen har ingen slik kolonne",
        "unknown_option": "ukjent svaralternativ: {value} er ikke et av {options}",
        "unknown_flag": "ukjent verdi for et svaralternativ: {value}, ventet 1 eller 0 (eller Ja/Nei, yes/no, "
                        "true/false)",
        "unknown_choice": "ukjent valg {value} for {question}: ikke i koblingsfilens values, og ikke et "
                          "svaralternativs id eller navn",
        "too_many_values": "{count} ulike verdier i en kolonne til et kodet spørsmål: kod dem i koblingsfilens "
                           "values, eller send kolonnen til en tekstkolonne",
        "no_id": "ingen respondent-id (utelat id-kolonnen for å nummerere radene)",
        "duplicate_id": "respondent-id {value} står to ganger, først på rad {first}",
        "wave_empty": "tom, hver respondent trenger en bølge",
        "wave_name": "{value} kan ikke være navnet på en bølge: bare bokstaver, sifre, mellomrom og . _ -, "
                     "første tegn en bokstav eller et siffer, høyst 40 tegn",
        "waves_many": "en innlasting har én bølge, denne filen har {count}: {waves}",
        "not_asked": "svar på et spørsmål som ikke ble stilt: {value}, men {question} stilles bare når {route}",
        "no_answer": "ikke besvart, men spørsmålet ble stilt (om respondentene kunne la det stå ubesvart, før opp "
                     "{question} under unanswered i koblingsfilen)",
        "text_long": "teksten er lengre enn {limit} tegn",
        "weight_bad": "{value} er ikke en vekt: et positivt tall trengs",
        "note_not_asked": "{question}: ikke spurt om i denne bølgen (filen har ingen kolonne for det); lagret som "
                          "ikke spurt",
        "note_not_offered": "{question}: ikke med som svaralternativ i denne bølgen (filen har ingen kolonne for "
                            "dem): {options}",
        "note_recomputed": "{column}: vekter laget av denne appen regnes ut på nytt fra svarene, ikke lest",
        "note_delivered": "{column}: lest som vekten levert med dataene (vektingen «som levert»), skalert til "
                          "gjennomsnitt 1 i bølgen",
        "note_unanswered": "{question}: {count} respondenter fikk spørsmålet, men svarte ikke (tillatt i "
                           "koblingsfilen); lagret som ikke besvart",
        "note_scheme": "vekting etter {scheme}: ikke regnet ut for bølge {wave}, som ikke spurte om {dimensions}",
        "note_renumbered": "respondent-id-ene er ikke alle hele tall: respondentene er nummerert 1 til {count} i "
                           "filens rekkefølge, og filens egne id-er er tatt vare på som source_id",
        "route_values": "{question} er {values}",
        "route_option": "{question}__{option} er valgt",
        "or": " eller ",
        "weights_company": "bedrift",
        "weights_person": "person",
        "none": "ingen",
        "imported": "publiserte {version}: bølge {wave} fra {source}, {n} respondenter; andre bølger beholdt: "
                    "{kept}",
        "checked": "{source} er gyldig: bølge {wave}, {n} respondenter; andre bølger beholdes: {kept}. Ingenting "
                   "ble skrevet (--dry-run).",
        "built": "bygde {db} fra {source}: {n} respondenter på {seconds} s",
        "waiting": "en annen import, bygging eller tilbakerulling ({holder}) publiserer en versjon av denne "
                   "databasen; denne venter til den er ferdig og bygger så videre på det den publiserte",
        "process": "prosess {pid}",
        "process_unknown": "en prosess",
        "disk_full": "disken er full: det er ikke plass til den nye versjonen i {folder}. Ingenting ble publisert; "
                     "den publiserte databasen er som før. Frigjør plass på den disken (python -m survey versions "
                     "--prune KEEP fjerner gamle versjoner) og kjør innlastingen på nytt",
        "disk_full_temporary": "disken er full: det er ikke plass til innlastingens midlertidige filer i {folder}. "
                               "Ingenting ble publisert; den publiserte databasen er som før. Frigjør plass på den "
                               "disken og kjør innlastingen på nytt",
    },
}


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
