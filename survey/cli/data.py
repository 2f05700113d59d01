"""The commands that write the data: reconstruct, build, upgrade, import, versions, rollback and synth.

Each imports what it runs inside its function, so that the command line starts light.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from survey.base.paths import database_path
from survey.cli.common import EXIT_USAGE, Failure, first_line, said, waiting, write_rows
from survey.model import codebook as cb


def cmd_reconstruct(args: argparse.Namespace) -> int:
    from survey.demo import reconstruct

    out = Path(args.out)
    if args.check:
        fresh = reconstruct.to_csv(reconstruct.Reconstruction().run(), cb.load(), cb.load().survey["wave"])
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != fresh:
            raise Failure(f"{out} is not what `python -m survey reconstruct` writes; run it again")
        print(f"{out} is up to date ({reconstruct.N} respondents)")
        return 0
    reconstruct.reconstruct(out)
    print(f"wrote {out} ({reconstruct.N} respondents)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from survey.ingest.build import BuildError
    from survey.ingest.imports import build
    from survey.texts.problems import InvalidResponses, say

    try:
        result = build(Path(args.source), database_path(args.db), waiting=waiting(args))
    except InvalidResponses as err:
        raise Failure(err.report(args.lang)) from None
    except BuildError as err:
        raise Failure(said(err, args.lang)) from None
    print(say("built", args.lang, db=result.path, source=args.source, n=result.respondents,
              seconds=f"{result.seconds:.2f}"))
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from survey.ingest.build import BuildError, upgrade

    try:
        target = upgrade(database_path(args.db), waiting=waiting(args))
    except BuildError as err:
        raise Failure(str(err)) from None
    except duckdb.Error as err:
        raise Failure(f"the database cannot be read as a survey database ({first_line(err)})") from None
    print(f"upgraded {database_path(args.db)}: published {target}" if target else
          f"{database_path(args.db)} is up to date")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from survey.ingest.build import BuildError
    from survey.ingest.imports import import_file
    from survey.texts.problems import InvalidResponses, notes_lines, say

    db = database_path(args.db)
    try:
        result = import_file(Path(args.file), db, mapping=args.mapping and Path(args.mapping), sheet=args.sheet,
                             wave=args.wave, dry_run=args.dry_run, waiting=waiting(args))
    except InvalidResponses as err:
        raise Failure(err.report(args.lang)) from None
    except BuildError as err:
        raise Failure(said(err, args.lang)) from None
    kept = ", ".join(f"{w} ({n})" for w, n in sorted(result.kept.items())) or say("none", args.lang)
    for line in notes_lines(result.notes, args.lang):
        print(line)
    values = {"source": args.file, "wave": result.wave, "n": result.respondents, "kept": kept}
    if result.version is None:
        print(say("checked", args.lang, **values))
    else:
        print(say("imported", args.lang, version=result.version.name, **values))
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from survey.ingest import versions

    db = database_path(args.db)
    if args.prune is not None:
        keep = args.prune.strip()
        if not (keep.isascii() and keep.isdigit()) or int(keep) < 1:
            raise Failure(f"--prune takes the number of versions to keep, a whole number of at least 1, "
                          f"not {args.prune!r}", EXIT_USAGE)
        for path in versions.remove_leftovers(db):
            print(f"removed {path.name} (left behind by a process that no longer runs)")
        removed = versions.prune(db, int(keep), waiting=waiting(args))
        for version in removed:
            print(f"removed {version.name} (built {version.built_at}, {version.respondents} respondents)")
        if not removed:
            print(f"nothing to prune: at most {int(keep)} versions besides the published one")
        print()
    listing = versions.listing(db)
    if not listing:
        raise Failure(f"there are no versions of {database_path(args.db)} yet; build or import one first")
    rows = [{"published": "*" if v.published else "", "version": v.name, "built_at": v.built_at,
             "source": v.source, "respondents": v.respondents, "waves": v.waves} for v in listing]
    write_rows(rows, list(rows[0]), "table")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from survey.ingest import versions

    try:
        chosen = versions.rollback(database_path(args.db), args.version, waiting=waiting(args))
    except versions.VersionError as err:
        raise Failure(str(err)) from None
    print(f"published {chosen.name} again ({chosen.respondents} respondents, waves {chosen.waves})")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from survey.demo.synth import synthesize

    if args.respondents < 1:
        raise Failure("--respondents must be at least 1", EXIT_USAGE)
    out = synthesize(args.respondents, Path(args.out), seed=args.seed)
    print(f"wrote {out}: {args.respondents} respondents resampled from the reconstruction (seed {args.seed})")
    return 0
