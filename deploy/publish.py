"""Publish the current data version to replicas that each have a data folder of their own.

    python deploy/publish.py --from data/survey.duckdb --to /srv/a/data --to /mnt/b/survey.duckdb

Replicas on one machine that share the data folder need none of this: a build or an import switches the
published link, and every replica reads the new version on its next query. For a replica with a folder of
its own (another disk or machine, mounted here), this copies the version file that `--from` publishes into
each target's versions folder (under a temporary name, written to disk, renamed, readable by its owner only)
and then switches each target's link to it (survey.ingest.versions.point), so a replica reads it on its next query,
without a restart. A target given as a folder means the database of the same name in it; a target that already
holds the version only has its link switched. A target that fails (a missing folder, no room, no permission)
is said in a sentence, the others are published all the same, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from survey.ingest import versions

ROOT = Path(__file__).resolve().parent.parent

CHUNK = 1 << 20


class PublishError(RuntimeError):
    """The source has no version to publish, or a target cannot take it."""


@dataclass(frozen=True)
class Outcome:
    target: Path  # the target's published path
    version: str | None  # the version it publishes now (None: none, or unreadable)
    copied: bool = False
    error: str | None = None

    def sentence(self) -> str:
        if self.error:
            now = f"it still publishes {self.version}" if self.version else "it publishes no version"
            return f"{self.target}: not published: {self.error}; {now}."
        how = "copied and published" if self.copied else "already there; published"
        return f"{self.target}: {self.version} {how}."


def source_version(source: Path) -> Path:
    """The version file `source` publishes."""
    if not source.exists():
        raise PublishError(f"there is no published database at {source} (--from)")
    version = versions.current(source)
    if version is None or not versions.is_version(version):
        raise PublishError(f"{source} is a plain database file, not a link to a version in "
                           f"{versions.folder(source).name}, so it has no version to publish (the next import "
                           "or build into it makes one)")
    return version


def target_path(target: Path, source: Path) -> Path:
    """The published path a --to names: a folder means the database of the source's name in it."""
    if target.is_dir() and not target.is_symlink():
        return target / source.name
    if target.parent.exists() and not target.parent.is_dir():
        raise PublishError(f"{target.parent} is a file, not a folder")
    if not target.parent.is_dir():
        raise PublishError(f"there is no folder {target.parent}")
    return target


def published_name(db: Path) -> str | None:
    try:
        now = versions.current(db)
    except OSError:
        return None
    return now.stem if now is not None and now.exists() else None


def copy_version(version: Path, db: Path) -> tuple[Path, bool]:
    """`version` in `db`'s versions folder: the file already there, or a copy written under a temporary name,
    made durable and renamed. Returns the path and whether it was copied."""
    place = versions.make_folder(db)
    final = place / version.name
    if versions.is_version(final):
        if final.stat().st_size != version.stat().st_size:
            raise PublishError(f"{final} is there but differs in size from {version}; remove it and publish again")
        return final, False
    if final.exists() or final.is_symlink():
        raise PublishError(f"{final} is there but is not a version file (a link or not a regular file)")
    temporary = versions.building_path(final)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, versions.FILE_MODE)
        with open(version, "rb") as reader, os.fdopen(fd, "wb") as writer:
            shutil.copyfileobj(reader, writer, CHUNK)
            writer.flush()
            os.fsync(writer.fileno())
        versions.seal(temporary)
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    dir_fd = os.open(place, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return final, True


def publish_one(version: Path, target: Path, source: Path) -> Outcome:
    db = target
    try:
        db = target_path(target, source)
        with versions.writer(db):  # the target's one writer, as an import or a rollback there would be
            versions.remove_leftovers(db)
            versions.adopt(db)  # a plain database file there becomes a version first, so that it is kept
            final, copied = copy_version(version, db)
            versions.point(db, final)
            try:
                versions.prune(db, versions.keep_setting())
            except (OSError, ValueError):
                pass  # published all the same; the old versions stay until the next publish
    except (OSError, PublishError, versions.VersionError) as err:
        reason = f"{err.strerror} ({err.filename})" if isinstance(err, OSError) and err.strerror else str(err)
        return Outcome(db, published_name(db), error=reason)
    return Outcome(db, final.stem, copied)


def publish(source: Path, targets: list[Path]) -> list[Outcome]:
    """The version `source` publishes, published at each target (PublishError if the source has none)."""
    version = source_version(source)
    return [publish_one(version, target, source) for target in targets]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python deploy/publish.py", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True,
                        help="the published database whose version goes out (e.g. data/survey.duckdb)")
    parser.add_argument("--to", dest="targets", type=Path, action="append", required=True,
                        help="a replica's data folder or published database; give --to once per replica")
    args = parser.parse_args(argv)
    try:
        outcomes = publish(args.source, args.targets)
    except PublishError as err:
        print(f"Nothing published: {err}.", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(outcome.sentence(), file=sys.stderr if outcome.error else sys.stdout)
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
