"""Which file is whose: submissions as school systems hand them over, resubmissions, a roster.

Folders are searched to any depth for ``.arg`` files (hidden files and folders, and the output
folder, are skipped). Each file's student is read from where it lies and how it is named:

- **Moodle**, "download submissions in folders": ``Full Name_12345_assignsubmission_file_/map.arg``;
  without folders, ``Full Name_12345_assignsubmission_file_map.arg``;
- **Canvas**, "download submissions": ``lastfirst_12345_67890_map.arg``, with ``late_`` before the
  id for a late one and ``-1``, ``-2`` after the file's own name for a resubmission;
- **Google Classroom**: ``Full Name - title.arg``;
- anything else: the file's name (``ben.arg``).

A later version of the same student's file (``ben_2``, ``ben-2``, ``ben (1)``, ``ben v2``, Canvas's
``-1``) replaces the earlier ones, which are listed as superseded. With a roster
(:mod:`~argmap.teaching.roster`), files are matched to students by id, then by name (in any word
order, run together as Canvas writes it, or a first name alone when only one student has it),
then by e-mail; students without a file are listed as missing, files matched to no student as
not on the roster.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

import attrs

from .roster import Student, name_forms, normal

__all__ = ["Found", "Handed", "find_files", "identify", "sort_out"]

_MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_file_$")
_MOODLE_FILE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_file_(?P<file>.+)$")
_CANVAS = re.compile(r"^(?P<name>[a-z][a-z0-9]*)_(?P<late>late_)?(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
_CLASSROOM = re.compile(r"^(?P<name>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){1,3}) - (?P<file>.+)$")
_AGAIN = re.compile(r"^(?P<base>.+?)(?:[ _-]v?(?P<n>\d{1,2})| \((?P<copy>\d{1,2})\))$")


@attrs.frozen
class Found:
    """One submitted file and whose it is, as far as its place and name tell."""

    path: str
    shown: str
    """The path under the folder it was found in (the file as given when it was named directly)."""
    name: str
    """The student's name as the file tells it."""
    ident: str = ""
    """The school system's id of the student, when the name carries one."""
    attempt: int = 1
    """1 for a first version; 2 for ``ben_2``, ``ben (1)`` or Canvas's ``-1``; and so on."""
    system: str = "file"
    """Where the naming comes from: ``moodle``, ``canvas``, ``classroom`` or ``file``."""
    late: bool = False


@attrs.frozen
class Handed:
    """One student's submission to grade."""

    name: str
    """The student's name: the roster's, else the file's."""
    ident: str
    found: Found
    """The file graded (the latest version)."""
    superseded: tuple[Found, ...] = ()
    """Earlier versions, not graded."""
    on_roster: bool | None = None
    """True or False with a roster; None without one."""


def find_files(paths: Iterable[str], skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(path, shown) of every ``.arg`` file: files as given, folders searched to any depth (sorted,
    hidden ones and those in ``skip`` left out). ``shown`` is the path under the folder given."""
    skipped = {os.path.realpath(path) for path in skip}
    found: list[tuple[str, str]] = []
    for path in paths:
        if not os.path.isdir(path):
            if os.path.realpath(path) not in skipped:
                found.append((path, path))
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(
                name for name in folders
                if not name.startswith(".") and name != "__MACOSX"
                and os.path.realpath(os.path.join(folder, name)) not in skipped
            )
            for name in sorted(files):
                full = os.path.join(folder, name)
                if name.endswith(".arg") and not name.startswith(".") and os.path.realpath(full) not in skipped:
                    found.append((full, os.path.relpath(full, path)))
    unique: dict[str, tuple[str, str]] = {}
    for path, shown in found:
        unique.setdefault(os.path.realpath(path), (path, shown))
    return list(unique.values())


def _again(stem: str) -> tuple[str, int]:
    """A file name's stem without a resubmission's number, and the attempt it is."""
    match = _AGAIN.match(stem)
    if match is None:
        return stem, 1
    if match.group("copy") is not None:  # "ben (1)": a browser's or Drive's second copy
        return match.group("base"), int(match.group("copy")) + 1
    number = int(match.group("n"))
    return match.group("base"), number if number >= 2 else number + 1


def identify(path: str, shown: str) -> Found:
    """Whose file this is, from its folder's name and its own."""
    stem = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    moodle = _MOODLE_FOLDER.match(folder)
    if moodle is not None:
        _, attempt = _again(stem)
        return Found(path, shown, moodle.group("name"), moodle.group("id"), attempt, "moodle")
    moodle = _MOODLE_FILE.match(stem)
    if moodle is not None:
        _, attempt = _again(moodle.group("file"))
        return Found(path, shown, moodle.group("name"), moodle.group("id"), attempt, "moodle")
    canvas = _CANVAS.match(stem)
    if canvas is not None:
        _, attempt = _again(canvas.group("file"))
        late = canvas.group("late") is not None
        return Found(path, shown, canvas.group("name"), canvas.group("id"), attempt, "canvas", late)
    classroom = _CLASSROOM.match(stem)
    if classroom is not None:
        _, attempt = _again(classroom.group("file"))
        return Found(path, shown, classroom.group("name"), "", attempt, "classroom")
    base, attempt = _again(stem)
    return Found(path, shown, base or "submission", "", attempt, "file")


def _roster_match(found: Found, roster: Sequence[Student]) -> Student | None:
    """The roster's student a file belongs to, if one can be told."""
    if found.ident:
        by_id = [s for s in roster if s.ident == found.ident]
        if len(by_id) == 1:
            return by_id[0]
    forms = name_forms(found.name) | {normal(found.name).replace(" ", "")}
    named = [s for s in roster if name_forms(s.name) & forms]
    if len(named) == 1:
        return named[0]
    words = normal(found.name).split()
    if len(words) == 1:
        first = [s for s in roster if normal(s.name).split()[:1] == words]
        if len(first) == 1:
            return first[0]
        mailed = [s for s in roster if s.email and normal(s.email.split("@")[0]).replace(" ", "") == words[0]]
        if len(mailed) == 1:
            return mailed[0]
    return None


def sort_out(
    files: Sequence[Found], roster: Sequence[Student] | None = None
) -> tuple[tuple[Handed, ...], tuple[Student, ...]]:
    """The submissions to grade, one per student (the latest version), in the order of the files;
    and the roster's students who handed in nothing."""
    groups: dict[str, list[tuple[Found, Student | None]]] = {}
    for found in files:
        student = _roster_match(found, roster) if roster is not None else None
        if student is not None:
            group = "roster:" + (student.ident or normal(student.name))
        elif found.ident:
            group = f"{found.system}:{found.ident}"
        else:  # without an id, only versions in one folder are one student's (7a/ana.arg is not 7b/ana.arg)
            group = f"name:{os.path.dirname(os.path.abspath(found.path))}:{normal(found.name)}"
        groups.setdefault(group, []).append((found, student))
    handed = []
    for members in groups.values():
        ordered = sorted(members, key=lambda member: (member[0].attempt, member[0].shown))
        latest, student = ordered[-1]
        handed.append(
            Handed(
                name=student.name if student is not None else latest.name,
                ident=student.ident if student is not None else latest.ident,
                found=latest,
                superseded=tuple(member[0] for member in ordered[:-1]),
                on_roster=None if roster is None else student is not None,
            )
        )
    position = {found.path: n for n, found in enumerate(files)}
    handed.sort(key=lambda h: min([position[h.found.path], *(position[f.path] for f in h.superseded)]))
    present = {student for members in groups.values() for _, student in members if student is not None}
    missing = tuple(s for s in roster or () if s not in present)
    return tuple(handed), missing
