"""The command line, `python -m survey <command>`: every command, with one clear sentence on standard error and
a non-zero exit for every expected failure. The callers use it as `from survey import cli; cli.main([...])`: the
names they use are here.

    parser   the commands and their options, and main, which runs one
    data     reconstruct, build, upgrade, import, versions, rollback, synth
    tables   figures, crosstab, standout
    files    report, benchmark
    common   what they share: Failure and the exit codes, notes, reading the database, --where, the rows written

Layer 9 of survey/ (docs/development.md). May import: the layers below (queries is layer 0).
"""
from survey.cli.common import EXIT_FAILED, EXIT_USAGE, Failure
from survey.cli.parser import main
from survey.cli.tables import crosstab_rows

__all__ = ["EXIT_FAILED", "EXIT_USAGE", "Failure", "crosstab_rows", "main"]
