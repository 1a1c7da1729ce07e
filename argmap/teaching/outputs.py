"""The files ``argmap grade`` writes, and writing them: each file whole, and nothing stale left.

The output folder holds what the run made and nothing from an earlier run: the names of the files
a run writes are kept in ``OUTDIR/.argmap-grade``, and the next run deletes those it does not write
again (a student who left the class, a feedback file under an old name). Files argmap did not
write are never touched.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence

from argmap.core.files import write_atomic

from .confirmations import to_confirm_toml
from .feedback import DEFAULT_HINTS, DEFAULT_POINTS
from .grade import Submission, feedback_markdown, overview, summary_csv
from .html import MARKS_NOTE, class_page, feedback_page, map_page, print_pages
from .rubric import Rubric

__all__ = ["MANIFEST", "class_files", "write_outputs"]

MANIFEST = ".argmap-grade"
"""The list of files the last run wrote, in the output folder."""


def class_files(
    submissions: Sequence[Submission],
    rubric: Rubric,
    *,
    hints: int = DEFAULT_HINTS,
    points: int = DEFAULT_POINTS,
    maps: Mapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every file of a graded class, by its path in the output folder: ``summary.csv``,
    ``overview.md`` (the teacher's), ``class.html`` (anonymous, to project), ``feedback/FILE.md``
    and ``.html`` for each student, ``feedback-all.html`` (every student's feedback, a page each, to
    print), ``to-confirm.toml`` when some matches are unsure, and ``maps/FILE.svg`` and ``.html``
    for each difference map in ``maps`` (by the student's file name)."""
    files: dict[str, bytes] = {
        "summary.csv": summary_csv(submissions, rubric).encode("utf-8"),
        "overview.md": overview(submissions, rubric).encode("utf-8"),
        "class.html": class_page(submissions, rubric).encode("utf-8"),
        "feedback-all.html": print_pages(submissions, hints=hints, points=points).encode("utf-8"),
    }
    for s in submissions:
        if s.path:
            files[f"feedback/{s.file}.md"] = feedback_markdown(s, hints=hints, points=points).encode("utf-8")
            files[f"feedback/{s.file}.html"] = feedback_page(s, hints=hints, points=points).encode("utf-8")
    for s in submissions:
        svg = (maps or {}).get(s.file)
        if svg is not None:
            files[f"maps/{s.file}.svg"] = svg
            title = f"{s.name}: the map compared with the key"
            files[f"maps/{s.file}.html"] = map_page(title, svg, MARKS_NOTE).encode("utf-8")
    graded = {s.name: s.comparison for s in submissions if s.comparison is not None}
    listed = to_confirm_toml(graded)
    if "\n[" in listed:  # someone has something to confirm
        files["to-confirm.toml"] = listed.encode("utf-8")
    return files


def _previous(folder: str) -> list[str]:
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip()]
    except (OSError, UnicodeDecodeError):
        return []


def write_outputs(folder: str, files: Mapping[str, bytes]) -> tuple[str, ...]:
    """Write each file (path in the folder → bytes) whole, then delete the files the previous run
    wrote and this one did not, and record this run's files. Returns the files deleted. Raises
    OSError when something cannot be written (what was written so far stays)."""
    stale = [name for name in _previous(folder) if name not in files and ".." not in name.split("/")]
    for name, data in files.items():
        target = os.path.join(folder, *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomic(target, data)
    removed = []
    for name in stale:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(folder, *name.split("/")))
            removed.append(name)
    write_atomic(os.path.join(folder, MANIFEST), "".join(f"{name}\n" for name in sorted(files)).encode("utf-8"))
    return tuple(removed)
