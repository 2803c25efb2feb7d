"""Output directories that never lose a user's file.

A command that writes a directory of results (``finnr build``, ``dse``,
``study``) writes them into a staging directory and moves them into place
when it succeeded. The directory then holds a marker, ``.finnr-build.json``,
listing every file finnr wrote there, and the directories it owns whole
(logs and caches that later commands such as ``finnr synth`` add). So:

- a DIR that does not exist, is empty, or holds only what its marker lists
  (a finnr build) is written: finnr's earlier files are removed and the new
  ones moved in;
- a DIR holding anything else is refused (:func:`prepare`, before any work)
  unless ``force``; even then finnr removes only the files its marker lists,
  and refuses to write over a file it did not write;
- a symbolic link is never finnr's: never followed for deletion, never
  written through, never replaced.

Commands that add files to a build directory (``finnr csim``, ``rtlsim``,
``synth``, ``build --verify``) record them in its marker (:func:`recording`),
as do ``-o`` files written into one (:func:`claim`), so that the next build
replaces them too."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from finnr import __version__
from finnr.diagnostics import FinnrError

MARKER = ".finnr-build.json"
"""The marker file: ``{"written_by": ..., "finnr": version, "files": [...],
"directories": [...]}``, paths relative to the directory, ``/``-separated."""

STAGING = ".finnr-staging-"
"""Prefix of the staging directory inside an existing DIR (a leftover of a
killed run is finnr's and removed by the next one)."""


@dataclass
class Owned:
    """What finnr wrote into a directory, after its marker."""

    files: set[str] = field(default_factory=set)
    trees: set[str] = field(default_factory=set)
    """Directories finnr owns whole (with whatever is inside)."""
    written_by: str = ""

    def dirs(self) -> set[str]:
        """The directories that hold finnr's files and trees."""
        return {str(p) for rel in (*self.files, *self.trees) for p in PurePosixPath(rel).parents if str(p) != "."}

    def owns(self, rel: str) -> bool:
        """Whether ``rel`` is finnr's file or lies in one of finnr's trees."""
        return rel in self.files or any(rel == t or rel.startswith(t + "/") for t in self.trees)


def _display(path: str | Path) -> str:
    """The path as the user gave it; ``.`` and ``..`` spelled out."""
    return str(Path(path).absolute()) if Path(path).name in ("", ".", "..") else str(path)


def _relative_paths(value) -> set[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    paths = {str(PurePosixPath(v)) for v in value}
    if any(p in ("", ".") or p.startswith("/") or ".." in PurePosixPath(p).parts for p in paths):
        return None
    return paths


def read_marker(d: Path) -> Owned | None:
    """What finnr wrote into ``d``; None without a readable marker."""
    p = d / MARKER
    if p.is_symlink() or not p.is_file():
        return None
    try:
        data = json.loads(p.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    files, trees = _relative_paths(data.get("files")), _relative_paths(data.get("directories", []))
    if files is None or trees is None:
        return None
    return Owned(files, trees, str(data.get("written_by", "")))


def _write_marker(d: Path, owned: Owned) -> None:
    text = json.dumps({"written_by": owned.written_by, "finnr": __version__, "files": sorted(owned.files),
                       "directories": sorted(owned.trees)}, indent=1) + "\n"
    tmp = d / f"{MARKER}.tmp"
    tmp.write_text(text)
    os.replace(tmp, d / MARKER)


def _is_marker(d: Path, rel: str) -> bool:
    return rel in (MARKER, f"{MARKER}.tmp") and (d / rel).is_file() and not (d / rel).is_symlink()


DIRS = ("dir", "tree", "staging", "foreign-dir")
"""The kinds of :func:`entries` that are (real) directories."""


def entries(d: Path, owned: Owned) -> Iterator[tuple[str, str]]:
    """(path, kind) of the entries of ``d`` and, inside, of finnr's
    directories, depth first, never through a symbolic link. Kinds:
    ``marker``, ``link`` (always the user's), ``file`` and ``tree``
    (finnr's), ``dir`` (holds finnr's files; walked), ``staging`` (a
    staging directory of finnr's), ``foreign`` and ``foreign-dir``."""
    dirs = owned.dirs()

    def walk(rel: str) -> Iterator[tuple[str, str]]:
        with os.scandir(d / rel) as it:
            found = sorted(it, key=lambda e: e.name)
        for e in found:
            r = f"{rel}/{e.name}" if rel else e.name
            if not rel and _is_marker(d, r):
                kind = "marker"
            elif e.is_symlink():
                kind = "link"
            elif e.is_dir():
                kind = ("tree" if r in owned.trees else "staging" if not rel and e.name.startswith(STAGING)
                        else "dir" if r in dirs else "foreign-dir")
            else:
                kind = "file" if r in owned.files else "foreign"
            yield r, kind
            if kind == "dir":
                yield from walk(r)

    yield from walk("")


def foreign(d: Path, owned: Owned | None) -> list[str]:
    """What ``d`` holds that finnr did not write (directories with a
    trailing ``/``, symbolic links always)."""
    return [r + "/" if kind == "foreign-dir" else r for r, kind in entries(d, owned or Owned())
            if kind in ("link", "foreign", "foreign-dir")]


def _check_free(d: Path, rel: str, owned: Owned) -> None:
    """Refuse to write ``d/rel`` over something finnr did not write: every
    directory on the way must be a real directory (or finnr's, to be
    removed), the path itself absent or finnr's."""
    parts = PurePosixPath(rel).parts
    for i in range(1, len(parts) + 1):
        sub = "/".join(parts[:i])
        p = d / sub
        if not os.path.lexists(p):
            return
        if p.is_symlink():
            break
        last = i == len(parts)
        if owned.owns(sub) and (p.is_file() or sub in owned.trees):
            return  # finnr's: removed before the new files move in
        if not last and p.is_dir():
            continue
        break
    raise FinnrError(f"{d / sub}: exists and finnr did not write it; move it away or choose another "
                     "output directory (finnr never replaces or deletes files it did not write)")


def check_free(d: Path, names: Iterable[str]) -> None:
    """Refuse, before any work, to write any of ``names`` (paths relative
    to ``d``) over something finnr did not write."""
    owned = read_marker(d) or Owned()
    for rel in names:
        _check_free(d, rel, owned)


def prepare(output: str | Path, *, force: bool = False, expected: Iterable[str] = ()) -> Path:
    """Check an output directory before any work: it must not exist, be
    empty, or be a finnr build (or ``force``); the top-level files of
    ``expected`` must not be the user's. Returns its absolute path."""
    out = Path(os.path.abspath(output))
    if out.exists() and not out.is_dir() or out.is_symlink() and not out.exists():
        raise FinnrError(f"{_display(output)}: exists and is not a directory")
    if not out.is_dir():
        return out
    owned = read_marker(out) or Owned()
    try:
        strangers = foreign(out, owned)
    except OSError as e:
        raise FinnrError(f"{_display(output)}: cannot read the output directory ({e.strerror})") from None
    if strangers and not force:
        shown = ", ".join(strangers[:4]) + (f" and {len(strangers) - 4} more" if len(strangers) > 4 else "")
        raise FinnrError(f"{_display(output)} is not empty and not a finnr build; choose another or pass --force",
                         [f"it holds {shown}, which finnr did not write (--force writes beside them and "
                          "never deletes them)"])
    check_free(out, expected)
    return out


def _files(d: Path) -> set[str]:
    """The files under ``d`` (a staging directory), relative."""
    return {str(PurePosixPath(p.relative_to(d))) for p in d.rglob("*") if p.is_file() or p.is_symlink()}


def _remove(d: Path, owned: Owned, keep: Path) -> None:
    """Remove finnr's files and trees from ``d`` (and stale staging
    directories), then the directories of finnr's that this leaves empty;
    never a symbolic link or what it points to."""
    found = list(entries(d, owned))
    for r, kind in found:
        if kind == "file":
            os.unlink(d / r)
        elif kind == "tree" or kind == "staging" and d / r != keep:
            shutil.rmtree(d / r)  # does not follow the symbolic links inside
    for r, kind in reversed(found):  # the deepest first
        if kind == "dir":
            try:
                os.rmdir(d / r)
            except OSError:
                pass  # it holds the user's files


def _merge(src: Path, dst: Path) -> None:
    """Move the tree ``src`` into ``dst``, directory by directory."""
    for e in sorted(os.scandir(src), key=lambda e: e.name):
        target = dst / e.name
        if e.is_dir(follow_symlinks=False) and target.is_dir() and not target.is_symlink():
            _merge(Path(e.path), target)
            os.rmdir(e.path)
            continue
        if os.path.lexists(target):  # appeared while finnr worked
            raise FinnrError(f"{target}: exists and finnr did not write it; move it away and run again")
        os.replace(e.path, target)


def install(staging: Path, out: Path, written_by: str) -> None:
    """Move the staged results into ``out``, replacing finnr's earlier files
    there and nothing else."""
    files = _files(staging)
    if not os.path.lexists(out):
        _write_marker(staging, Owned(files, set(), written_by))
        umask = os.umask(0o22)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # a directory as mkdir makes it, not mkdtemp's private one
        os.replace(staging, out)
        return
    owned = read_marker(out) or Owned()
    for rel in sorted(files):
        _check_free(out, rel, owned)
    # first a marker listing the old and the new files: an interrupted install loses no record
    _write_marker(out, Owned(owned.files | files, owned.trees, written_by))
    _remove(out, owned, keep=staging)
    _merge(staging, out)
    _write_marker(out, Owned(files, set(), written_by))
    if staging.exists():
        staging.rmdir()


class Staging:
    """A staging directory for the results of one command (inside ``out``
    if it exists, else beside it): :meth:`install` moves them into ``out``,
    :meth:`discard` removes them with the parent directories made for them.
    As a context manager, the staging directory's path, installed when the
    block succeeds and discarded when it fails."""

    def __init__(self, out: Path, written_by: str):
        self.out, self.written_by = out, written_by
        self.created = []  # the missing parents of ``out`` made here, removed again on failure
        parent = out.parent
        while not parent.exists():
            self.created.append(parent)
            parent = parent.parent
        try:
            if out.is_dir():
                self.path = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                self.path = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}", dir=out.parent))
        except OSError as e:
            self.discard()
            raise FinnrError(f"{out}: cannot create the output directory ({e.strerror})") from None

    def install(self) -> None:
        try:
            install(self.path, self.out, self.written_by)
        except OSError as e:
            raise FinnrError(f"{self.out}: cannot write the results ({e.strerror}: {e.filename})") from None

    def discard(self) -> None:
        if hasattr(self, "path"):
            shutil.rmtree(self.path, ignore_errors=True)
        for d in self.created:
            try:
                d.rmdir()
            except OSError:
                break

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            try:
                self.install()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


def _listing(d: Path, owned: Owned) -> set[tuple[str, bool]]:
    """(path, is a directory) of ``d``'s entries and of what lies in the
    directories of finnr's there (not in its trees, which it owns whole)."""
    return {(r, kind in DIRS) for r, kind in entries(d, owned) if kind not in ("marker", "link", "staging")}


@contextmanager
def recording(d: Path, written_by: str) -> Iterator[None]:
    """Record in ``d``'s marker what the block adds to the build directory
    ``d`` (new files; new directories as finnr's whole), also when it fails."""
    owned = read_marker(d) or Owned(written_by=written_by)
    before = _listing(d, owned)
    try:
        yield
    finally:
        new = _listing(d, owned) - before
        new_dirs = {r for r, is_dir in new if is_dir}
        top = [(r, is_dir) for r, is_dir in new
               if not any(str(p) in new_dirs for p in PurePosixPath(r).parents)]
        if top:
            owned = read_marker(d) or owned
            owned.files |= {r for r, is_dir in top if not is_dir}
            owned.trees |= {r for r, is_dir in top if is_dir}
            _write_marker(d, owned)


def claim(path: str | Path) -> None:
    """Record a file finnr wrote at the user's request (``-o``) in the
    marker of the directory it lies in, if that is a finnr build."""
    p = Path(path)
    owned = read_marker(p.parent)
    if owned is not None and not p.is_symlink():
        owned.files.add(p.name)
        _write_marker(p.parent, owned)
