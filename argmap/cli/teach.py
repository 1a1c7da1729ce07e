"""The teaching commands of the ``argmap`` command line: ``compare``, ``grade`` and ``quiz``.

:func:`register` adds them to the parser that :func:`argmap.cli.app.build_parser`
builds. Exit statuses are the command line's: 0 done, 1 errors in an input
file (the key, a rubric, a roster, a confirmations file, the one student map
compared), 2 bad usage, 3 an environment problem (Graphviz's dot missing for a
drawn map, a file that cannot be read or written).
"""

from __future__ import annotations

import argparse
import json
import os
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
    from argmap.teaching.confirmations import Confirmation
    from argmap.teaching.rubric import Rubric


def _feedback_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hints", type=int, choices=(1, 2, 3), default=1,
        help="how much the student's feedback gives away: 1 a question for each point (default), "
        "2 what differs, 3 and what to write",
    )
    parser.add_argument(
        "--points", type=int, default=3, metavar="N",
        help="at most N points to work on in the student's feedback (default 3; the costliest first)",
    )
    parser.add_argument("--rubric", metavar="TOML", help="the rubric (argmap compare --print-rubric shows the defaults)")


def register(commands: Any) -> None:
    """Add ``compare``, ``grade`` and ``quiz`` to the ``argmap`` subcommands."""
    compare_cmd = commands.add_parser(
        "compare",
        help="compare a student's map with an answer key: differences, score, feedback",
        description="Align the student's claims with the key's (quotes, wording and the place in the map), "
        "report missing, extra and wrong claims and links, score them with a rubric and write feedback "
        "(docs/teaching.md). A map with a syntax error is compared as far as it can be read. Exit 1 when "
        "the key has errors, or the student's map has errors (it is still compared).",
    )
    compare_cmd.add_argument("files", nargs="*", metavar="FILE", help="STUDENT.arg KEY.arg")
    compare_cmd.add_argument(
        "--format", choices=("text", "json", "markdown", "html"), default="text",
        help="text: the feedback, then every difference and the alignment (for the teacher); markdown or "
        "html: the student's feedback alone; json: everything",
    )
    compare_cmd.add_argument(
        "--map", metavar="OUT",
        help="also draw the difference map (.svg, .png, .pdf, .dot; .html: on an A4 page to print)",
    )
    compare_cmd.add_argument(
        "--name", help="the student's name in the key's confirmations file (default: the file's name)"
    )
    compare_cmd.add_argument(
        "--print-rubric", action="store_true", help="print the default rubric as TOML to edit, and stop"
    )
    _feedback_options(compare_cmd)
    compare_cmd.set_defaults(handler=cmd_compare)

    grade_cmd = commands.add_parser(
        "grade",
        help="compare every submission with a key: a class summary, feedback for each student, overviews",
        description="Grade each submission (files, or folders searched to any depth; Moodle's, Canvas's and "
        "Google Classroom's file names are understood, and a later version replaces an earlier one). "
        "Writes OUTDIR/summary.csv, OUTDIR/feedback/STUDENT.md and .html, OUTDIR/feedback-all.html (to "
        "print), OUTDIR/overview.md (for you; also printed), OUTDIR/class.html (no names, to project) and "
        "OUTDIR/to-confirm.toml. Exit 1 only when the key, the rubric, the roster or the confirmations "
        "have errors.",
    )
    grade_cmd.add_argument("key", metavar="KEY", help="the answer key (.arg)")
    grade_cmd.add_argument("submissions", nargs="+", metavar="SUBMISSION", help=".arg files or folders of them")
    grade_cmd.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the folder to write to")
    grade_cmd.add_argument(
        "--roster", metavar="CSV", help="the class list (names, ids, e-mail) as the school system exports it"
    )
    grade_cmd.add_argument(
        "--confirm", metavar="TOML",
        help="your answers to OUTDIR/to-confirm.toml: saved beside the key (KEY.confirm.toml) and used from now on",
    )
    grade_cmd.add_argument(
        "--maps", action="store_true",
        help="also draw each student's difference map (OUTDIR/maps/STUDENT.svg, and .html to print)",
    )
    _feedback_options(grade_cmd)
    grade_cmd.set_defaults(handler=cmd_grade)

    quiz_cmd = commands.add_parser(
        "quiz",
        help="make exercises from a key: a worksheet with the text and a blank map, a kind-of-statement sheet",
        description="Write OUTDIR/worksheet.html (to print: a name line, the text, the claims shuffled and "
        "the blank map), OUTDIR/blank-map.svg (the key's structure, numbered empty boxes), the blank "
        "map's sheet and answers, and a which-kind-of-statement sheet and its answers. The same --seed "
        "gives the same files, byte for byte.",
    )
    quiz_cmd.add_argument("key", metavar="KEY", help="the answer key (.arg)")
    quiz_cmd.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the folder to write to")
    quiz_cmd.add_argument("--seed", type=int, help="the shuffle's seed (default: a random one, printed)")
    quiz_cmd.add_argument("--format", choices=("html", "markdown"), default="html", help="the sheets' format")
    quiz_cmd.add_argument("--no-map", dest="draw", action="store_false", help="skip the blank map's SVG (no dot needed)")
    quiz_cmd.add_argument(
        "--show-kinds", action="store_true",
        help="let the blank map show each box's kind (premise, assumption, objection…); by default it does not",
    )
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


def _load_confirmations(
    path: str, key: ArgumentMap, stderr: TextIO, command: str, missing_ok: bool
) -> tuple[dict[str, dict[str, Confirmation]] | None, int]:
    """A confirmations file (the one beside the key, or a teacher's answers)."""
    from argmap.teaching.confirmations import parse_confirmations
    from argmap.teaching.rubric import CompareError

    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except FileNotFoundError:
        if missing_ok:
            return {}, EXIT_OK
        print(f"argmap {command}: cannot read {path}: there is no such file", file=stderr)
        return None, EXIT_ENVIRONMENT
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is not UTF-8 text"
        print(f"argmap {command}: cannot read {path}: {reason}", file=stderr)
        return None, EXIT_ENVIRONMENT
    try:
        return parse_confirmations(text, path, key), EXIT_OK
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
    import sys

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write_output(path, raw, sys.stdout, stderr, command)


def _make_folder(path: str, stderr: TextIO, command: str) -> bool:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        print(f"argmap {command}: cannot make the folder {path}: {exc.strerror or exc}", file=stderr)
        return False
    return True


def _dot_missing(stderr: TextIO, command: str) -> bool:
    import shutil

    if shutil.which("dot") is not None:
        return False
    print(f"argmap {command}: drawing maps needs Graphviz's dot, which is not on the PATH: "
          "apt-get install graphviz (or run scripts/setup); nothing was written", file=stderr)
    return True


# --- compare --------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap compare STUDENT KEY``"""
    from argmap.teaching.compare import compare
    from argmap.teaching.confirmations import confirmation_path, for_student
    from argmap.teaching.feedback import feedback, report_text
    from argmap.teaching.reading import read_submission
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
        suffix = os.path.splitext(args.map)[1].lower()
        fmt = "html" if suffix in (".html", ".htm") else MAP_SUFFIXES.get(suffix)
        if fmt is None:
            print(f"argmap compare: cannot tell the map's format from '{args.map}': name it .svg, .png, "
                  ".pdf, .dot or .html", file=stderr)
            return EXIT_USAGE
    student_path, key_path = args.files
    key, status = _load_key(key_path, stderr, "compare")
    if key is None:
        return status
    rubric, status = _load_rubric(args.rubric, stderr, "compare")
    if rubric is None:
        return status
    saved, status = _load_confirmations(confirmation_path(key_path), key, stderr, "compare", missing_ok=True)
    if saved is None:
        return status
    reading = read_submission(student_path)
    if reading.report:
        stderr.write(reading.report)
    if reading.map is None:
        return EXIT_ENVIRONMENT if reading.unreadable else EXIT_ERRORS
    exit_status = EXIT_OK
    if reading.report:
        print("argmap compare: the student's map has errors; it is compared as far as it could be read",
              file=stderr)
        exit_status = EXIT_ERRORS
    name = args.name or os.path.splitext(reading.name)[0]
    confirmed = for_student(saved, name, reading.map)
    comparison = compare(reading.map, key, rubric, confirmed=confirmed, partial=reading.summaries())
    if args.format == "json":
        json.dump(comparison.to_json(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif args.format == "markdown":
        stdout.write(feedback(comparison, markdown=True, hints=args.hints, points=args.points))
    elif args.format == "html":
        from argmap.teaching.grade import STATUS_OK, STATUS_PARTIAL, Submission
        from argmap.teaching.html import feedback_page

        status_word = STATUS_PARTIAL if reading.partial else STATUS_OK
        row = Submission(name, "", name, student_path, reading.name, status_word, reading.report, comparison)
        stdout.write(feedback_page(row, hints=args.hints, points=args.points))
    else:
        stdout.write(report_text(comparison, hints=args.hints, points=args.points))
    if args.map is not None and fmt is not None:
        return _compare_map(comparison, args.map, fmt, stderr) or exit_status
    return exit_status


def _compare_map(comparison: Any, output: str, fmt: str, stderr: TextIO) -> int:
    """Draw and write the difference map; an exit status when that fails, else 0."""
    from argmap.teaching.html import MARKS_NOTE, map_page
    from argmap.teaching.maps import difference_map

    union, marks = difference_map(comparison)
    if fmt == "html":
        data = _draw(union, "svg", stderr, "compare", marks=marks, fit="a4", sections=False)
    else:
        data = _draw(union, fmt, stderr, "compare", marks=marks)
    if data is None:
        return EXIT_ENVIRONMENT
    if fmt == "html":
        title = (comparison.key.title or "The map") + ": the map compared with the key"
        data = map_page(title, data, MARKS_NOTE).encode("utf-8")
    return EXIT_OK if _write(output, data, stderr, "compare") else EXIT_ENVIRONMENT


# --- grade ----------------------------------------------------------------------------


def cmd_grade(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap grade KEY SUBMISSIONS... -o OUTDIR``"""
    from argmap.teaching.confirmations import confirmation_path, confirmations_toml, merge
    from argmap.teaching.grade import STATUS_UNREADABLE, grade, overview
    from argmap.teaching.outputs import class_files, write_outputs
    from argmap.teaching.roster import RosterError, load_roster
    from argmap.teaching.submissions import find_files, identify, sort_out

    key, status = _load_key(args.key, stderr, "grade")
    if key is None:
        return status
    rubric, status = _load_rubric(args.rubric, stderr, "grade")
    if rubric is None:
        return status
    roster = None
    if args.roster is not None:
        try:
            roster = load_roster(args.roster)
        except OSError as exc:
            print(f"argmap grade: cannot read the roster {args.roster}: {exc.strerror or exc}", file=stderr)
            return EXIT_ENVIRONMENT
        except RosterError as exc:
            print(f"argmap grade: {exc}", file=stderr)
            return EXIT_ERRORS
    saved_path = confirmation_path(args.key)
    saved, status = _load_confirmations(saved_path, key, stderr, "grade", missing_ok=True)
    if saved is None:
        return status
    new: dict[str, dict[str, Confirmation]] = {}
    if args.confirm is not None:
        answers, status = _load_confirmations(args.confirm, key, stderr, "grade", missing_ok=False)
        if answers is None:
            return status
        new = answers
    skip = [args.key, args.output, saved_path, *([args.confirm] if args.confirm else [])]
    files = [identify(path, shown) for path, shown in find_files(args.submissions, skip)]
    if not files:
        print("argmap grade: no submissions: give .arg files, or folders that hold them", file=stderr)
        return EXIT_USAGE
    if args.maps and _dot_missing(stderr, "grade"):  # before writing anything
        return EXIT_ENVIRONMENT
    handed, missing = sort_out(files, roster)
    using = {**saved, **{student: {**saved.get(student, {}), **claims} for student, claims in new.items()}}
    submissions = grade(key, handed, rubric, confirmations=using, missing=missing)
    maps: dict[str, bytes] = {}
    if args.maps:
        from argmap.teaching.maps import difference_map

        for s in submissions:
            if s.comparison is not None:
                union, marks = difference_map(s.comparison)
                data = _draw(union, "svg", stderr, "grade", marks=marks, fit="a4", sections=False)
                if data is None:
                    return EXIT_ENVIRONMENT
                maps[s.file] = data
    outputs = class_files(submissions, rubric, hints=args.hints, points=args.points, maps=maps)
    try:
        if new:
            graded_maps = {s.name: s.comparison.student for s in submissions if s.comparison is not None}
            from argmap.core.files import write_atomic

            write_atomic(saved_path, confirmations_toml(merge(saved, new, graded_maps)).encode("utf-8"))
        removed = write_outputs(args.output, outputs)
    except OSError as exc:
        print(f"argmap grade: cannot write to {args.output}: {exc.strerror or exc}", file=stderr)
        return EXIT_ENVIRONMENT
    stdout.write(overview(submissions, rubric))
    unreadable = [s for s in submissions if s.status == STATUS_UNREADABLE]
    graded = [s for s in submissions if s.comparison is not None]
    print(
        f"argmap grade: {len(graded)} of {len(handed)} submissions graded"
        + (f", {len(unreadable)} could not be read" if unreadable else "")
        + f"; wrote {args.output}/summary.csv, overview.md, class.html, feedback-all.html and feedback/"
        + (f"; removed {len(removed)} files of an earlier run" if removed else ""),
        file=stderr,
    )
    if new:
        print(f"argmap grade: your confirmations are saved in {saved_path} and used from now on", file=stderr)
    if "to-confirm.toml" in outputs:
        print(f"argmap grade: some matches are unsure: see {args.output}/to-confirm.toml", file=stderr)
    gone = [s for s in unreadable if not os.path.exists(s.path)]
    if gone:
        names = ", ".join(s.shown for s in gone)
        print(f"argmap grade: could not read {names} (a mistyped path?): exit status 3", file=stderr)
        return EXIT_ENVIRONMENT
    return EXIT_OK


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
    markdown = args.format == "markdown"
    svg = printed = None
    if args.draw:
        blank, _ = blank_map(key, kinds=args.show_kinds)
        svg = _draw(blank, "svg", stderr, "quiz", sections=False)
        if svg is None:
            return EXIT_ENVIRONMENT
        if not markdown:  # the worksheet's copy is laid out for A4; its key is in words above it
            printed = _draw(blank, "svg", stderr, "quiz", sections=False, legend=False, fit="a4")
            if printed is None:
                return EXIT_ENVIRONMENT
    suffix = ".md" if markdown else ".html"
    files: dict[str, str | bytes] = {
        "blank-map" + suffix: qz.blank_map_sheet(made, markdown, kinds=args.show_kinds),
        "blank-map-answers" + suffix: qz.blank_map_answers(made, markdown),
        "kinds" + suffix: qz.kinds_sheet(made, markdown),
        "kinds-answers" + suffix: qz.kinds_answers(made, markdown),
    }
    if not markdown:
        text = key.grounding.text if key.grounding is not None else None
        files["worksheet.html"] = qz.worksheet(made, text, printed, kinds=args.show_kinds)
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
