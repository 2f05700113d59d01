"""Published databases and their versions.

Every build or import writes a new database file into the versions folder beside the published path
(`data/survey.duckdb.versions/`), and then switches what is published in one rename: the published path is
a symbolic link to one version, replaced atomically (os.replace of a new link). Nothing is ever written to a
published file, so a reader keeps reading the version it opened, a failure at any step leaves the published
database as it was, and every earlier version stays to roll back to.

One writer at a time: whatever publishes (a build, an import, the upgrade, a rollback, a prune) holds the
folder's writer lock (`writer`) from reading what is published to the switch, so a second writer waits and then
builds on what the first published: two imports at once keep both waves.

Housekeeping: the folder is readable by its owner only (0700, each version 0600: `seal`); a version is a
regular file named `<stem>-<UTC stamp>.duckdb` (a symbolic link or anything else planted there is neither
listed nor published); `remove_leftovers` clears what a killed writer left behind, and `prune` keeps the
newest `keep_versions` (data/versions.yaml) and always the published one.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from survey.base.paths import DATA

SUFFIX = ".duckdb"
SETTINGS = DATA / "versions.yaml"
DEFAULT_KEEP = 20
FOLDER_MODE = 0o700
FILE_MODE = 0o600
# A temporary file in the old naming (`.NAME.building`, no process id) cannot be traced to its writer; it is
# taken for a leftover once nothing in it changed for an hour (a build takes seconds, a large import minutes).
UNOWNED_AGE = 3600.0
UNREADABLE = "(unreadable)"  # a version's source where its build_info cannot be read
LOCK = ".writer.lock"  # in the versions folder: held by the one writer publishing, with its process id in it

_VERSION = re.compile(r"[^.].*-(\d{8}T\d{12}Z)" + re.escape(SUFFIX))
_BUILDING = re.compile(r"\.(.+" + re.escape(SUFFIX) + r")(?:\.(\d+))?\.building(\.wal|\.tmp)?")


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

    @property
    def readable(self) -> bool:
        return self.source != UNREADABLE


def folder(db: Path) -> Path:
    return db.with_name(db.name + ".versions")


def make_folder(db: Path) -> Path:
    """The versions folder, created readable by its owner only (0700), and an existing one of ours tightened."""
    path = folder(db)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    info = os.stat(path)
    if stat.S_IMODE(info.st_mode) != FOLDER_MODE and info.st_uid == os.getuid():
        os.chmod(path, FOLDER_MODE)
    return path


def new_path(db: Path) -> Path:
    """A fresh, sortable name for the next version: survey-20261127T201500123456Z.duckdb."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return make_folder(db) / f"{db.stem}-{stamp}{SUFFIX}"


def building_path(target: Path) -> Path:
    """The temporary name to write the version `target` under, carrying the writer's process id, so that
    `remove_leftovers` can tell a killed writer's file from one still being written."""
    return target.with_name(f".{target.name}.{os.getpid()}.building")


def seal(path: Path) -> None:
    """Make a finished version file readable and writable by its owner only (0600); never through a link."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise VersionError(f"{path} is not a regular file, so it is not a version")
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def is_version(path: Path) -> bool:
    """A regular file (not a link to one) named like a version."""
    if not _VERSION.fullmatch(path.name):
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def version_paths(db: Path) -> list[Path]:
    """The version files of `db`, oldest first (by the time stamp in their names)."""
    place = folder(db)
    if not place.is_dir():
        return []
    found = [p for p in place.iterdir() if is_version(p)]
    return sorted(found, key=lambda p: (_VERSION.fullmatch(p.name).group(1), p.name))


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
        seal(keep)
        point(db, keep)


def point(db: Path, version: Path) -> None:
    """Publish `version`: a new link beside `db`, renamed over it in one step, and the rename made durable.
    Only a version file in `db`'s versions folder is published, never a link or a file from elsewhere."""
    if version.parent.resolve() != folder(db).resolve() or not is_version(version):
        raise VersionError(f"{version} is not a version file in {folder(db)} (a regular file named like a "
                           "version, not a symbolic link); it cannot be published")
    link = db.with_name(f".{db.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, db.parent), link)
    os.replace(link, db)
    dir_fd = os.open(db.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


_held = threading.local()  # the versions folders this thread holds `writer` of, and how deep (prune inside a publish)


@contextlib.contextmanager
def writer(db: Path, waiting: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Be the one writer of `db`'s versions for the block: an exclusive lock on the folder's LOCK file (flock;
    the system lets go of it when its holder ends, even killed). A second writer, in this process or another,
    waits for the first; `waiting(pid)` is called once before it waits, with the holder's process id when
    known, to say so. A thread that holds it may take it again."""
    if not db.parent.is_dir():
        raise VersionError(f"the folder {db.parent} for the database does not exist")
    place = make_folder(db).resolve()
    held = _held.__dict__.setdefault("depth", {})
    if held.get(place):
        held[place] += 1
        try:
            yield
        finally:
            held[place] -= 1
        return
    fd = os.open(place / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(_holder(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        held[place] = 1
        try:
            yield
        finally:
            held.pop(place, None)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # and with it the lock


def _holder(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def describe(path: Path, published: Path | None) -> Version:
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            built_at, source, n = con.execute("SELECT built_at, source, respondents FROM build_info").fetchone()
            waves = ", ".join(w for (w,) in con.execute("SELECT DISTINCT wave FROM respondents ORDER BY 1").fetchall())
        finally:
            con.close()
    except duckdb.Error:
        built_at, source, n, waves = "?", UNREADABLE, 0, ""
    return Version(path.stem, path, str(built_at), str(source), int(n), waves, path == published)


def listing(db: Path) -> list[Version]:
    """Every version, oldest first, marking the published one (links and other files are not versions)."""
    published = current(db)
    return [describe(p.resolve(), published) for p in version_paths(db)]


def rollback(db: Path, name: str | None = None, waiting: Callable[[int | None], None] | None = None) -> Version:
    """Publish the version `name`, or the one before the published one; never one that cannot be read as a
    survey database (every reader would fail on it)."""
    if not folder(db).is_dir():
        raise VersionError(f"there are no versions of {db} yet; build or import one first")
    with writer(db, waiting):
        chosen = _rollback_choice(db, name)
        if not chosen.readable:
            raise VersionError(f"the version {chosen.name} cannot be read as a survey database, so it is not "
                               "published; the published version stays. Choose another with `versions`")
        point(db, chosen.path)
    return chosen


def _rollback_choice(db: Path, name: str | None) -> Version:
    versions = listing(db)
    if name is not None:
        chosen = next((v for v in versions if v.name == name), None)
        if chosen is None:
            planted = folder(db) / f"{name}{SUFFIX}"
            if planted.is_symlink() or (planted.exists() and not planted.is_file()):
                raise VersionError(f"{planted} is not a version (a symbolic link or not a regular file); "
                                   "only the version files the builds wrote can be published")
            known = ", ".join(v.name for v in versions) or "none"
            raise VersionError(f"there is no version {name!r}; the versions are: {known}")
    else:
        position = next((i for i, v in enumerate(versions) if v.published), None)
        if not position:
            raise VersionError("there is no earlier version to roll back to")
        chosen = versions[position - 1]
    return chosen


def alive(pid: int) -> bool:
    """Whether process `pid` is running (one of another user counts: it may not be signalled, but it runs)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - os.lstat(path).st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return False
    return True


def remove_leftovers(db: Path) -> list[Path]:
    """Remove what writers that no longer run left behind: in the versions folder, temporary version files
    (`.NAME.PID.building`) with DuckDB's `.wal` and `.tmp` beside them, and beside `db` the temporary links
    (`.DBNAME.PID.link`). Those of a running process are kept; so is anything else. A temporary file of the
    old naming without a process id (`.NAME.building`) is removed once its group was untouched for an hour
    (UNOWNED_AGE). Returns the paths removed."""
    removed: list[Path] = []
    place = folder(db)
    groups: dict[tuple[str, str | None], list[Path]] = {}
    if place.is_dir():
        for path in place.iterdir():
            match = _BUILDING.fullmatch(path.name)
            if match:
                groups.setdefault((match.group(1), match.group(2)), []).append(path)
    for (_, pid), paths in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        if pid is not None:
            stale = not alive(int(pid))
        else:
            stale = min(_age(p) for p in paths) > UNOWNED_AGE
        if stale:
            removed += [p for p in sorted(paths) if _remove(p)]
    link = re.compile(re.escape(f".{db.name}.") + r"(\d+)\.link")
    if db.parent.is_dir():
        for path in sorted(db.parent.iterdir()):
            match = link.fullmatch(path.name)
            if match and (path.is_symlink() or path.is_file()) and not alive(int(match.group(1))):
                if _remove(path):
                    removed.append(path)
    return removed


def prune(db: Path, keep: int, waiting: Callable[[int | None], None] | None = None) -> list[Version]:
    """Remove the oldest versions so that at most `keep` remain, besides the published one, which is always
    kept (in addition, when it is older). Only version files are removed. Returns what was removed."""
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise ValueError(f"the number of versions to keep must be a whole number of at least 1, not {keep!r}")
    if not folder(db).is_dir():
        return []
    with writer(db, waiting):
        return _prune(db, keep)


def _prune(db: Path, keep: int) -> list[Version]:
    published = current(db)
    paths = version_paths(db)
    newest = set(paths[-keep:])
    removed = []
    for path in paths:
        if path in newest or path.resolve() == published:
            continue
        gone = describe(path.resolve(), published)
        if _remove(path):
            removed.append(gone)
    return removed


def keep_setting(path: Path = SETTINGS) -> int:
    """How many versions a publish keeps (`keep_versions` in data/versions.yaml; 20 without the file)."""
    if not path.exists():
        return DEFAULT_KEEP
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise ValueError(f"{path} is not valid YAML ({str(err).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path} should hold settings as `name: value` lines, such as keep_versions: 20")
    keep = raw.get("keep_versions", DEFAULT_KEEP)
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise ValueError(f"keep_versions in {path} must be a whole number of at least 1, not {keep!r}")
    return keep
