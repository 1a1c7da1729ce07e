"""``argmap render FILE``: draw the map as SVG, PNG, PDF or DOT (``--watch``: again on each save)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from argmap.analysis.check import check_file

from .common import (
    EXIT_ENVIRONMENT,
    EXIT_OK,
    EXIT_USAGE,
    MAP_SUFFIXES,
    add_direction_option,
    dot_warnings_printed,
    not_drawable,
    write_output,
)
from .evaluate import add_evaluation_options, marks_for

__all__ = ["cmd_render", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``render`` command to the ``argmap`` sub-command parsers."""
    render = commands.add_parser(
        "render",
        help="draw the map of an .arg file as SVG, PNG, PDF or DOT",
        description="Draw the argument map with Graphviz (docs/rendering.md explains the picture). "
        "A file with errors is not drawn: its diagnostics are printed as 'argmap check' prints them "
        "(exit 1). Exit 3 when Graphviz's dot is missing or fails, or the output cannot be written.",
    )
    render.add_argument("file", metavar="FILE", help="the .arg file; - reads standard input")
    render.add_argument(
        "-o", "--output", metavar="OUT",
        help="where to write: .svg, .png, .pdf or .dot sets the format; - is standard output "
        "(default: FILE with the format's suffix)",
    )
    render.add_argument("--format", choices=("svg", "png", "pdf", "dot"), help="output format (default: from OUT)")
    add_direction_option(render)
    render.add_argument(
        "--fit", choices=("screen", "a4", "a3"),
        help="the medium the whole map is seen on: chooses direction and box width for it and scales "
        "the drawing to a 1,400 x 900 screen or the sheet (10 mm margins, turned as fits best); "
        "says so when its text would be too small to read there",
    )
    render.add_argument(
        "--theme", choices=("default", "print"), default="default",
        help="default: colour-blind-safe colours; print: black and white, line styles only",
    )
    render.add_argument("--no-legend", dest="legend", action="store_false", help="leave out the key")
    render.add_argument(
        "--sections", action=argparse.BooleanOptionalAction, default=None,
        help="frame each section (default: yes, unless the map is large and most links cross sections)",
    )
    render.add_argument("--focus", metavar="ID", help="draw only the claims around this claim")
    render.add_argument(
        "--depth", type=int, metavar="N",
        help="with --focus: how many links away from it to draw (default 2); alone: from the main conclusion",
    )
    render.add_argument(
        "--evaluate", action="store_true",
        help="mark every box with whether it stands under your verdicts (in, out, undecided) and "
        "its strength, as 'argmap evaluate' works them out; with --assume and --semantics",
    )
    add_evaluation_options(render)
    render.add_argument(
        "--atlas", metavar="FOLDER",
        help="draw a big map as an atlas in FOLDER: index.html, an overview with a box per part (section) "
        "and a page for each part, linked both ways (SVG); for maps too big to read, or draw, as one picture",
    )
    render.add_argument(
        "--watch", action="store_true",
        help="keep running and draw again whenever FILE changes; errors are reported, not fatal",
    )
    render.set_defaults(handler=cmd_render)


def cmd_render(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap render FILE``: draw the map as SVG, PNG, PDF or DOT (``--watch``: again on each save)."""
    import os
    import time

    from argmap import drawing as rd

    output = args.output
    fmt = args.format or MAP_SUFFIXES.get(os.path.splitext(output)[1].lower() if output else ".svg")
    if output == "-" and not args.format:
        fmt = "svg"
    if fmt is None:
        print(f"argmap render: cannot tell the format from '{output}': name it .svg, .png, .pdf "
              "or .dot, or give --format", file=stderr)
        return EXIT_USAGE
    if output is None:
        output = "-" if args.file == "-" else os.path.splitext(args.file)[0] + "." + fmt
    if args.watch and "-" in (args.file, output):
        print("argmap render: --watch needs a file to read and a file to write, not -", file=stderr)
        return EXIT_USAGE

    if args.atlas is not None:
        clash = [name for name, value in (("-o", args.output), ("--format", args.format), ("--focus", args.focus),
                 ("--depth", args.depth), ("--fit", args.fit), ("--evaluate", args.evaluate or None)) if value is not None]
        if clash:
            print(f"argmap render: --atlas writes a folder of SVG pages: it does not go with {', '.join(clash)}", file=stderr)
            return EXIT_USAGE

    def once() -> int:
        result = check_file(args.file)
        status = not_drawable(result, "render", stderr)
        if status is not None:
            return status
        assert result.map is not None
        if args.atlas is not None:
            return _atlas(result.map, args, stderr)
        marks = marks_for(result.map, args, "render", args.theme, stderr)
        if isinstance(marks, int):
            return marks
        try:
            with dot_warnings_printed("render", stderr):
                data = rd.render(
                    result.map, fmt, direction=args.direction, theme=args.theme, legend=args.legend,
                    focus=args.focus, depth=args.depth, sections=args.sections, fit=args.fit,
                    marks=marks,
                )
        except rd.FocusError as exc:
            print(f"argmap render: {exc}", file=stderr)
            return EXIT_USAGE
        except rd.RenderError as exc:
            print(f"argmap render: {exc}", file=stderr)
            return EXIT_ENVIRONMENT
        if not write_output(output, data, stdout, stderr, "render"):
            return EXIT_ENVIRONMENT
        if args.watch:
            print(f"argmap render: wrote {output}", file=stderr)
        return EXIT_OK

    def stamp() -> tuple[int, int] | None:
        try:
            info = os.stat(args.file)
        except OSError:
            return None  # mid-save (some editors replace the file): look again soon
        return info.st_mtime_ns, info.st_size

    status = once()
    if not args.watch or status == EXIT_ENVIRONMENT:
        return status
    print(f"argmap render: watching {args.file} for changes (Ctrl-C to stop)", file=stderr)
    import gc

    gc.enable()  # a long-running process: collect what each redraw leaves behind
    seen = stamp()
    try:
        while True:
            time.sleep(0.5)
            now = stamp()
            if now is not None and now != seen:
                seen = now
                once()
    except KeyboardInterrupt:
        return EXIT_OK


def _atlas(amap: Any, args: argparse.Namespace, stderr: TextIO) -> int:
    """``render --atlas FOLDER``: the overview and a page per part, written whole or not at all."""
    from argmap import drawing as rd

    try:
        with dot_warnings_printed("render", stderr):
            atlas = rd.render_atlas(amap, args.atlas, direction=args.direction, theme=args.theme, legend=args.legend)
    except rd.RenderError as exc:
        print(f"argmap render: {exc}", file=stderr)
        return EXIT_ENVIRONMENT
    except OSError as exc:
        print(f"argmap render: cannot write {args.atlas}: {exc.strerror or exc}", file=stderr)
        return EXIT_ENVIRONMENT
    print(
        f"argmap render: wrote {args.atlas}/index.html, an overview and {len(atlas.pages)} "
        f"page{'' if len(atlas.pages) == 1 else 's'} ({len(amap.claims)} claim{'' if len(amap.claims) == 1 else 's'})",
        file=stderr,
    )
    return EXIT_OK

