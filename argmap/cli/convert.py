"""``argmap convert IN -o OUT``: maps in and out of other formats (docs/formats.md).

Importing (AIF, OVA, Argdown's JSON, Kialo, microtexts, argmap JSON → ``.arg``)
writes the map in canonical layout, and the source text beside it when the
input carries one, then checks what it wrote. Exporting (``.arg`` → argmap
JSON, AIF, Argdown, GraphML) needs a map without errors. Between two other
formats the map goes through ``.arg``. What a format cannot express is printed
as ``IN: warning: … (node 12)``.

Exit statuses: 0 written (warnings or not), 1 the input is malformed or has
errors, 2 bad usage, 3 a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any, TextIO

from .common import (
    EXIT_ENVIRONMENT,
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    add_source_option,
    print_report,
    write_output,
)

if TYPE_CHECKING:
    from argmap.analysis.argument_map import ArgumentMap
    from argmap.formats import Conversion, Format

__all__ = ["cmd_convert", "register"]

_NAMES = ("arg", "json", "aif", "argdown", "kialo", "microtexts", "graphml")
_SUFFIX = {"arg": ".arg", "json": ".json", "aif": ".aif.json", "argdown": ".argdown", "graphml": ".graphml"}


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``convert`` command to the ``argmap`` sub-command parsers."""
    parser = commands.add_parser(
        "convert",
        help="convert a map to or from AIF, Argdown, Kialo, microtexts, argmap JSON or GraphML",
        description="Convert a map between formats; docs/formats.md says what each keeps. Reads .arg, "
        "argmap JSON, AIF/OVA JSON, Argdown's JSON export, Kialo's text export and microtexts XML; writes "
        ".arg, argmap JSON (.json), AIF (.aif.json), Argdown (.argdown) and GraphML (.graphml). An imported "
        "map is written with its source text beside it when the input has one, and checked. What the "
        "other format cannot express is printed as a warning naming the node. Exit 0 when written, "
        "1 when the input is malformed or has errors, 3 when a file cannot be read or written.",
    )
    parser.add_argument("input", metavar="IN", help="the file to convert; - reads standard input (needs --from)")
    parser.add_argument(
        "-o", "--output", metavar="OUT",
        help="where to write; its suffix sets the format (.arg, .json, .aif.json, .argdown, .graphml); "
        "- is standard output (default: IN with the suffix of --to)",
    )
    parser.add_argument("--from", dest="source_format", choices=_NAMES, metavar="FORMAT",
                        help="the format of IN (default: from its name and contents): " + ", ".join(_NAMES))
    parser.add_argument("--to", dest="target_format", choices=_NAMES, metavar="FORMAT",
                        help="the format to write (default: from OUT's suffix)")
    add_source_option(parser)
    parser.set_defaults(handler=cmd_convert)


def cmd_convert(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap convert IN -o OUT``"""
    from argmap.formats import Format, format_of

    source, output = args.input, args.output

    def usage(message: str) -> int:
        print(f"argmap convert: {message}", file=stderr)
        return EXIT_USAGE

    if args.target_format is not None:
        target = Format(args.target_format)
    elif output is not None and output != "-":
        found = format_of(output, output=True)
        if found is None:
            return usage(f"cannot tell the format from '{output}': name it .arg, .json, .aif.json, .argdown "
                         "or .graphml, or give --to")
        target = found
    else:
        return usage("give -o OUT (its suffix sets the format) or --to FORMAT")
    if not target.writable:
        return usage(f"argmap reads {target.value} files but does not write them")
    if output is None:
        output = "-" if source == "-" else _stem(source) + _SUFFIX[target.value]
    named = Format(args.source_format) if args.source_format else None
    if named is None and source == "-":
        return usage("reading standard input needs --from FORMAT")
    origin = named or format_of(source, output=False)  # None: a .json, told by its contents
    if origin is not None and not origin.readable:
        return usage(f"argmap writes {origin.value} files but does not read them")
    if origin is Format.ARG and target is Format.ARG:
        return usage("both sides are .arg: there is nothing to convert")
    if output != "-" and source != "-" and os.path.abspath(output) == os.path.abspath(source):
        return usage("OUT is IN: choose another output file")
    if origin is Format.ARG:
        return _export_file(args, source, output, target, stdout, stderr)
    return _import(args, source, output, named, target, stdout, stderr)


def _stem(path: str) -> str:
    """The path without its format's suffix (``map`` for ``map.aif.json``)."""
    lower = path.lower()
    for double in (".aif.json", ".argmap.json"):
        if lower.endswith(double):
            return path[: -len(double)]
    return os.path.splitext(path)[0]


def _counts(amap: ArgumentMap) -> str:
    from argmap.analysis.check import plural

    return f"{plural(len(amap.claims), 'claim')}, {plural(len(amap.inferences), 'inference')}"


def _export(amap: ArgumentMap, output: str, target: Format, stdout: TextIO, stderr: TextIO) -> int:
    """Write a checked map in the target format."""
    from argmap.formats import write

    if not write_output(output, write(amap, target).encode("utf-8"), stdout, stderr, "convert"):
        return EXIT_ENVIRONMENT
    if output != "-":
        print(f"argmap convert: wrote {output} ({_counts(amap)})", file=stderr)
    return EXIT_OK


def _export_file(
    args: argparse.Namespace, source: str, output: str, target: Format, stdout: TextIO, stderr: TextIO
) -> int:
    """An .arg file to another format: checked first, as render does; errors are printed, not exported."""
    from argmap.analysis.check import check_file

    from .common import not_drawable

    result = check_file(source, allow_outside_source=args.allow_outside_source)
    status = not_drawable(result, "convert", stderr)
    if status is not None:
        return status
    assert result.map is not None
    return _export(result.map, output, target, stdout, stderr)


def _import(
    args: argparse.Namespace,
    source: str,
    output: str,
    origin: Format | None,
    target: Format,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Another format in: to .arg (written and checked), or through .arg to another format."""
    import argmap
    from argmap import formats
    from argmap.analysis.check import FileResult, read_source

    try:
        if source == "-":
            assert origin is not None  # --from is required for standard input
            name, data = read_source(source)
            conversion = formats.read_data(data, name, origin)
        else:
            name = source
            conversion = formats.read(source, origin)
    except formats.FormatError as exc:
        print(f"argmap convert: {exc}", file=stderr)
        return EXIT_ERRORS
    except OSError as exc:
        print(f"argmap convert: cannot read {source}: {exc.strerror or exc}", file=stderr)
        return EXIT_ENVIRONMENT
    for warning in conversion.warnings:
        print(f"{name}: warning: {warning}", file=stderr)
    if target is formats.Format.ARG:
        return _write_imported(args, conversion, output, stdout, stderr)
    amap = argmap.resolve(argmap.parse(conversion.text, name), check_source=False)
    if not amap.ok:  # only a hand-written argmap JSON gets here: importers make maps without errors
        print_report([FileResult(name, conversion.text, amap.diagnostics, amap)], stderr, quiet=True)
        return EXIT_ERRORS
    return _export(amap, output, target, stdout, stderr)


def _write_imported(
    args: argparse.Namespace, conversion: Conversion, output: str, stdout: TextIO, stderr: TextIO
) -> int:
    """Write an imported map (and its source text beside it), then check what was written."""
    from argmap.analysis.check import check_file, plural
    from argmap.core.diagnostics import Severity
    from argmap.core.files import write_atomic
    from argmap.formats import with_source_name

    if conversion.source is not None and output == "-":
        print(f"argmap convert: the source text ({conversion.source.name}) is not written when the map goes "
              "to standard output; write the map to a file to keep it", file=stderr)
    elif conversion.source is not None:
        folder = os.path.dirname(os.path.abspath(output))
        path = os.path.join(folder, conversion.source.name)
        if os.path.exists(path) and _differs(path, conversion.source.text):  # never overwrite another text
            conversion = with_source_name(conversion, os.path.basename(_stem(output)) + ".source.txt")
            path = os.path.join(folder, conversion.source.name if conversion.source else "")
        assert conversion.source is not None
        try:
            if _differs(path, conversion.source.text):
                write_atomic(path, conversion.source.text.encode("utf-8"))
        except OSError as exc:
            print(f"argmap convert: cannot write {path}: {exc.strerror or exc}", file=stderr)
            return EXIT_ENVIRONMENT
    if not write_output(output, conversion.text.encode("utf-8"), stdout, stderr, "convert"):
        return EXIT_ENVIRONMENT
    if output == "-":
        return EXIT_OK
    result = check_file(output, allow_outside_source=args.allow_outside_source)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    counts = _counts(result.map) if result.map is not None else "not readable"
    print(f"argmap convert: wrote {output} ({counts}); "
          f"argmap check: {plural(errors, 'error')}, {plural(warnings, 'warning')}", file=stderr)
    if errors:
        print_report([result], stderr, quiet=True)
        return EXIT_ERRORS
    return EXIT_OK


def _differs(path: str, text: str) -> bool:
    """Whether the file at ``path`` is missing or holds something other than ``text``."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read().replace("\r\n", "\n") != text
    except (OSError, UnicodeDecodeError):
        return True
