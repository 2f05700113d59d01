"""Published databases and their versions.

Every build or import writes a new database file into the versions folder beside the published path
(`data/survey.duckdb.versions/`), and then switches what is published in one rename: the published path is
a symbolic link to one version, replaced atomically (os.replace of a new link). Nothing is ever written to a
published file, so a reader keeps reading the version it opened, a failure at any step leaves the published
database as it was, and every earlier version stays to roll back to.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

SUFFIX = ".duckdb"


class VersionError(RuntimeError):
    """A version that does not exist, or nothing to roll back to."""


@dataclass(frozen=True)
class Version:
    name: str
    path: Path
    built_at: str
    source: str
    respondents: int
    waves: str
    published: bool


def folder(db: Path) -> Path:
    return db.with_name(db.name + ".versions")


def new_path(db: Path) -> Path:
    """A fresh, sortable name for the next version: survey-20261127T201500123456Z.duckdb."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder(db) / f"{db.stem}-{stamp}{SUFFIX}"
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def current(db: Path) -> Path | None:
    """The version file the published path points at (a plain file published by an older build counts)."""
    if db.is_symlink():
        return (db.parent / os.readlink(db)).resolve()
    return db.resolve() if db.exists() else None


def adopt(db: Path) -> None:
    """A published plain file (from before versions) becomes a version, without a moment of absence: it is
    hard-linked into the versions folder, then the link replaces it."""
    if db.exists() and not db.is_symlink():
        keep = new_path(db)
        os.link(db, keep)
        point(db, keep)


def point(db: Path, version: Path) -> None:
    """Publish `version`: a new link beside `db`, renamed over it in one step, and the rename made durable."""
    link = db.with_name(f".{db.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, db.parent), link)
    os.replace(link, db)
    dir_fd = os.open(db.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def describe(path: Path, published: Path | None) -> Version:
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            built_at, source, n = con.execute("SELECT built_at, source, respondents FROM build_info").fetchone()
            waves = ", ".join(w for (w,) in con.execute("SELECT DISTINCT wave FROM respondents ORDER BY 1").fetchall())
        finally:
            con.close()
    except duckdb.Error:
        built_at, source, n, waves = "?", "(unreadable)", 0, ""
    return Version(path.stem, path, str(built_at), str(source), int(n), waves, path == published)


def listing(db: Path) -> list[Version]:
    """Every version, oldest first, marking the published one."""
    published = current(db)
    paths = sorted(folder(db).glob(f"*{SUFFIX}"))
    return [describe(p.resolve(), published) for p in paths]


def rollback(db: Path, name: str | None = None) -> Version:
    """Publish the version `name`, or the one before the published one."""
    versions = listing(db)
    if name is not None:
        chosen = next((v for v in versions if v.name == name), None)
        if chosen is None:
            known = ", ".join(v.name for v in versions) or "none"
            raise VersionError(f"there is no version {name!r}; the versions are: {known}")
    else:
        position = next((i for i, v in enumerate(versions) if v.published), None)
        if not position:
            raise VersionError("there is no earlier version to roll back to")
        chosen = versions[position - 1]
    point(db, chosen.path)
    return chosen
