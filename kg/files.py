"""Writing output files so that a reader never sees half of one, and a build's outputs so
that they always come from the same build.

A single file is written to a temporary file beside it and renamed over it
(`write_atomic`). A build writes several files into one folder (`OutputFolder`): it
holds a lock on the folder from before its first extraction to its last rename; it
writes every output in full to temporary files; it then records the renames it is about
to make, and the removals of the outputs it no longer writes, in a journal, makes them back
to back with Ctrl-C and SIGTERM held off, and removes the journal. A build killed during
the renames leaves the journal, and the next build into the folder completes them before
anything else, so the outputs in a folder always belong together. Temporary files an
interrupted build left are removed then too.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import signal
import threading
from pathlib import Path

from kg.errors import KGError, shown_path

__all__ = ["OutputError", "OutputBusy", "OutputFolder", "write_atomic", "write_temp", "check_output_file", "recover",
           "LOCK_NAME", "JOURNAL_NAME", "MANIFEST_NAME", "OUTPUT_NAMES", "MARKER_NAMES"]

LOCK_NAME = ".kg-build.lock"
JOURNAL_NAME = ".kg-build.journal"
MANIFEST_NAME = ".kg-shards.json"  # the files a build wrote into its --shards folder
#: Every file a build may write into its output folder.
OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.html")
#: What kg leaves in a folder it writes into, by which it knows one (an output or shards folder).
MARKER_NAMES = (LOCK_NAME, JOURNAL_NAME, MANIFEST_NAME)


class OutputError(KGError):
    """An output path kg cannot write: printed as `PATH: REASON`."""

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{shown_path(self.path)}: {reason}")


class OutputBusy(OutputError):
    """Another build holds the output folder."""


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


@contextlib.contextmanager
def _removed_on_failure(tmp: Path, path: Path):
    """On any failure inside, remove the temporary file `tmp`; an OSError becomes an
    OutputError naming `path`, the file the user asked for."""
    try:
        yield
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(path, f"cannot write: {err.strerror or err}") from None
        raise


def write_temp(path: Path, data: bytes) -> Path:
    """`data` in full, synced, in a new temporary file beside `path`; its path."""
    tmp = _temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise OutputError(path, f"cannot write here: {err.strerror or err}") from None
    with _removed_on_failure(tmp, path), os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `path` with `data` atomically: the bytes go to a temporary file in the same
    folder, which is then renamed over `path`. On any error the temporary file is removed,
    `path` is left as it was, and OutputError (or the interruption) is raised."""
    path = Path(path)
    tmp = write_temp(path, data)
    with _removed_on_failure(tmp, path):
        os.replace(tmp, path)
    return path


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """Raise OutputError unless a file can be written at `path`: its folder exists and takes
    new files, and `path` is not a folder. Checked before any work, so a typo in `-o` does
    not cost a whole run."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(path, "is a folder, not a file")
    folder = path.parent
    if not folder.exists():
        raise OutputError(path, f"its folder {shown_path(folder)} does not exist")
    if not folder.is_dir():
        raise OutputError(path, f"{shown_path(folder)} is not a folder")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(write_temp(path, b""))
    return path


class OutputFolder:
    """The folder a build writes into, held for the build: `with OutputFolder(path) as out:`
    checks (creating it when missing), locks, completes what an interrupted build left;
    `out.stage(name, data)` writes an output to a temporary file; `out.commit()` renames
    every staged file into place together, and removes the outputs among `names` it did not
    stage (left by a build of other options). Leaving without commit removes the temporary
    files, and folders the build created for nothing."""

    def __init__(self, path: str | os.PathLike[str], names: tuple[str, ...]):
        self.path = Path(path)
        self.names = names  # the outputs builds write here, whose leftovers may be removed
        self._lock_fd: int | None = None
        self._created: list[Path] = []
        self._staged: list[tuple[Path, Path]] = []  # (temporary file, final path)
        self.committed = False

    def __enter__(self) -> "OutputFolder":
        self._create()
        try:
            self._lock()
            self._check_outputs()
            recover(self.path, self.names)
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for tmp, _final in self._staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self._staged.clear()
        self._release()

    def stage(self, name: str, data: bytes) -> Path:
        """Write `data` in full to a temporary file for the output `name`; its final path."""
        if name not in self.names:
            raise ValueError(f"{name!r} is not one of this folder's outputs {self.names}")
        final = self.path / name
        self._staged.append((write_temp(final, data), final))
        return final

    def commit(self) -> list[Path]:
        """Rename every staged file into place and remove the outputs no longer written, back
        to back, with Ctrl-C and SIGTERM held until the last; a journal lets the next build
        finish what a kill cut short."""
        staged, self._staged = self._staged, []
        written = {final.name for _tmp, final in staged}
        stale = [name for name in self.names if name not in written and os.path.lexists(self.path / name)]
        journal = self.path / JOURNAL_NAME
        steps = [[tmp.name, final.name] for tmp, final in staged] + [[None, name] for name in stale]
        with _signals_held():
            write_atomic(journal, json.dumps(steps).encode())
            _complete(self.path, steps)
            os.unlink(journal)
        self.committed = True
        return [final for _tmp, final in staged]

    def _check_outputs(self) -> None:
        """Refuse a folder where an output (or the journal) should be: it cannot be replaced."""
        for name in (*self.names, JOURNAL_NAME):
            path = self.path / name
            if path.is_dir() and not path.is_symlink():
                raise OutputError(path, "is a folder, where kg writes a file; move it away or build into "
                                        "another folder")

    def _create(self) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(self.path, "exists and is not a folder")
        missing = []
        for folder in [self.path, *self.path.parents]:
            if folder.exists():
                break
            missing.append(folder)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(self.path, f"cannot create the folder: {err.strerror or err}") from None
        self._created = missing  # deepest first

    def _lock(self) -> None:
        lock = self.path / LOCK_NAME
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as err:
            raise OutputError(self.path, f"cannot write in this folder: {err.strerror or err}") from None
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            self._lock_fd = fd
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise OutputBusy(lock, f"another kg build{who} is writing into {shown_path(self.path)}; "
                                       "run this one when it has finished") from None
            raise OutputError(lock, f"cannot lock: {err.strerror or err}") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._lock_fd = fd

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        if not self.committed:
            for folder in self._created:  # folders this build made, and wrote nothing into
                with contextlib.suppress(OSError):
                    (folder / LOCK_NAME).unlink(missing_ok=True)
                    folder.rmdir()


def recover(folder: str | os.PathLike[str], names: tuple[str, ...]) -> None:
    """Finish the renames and removals of a build that was killed while making them, then
    remove the temporary files of the outputs `names` that interrupted builds left. Call with
    the folder's lock held."""
    folder = Path(folder)
    journal = folder / JOURNAL_NAME
    if journal.exists():
        try:
            steps = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            steps = []
        _complete(folder, steps)
        journal.unlink()
    for name in (*names, JOURNAL_NAME):
        for leftover in folder.glob(f".{name}.*.tmp"):
            if len(leftover.name) == len(name) + 18:  # .NAME.<12 hex digits>.tmp
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _complete(folder: Path, steps: list) -> None:
    """Make a journal's steps that are not done yet: `[temporary file, output]` renames the
    first over the second, `[None, output]` removes the output."""
    for tmp_name, final_name in steps:
        final = folder / Path(final_name).name
        if tmp_name is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(final)
        elif (tmp := folder / Path(tmp_name).name).exists():
            os.replace(tmp, final)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until the block is done (main thread of a POSIX process)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
