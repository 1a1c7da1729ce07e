"""The teaching commands of the ``argmap`` command line: ``compare``, ``grade`` and ``quiz``.

:func:`register` adds them to the parser that :func:`argmap.cli.app.build_parser`
builds. Exit statuses are the command line's: 0 done, 1 errors in an input
file (the key, a rubric, the one student map compared), 2 bad usage, 3 an
environment problem (Graphviz's dot missing for a drawn map, a file that
cannot be read or written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from argmap.analysis.check import check_file

from .common import (
    EXIT_ENVIRONMENT,
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    MAP_SUFFIXES,
    dot_warnings_printed,
    print_report,
    write_output,
)

if TYPE_CHECKING:
    from argmap.analysis.argument_map import ArgumentMap
    from argmap.teaching.rubric import Rubric


def register(commands: Any) -> None:
    """Add ``compare``, ``grade`` and ``quiz`` to the ``argmap`` subcommands."""
    compare_cmd = commands.add_parser(
        "compare",
        help="compare a student's map with an answer key: differences, score, feedback",
        description="Align the student's claims with the key's (by id, by quote, by wording), report "
        "missing, extra and wrong claims and links, score them with a rubric and write feedback "
        "(docs/teaching.md). Exit 1 when the key has errors or the student's map cannot be read.",
    )
    compare_cmd.add_argument("files", nargs="*", metavar="FILE", help="STUDENT.arg KEY.arg")
    compare_cmd.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text",
        help="text: feedback then the alignment (for the teacher); markdown: the feedback alone; json: everything",
    )
    compare_cmd.add_argument("--rubric", metavar="TOML", help="the rubric's points and thresholds (see --print-rubric)")
    compare_cmd.add_argument(
        "--map", metavar="OUT",
        help="also draw the difference map: missing, extra and wrong links and claims marked (.svg, .png, .pdf, .dot)",
    )
    compare_cmd.add_argument(
        "--print-rubric", action="store_true", help="print the default rubric as TOML to edit, and stop"
    )
    compare_cmd.set_defaults(handler=cmd_compare)

    grade_cmd = commands.add_parser(
        "grade",
        help="compare every submission with a key: a class summary and a feedback file each",
        description="Compare each submission (files, or folders of .arg files) with the key. Writes "
        "OUTDIR/summary.csv (one row per student), OUTDIR/feedback/STUDENT.md and OUTDIR/overview.md, "
        "and prints the overview. A submission that cannot be read gets a row that says so and its "
        "syntax error in its feedback. Exit 1 only when the key or the rubric has errors.",
    )
    grade_cmd.add_argument("key", metavar="KEY", help="the answer key (.arg)")
    grade_cmd.add_argument("submissions", nargs="+", metavar="SUBMISSION", help=".arg files or folders of them")
    grade_cmd.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the folder to write to")
    grade_cmd.add_argument("--rubric", metavar="TOML", help="the rubric (argmap compare --print-rubric shows the defaults)")
    grade_cmd.add_argument(
        "--maps", action="store_true", help="also draw each student's difference map as OUTDIR/maps/STUDENT.svg"
    )
    grade_cmd.set_defaults(handler=cmd_grade)

    quiz_cmd = commands.add_parser(
        "quiz",
        help="make exercises from a key: a blank map to fill in, a which-kind-of-statement sheet",
        description="Write OUTDIR/blank-map.svg (the key's structure, numbered empty boxes), the blank "
        "map's worksheet (the claims, shuffled) and answers, and a which-kind-of-statement sheet and "
        "its answers. The same --seed gives the same files, byte for byte.",
    )
    quiz_cmd.add_argument("key", metavar="KEY", help="the answer key (.arg)")
    quiz_cmd.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the folder to write to")
    quiz_cmd.add_argument("--seed", type=int, help="the shuffle's seed (default: a random one, printed)")
    quiz_cmd.add_argument("--format", choices=("html", "markdown"), default="html", help="the worksheets' format")
    quiz_cmd.add_argument("--no-map", dest="draw", action="store_false", help="skip the blank map's SVG (no dot needed)")
    quiz_cmd.set_defaults(handler=cmd_quiz)


# --- shared -------------------------------------------------------------------------


def _load_key(path: str, stderr: TextIO, command: str) -> tuple[ArgumentMap | None, int]:
    """The key, resolved; or None and the exit status after reporting its errors."""
    from argmap.teaching.compare import key_problems

    result = check_file(path)
    if result.unreadable:
        print_report([result], stderr, quiet=True)
        return None, EXIT_ENVIRONMENT
    if result.map is None or not result.map.ok:
        print_report([result], stderr, quiet=True)
        print(f"argmap {command}: the key {path} has errors: fix them first (argmap check {path})", file=stderr)
        return None, EXIT_ERRORS
    problems = key_problems(result.map)
    if problems:
        for problem in problems:
            print(problem, file=stderr)
        print(f"argmap {command}: the key {path} cannot be used as a key", file=stderr)
        return None, EXIT_ERRORS
    return result.map, EXIT_OK


def _load_rubric(path: str | None, stderr: TextIO, command: str) -> tuple[Rubric | None, int]:
    from argmap.teaching.rubric import CompareError, Rubric, load_rubric

    if path is None:
        return Rubric(), EXIT_OK
    try:
        return load_rubric(path), EXIT_OK
    except OSError as exc:
        print(f"argmap {command}: cannot read the rubric {path}: {exc.strerror or exc}", file=stderr)
        return None, EXIT_ENVIRONMENT
    except CompareError as exc:
        print(f"argmap {command}: {exc}", file=stderr)
        return None, EXIT_ERRORS


def _draw(amap: ArgumentMap, fmt: str, stderr: TextIO, command: str, **options: Any) -> bytes | None:
    """Render through argmap.drawing; None (reported) when dot is missing or fails."""
    from argmap import drawing as rd

    try:
        with dot_warnings_printed(command, stderr):
            return rd.render(amap, fmt, **options)
    except rd.RenderError as exc:
        hint = " (the worksheets need no dot: give --no-map)" if command == "quiz" else ""
        print(f"argmap {command}: {exc}{hint}", file=stderr)
        return None


def _write(path: str, data: str | bytes, stderr: TextIO, command: str) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write_output(path, raw, sys.stdout, stderr, command)


def _make_folder(path: str, stderr: TextIO, command: str) -> bool:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        print(f"argmap {command}: cannot make the folder {path}: {exc.strerror or exc}", file=stderr)
        return False
    return True


# --- compare --------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap compare STUDENT KEY``"""
    from argmap.teaching.compare import compare
    from argmap.teaching.feedback import feedback, report_text
    from argmap.teaching.maps import difference_map
    from argmap.teaching.rubric import rubric_toml

    if args.print_rubric:
        stdout.write(rubric_toml())
        return EXIT_OK
    if len(args.files) != 2:
        print("argmap compare: give the student's map and then the key: argmap compare STUDENT.arg KEY.arg",
              file=stderr)
        return EXIT_USAGE
    fmt = None
    if args.map is not None:
        fmt = MAP_SUFFIXES.get(os.path.splitext(args.map)[1].lower())
        if fmt is None:
            print(f"argmap compare: cannot tell the map's format from '{args.map}': name it .svg, .png, "
                  ".pdf or .dot", file=stderr)
            return EXIT_USAGE
    student_path, key_path = args.files
    key, status = _load_key(key_path, stderr, "compare")
    if key is None:
        return status
    rubric, status = _load_rubric(args.rubric, stderr, "compare")
    if rubric is None:
        return status
    result = check_file(student_path)
    if result.map is None:
        print_report([result], stderr, quiet=True)
        return EXIT_ENVIRONMENT if result.unreadable else EXIT_ERRORS
    exit_status = EXIT_OK
    if not result.map.ok:
        print_report([result], stderr, quiet=True)
        print("argmap compare: the student's map has errors; it is compared as far as it could be read",
              file=stderr)
        exit_status = EXIT_ERRORS
    comparison = compare(result.map, key, rubric)
    if args.format == "json":
        json.dump(comparison.to_json(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif args.format == "markdown":
        from argmap.teaching.quiz import escape_markdown

        stdout.write(feedback(comparison, markdown=True, escape=escape_markdown))
    else:
        stdout.write(report_text(comparison))
    if args.map is not None and fmt is not None:
        union, marks = difference_map(comparison)
        data = _draw(union, fmt, stderr, "compare", marks=marks)
        if data is None:
            return EXIT_ENVIRONMENT
        if not _write(args.map, data, stderr, "compare"):
            return EXIT_ENVIRONMENT
    return exit_status


# --- grade ----------------------------------------------------------------------------


def cmd_grade(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap grade KEY SUBMISSIONS... -o OUTDIR``"""

    from argmap.teaching.grade import expand, feedback_markdown, grade, overview, summary_csv
    from argmap.teaching.maps import difference_map

    key, status = _load_key(args.key, stderr, "grade")
    if key is None:
        return status
    rubric, status = _load_rubric(args.rubric, stderr, "grade")
    if rubric is None:
        return status
    paths = expand(args.submissions, args.key)
    if not paths:
        print("argmap grade: no submissions: give .arg files, or folders that hold them", file=stderr)
        return EXIT_USAGE
    if args.maps:
        import shutil

        if shutil.which("dot") is None:  # check before writing anything: a folder is whole or absent
            print("argmap grade: --maps needs Graphviz's dot, which is not on the PATH: "
                  "apt-get install graphviz (or run scripts/setup); nothing was written", file=stderr)
            return EXIT_ENVIRONMENT
    submissions = grade(key, paths, rubric)
    out = args.output
    folders = [out, os.path.join(out, "feedback")] + ([os.path.join(out, "maps")] if args.maps else [])
    if not all(_make_folder(folder, stderr, "grade") for folder in folders):
        return EXIT_ENVIRONMENT
    written = _write(os.path.join(out, "summary.csv"), summary_csv(submissions, rubric), stderr, "grade")
    for submission in submissions:
        path = os.path.join(out, "feedback", submission.name + ".md")
        written = _write(path, feedback_markdown(submission), stderr, "grade") and written
        if args.maps and submission.comparison is not None:
            union, marks = difference_map(submission.comparison)
            data = _draw(union, "svg", stderr, "grade", marks=marks)
            if data is None:
                return EXIT_ENVIRONMENT
            written = _write(os.path.join(out, "maps", submission.name + ".svg"), data, stderr, "grade") and written
    text = overview(submissions, rubric)
    written = _write(os.path.join(out, "overview.md"), text, stderr, "grade") and written
    stdout.write(text)
    broken = [s for s in submissions if s.comparison is None]
    print(
        f"argmap grade: {len(submissions)} submissions graded, {len(broken)} could not be read; "
        f"wrote {out}/summary.csv, {out}/overview.md and {len(submissions)} feedback files",
        file=stderr,
    )
    missing = [s for s in submissions if s.status == "unreadable"]
    if missing:
        names = ", ".join(s.name for s in missing)
        print(f"argmap grade: could not read {names} (a mistyped path?): exit status 3", file=stderr)
    return EXIT_OK if written and not missing else EXIT_ENVIRONMENT


# --- quiz -----------------------------------------------------------------------------


def cmd_quiz(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap quiz KEY -o OUTDIR [--seed N]``"""
    from argmap.teaching import quiz as qz
    from argmap.teaching.maps import blank_map

    key, status = _load_key(args.key, stderr, "quiz")
    if key is None:
        return status
    seed = args.seed
    if seed is None:
        import random

        seed = random.SystemRandom().randrange(100000)
        print(f"argmap quiz: seed {seed} (give --seed {seed} to make the same sheets again)", file=stderr)
    made = qz.make_quiz(key, seed)
    svg = None
    if args.draw:
        blank, _ = blank_map(key)
        svg = _draw(blank, "svg", stderr, "quiz", sections=False)
        if svg is None:
            return EXIT_ENVIRONMENT
    markdown = args.format == "markdown"
    suffix = ".md" if markdown else ".html"
    files: dict[str, str | bytes] = {
        "blank-map" + suffix: qz.blank_map_sheet(made, markdown),
        "blank-map-answers" + suffix: qz.blank_map_answers(made, markdown),
        "kinds" + suffix: qz.kinds_sheet(made, markdown),
        "kinds-answers" + suffix: qz.kinds_answers(made, markdown),
    }
    if svg is not None:
        files["blank-map.svg"] = svg
    if not _make_folder(args.output, stderr, "quiz"):
        return EXIT_ENVIRONMENT
    for name, data in files.items():
        if not _write(os.path.join(args.output, name), data, stderr, "quiz"):
            return EXIT_ENVIRONMENT
    if not made.kinds:
        print("argmap quiz: no claim of the key has a kind: fact, interpretation, value, policy or "
              "prediction, so the kind sheet is empty", file=stderr)
    print(f"argmap quiz: wrote {', '.join(sorted(files))} to {args.output}", file=stderr)
    return EXIT_OK
