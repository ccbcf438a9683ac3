"""The files of input folders that are read as articles, and what the walk leaves out: links
to folders (never followed), and the folders kg writes its outputs into, known by the files
it leaves there (its lock, journal or shards manifest), whatever their names."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.errors import InputError, InputWarning
from kg.files import MARKER_NAMES, OUTPUT_NAMES

__all__ = ["FolderWalk", "unfollowable"]


@dataclass
class FolderWalk:
    """Walks the input folders of one build, in name order, and notes what it leaves out,
    to be said once for the whole build (`left_out`)."""

    suffixes: tuple[str, ...]  # of the files read as articles
    folder_links: list[str] = field(default_factory=list)
    output_folders: list[tuple[str, str]] = field(default_factory=list)  # (folder, the mark of kg in it)

    def files(self, folder: str) -> Iterator[str | InputError]:
        """The article files in `folder` and its subfolders, and an InputError for each that
        cannot be reached. In a folder kg writes into, its outputs are not articles; below the
        input, such a folder is not read at all."""
        yield from self._walk(folder, top=True)

    def left_out(self) -> Iterator[InputWarning]:
        """One warning for the links to folders not followed, one for the output folders of kg
        that held files it would have read."""
        if self.folder_links:
            yield InputWarning(self.folder_links[0], "a link to a folder, not followed (kg follows no link "
                                                     f"to a folder; {len(self.folder_links)} in this build)")
        if self.output_folders:
            (folder, mark), count = self.output_folders[0], len(self.output_folders)
            yield InputWarning(folder, f"an output folder of kg (it holds {mark}); its files are not read as "
                                       f"articles ({count} such folder{'s' if count != 1 else ''})")

    def _walk(self, folder: str, top: bool) -> Iterator[str | InputError]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(folder, f"cannot read: {exc.strerror or exc}")
            return
        mark = next((e.name for e in entries if e.name in MARKER_NAMES), None)
        if mark is not None and not top:
            self._left_out_folder(folder, mark, entries)
            return
        for entry in entries:
            if entry.name.startswith(".") or (mark is not None and entry.name in OUTPUT_NAMES):
                continue
            path = os.path.join(folder, entry.name)
            if entry.is_dir(follow_symlinks=False):
                yield from self._walk(path, top=False)
            elif entry.is_symlink():
                yield from self._link(path, self._article_name(entry.name))
            elif entry.is_file(follow_symlinks=False) and self._article_name(entry.name):
                yield path

    def _left_out_folder(self, folder: str, mark: str, entries: list[os.DirEntry]) -> None:
        """Note an output folder of kg left out, if it holds files that would be read besides
        kg's outputs (that is when it matters to the user)."""
        if any(self._article_name(e.name) and e.name not in OUTPUT_NAMES and not e.is_dir(follow_symlinks=False)
               for e in entries):
            self.output_folders.append((folder, mark))

    def _link(self, path: str, article_name: bool) -> Iterator[str | InputError]:
        try:
            target = os.stat(path)
        except OSError:
            if article_name:
                yield InputError(path, unfollowable(path))
            return
        if stat.S_ISDIR(target.st_mode):
            self.folder_links.append(path)
        elif stat.S_ISREG(target.st_mode) and article_name:
            yield path

    def _article_name(self, name: str) -> bool:
        return not name.startswith(".") and os.path.splitext(name)[1].lower() in self.suffixes


def unfollowable(path: str) -> str:
    """Why the link `path` leads to nothing kg can read (a loop, or a missing target)."""
    try:
        os.stat(path)
    except OSError as exc:
        return f"a link that cannot be followed: {exc.strerror or exc}"
    return "a link kg does not follow"
