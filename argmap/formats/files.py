"""Formats by name and file name, and the two entry points: :func:`read` a file of another
format as a map, :func:`write` a checked map in another format.

Which format a file is in comes from its name (``.xml`` microtexts, ``.txt``
Kialo, ``.argdown`` Argdown, ``.graphml``; ``.aif.json`` or ``.aif`` AIF;
``.json`` argmap JSON when written) or, for a ``.json`` being read, from what
is in it: ``"format": "argmap"``, AIF's ``nodes`` and ``edges`` (or OVA's
``AIF``), Argdown's ``statements`` and ``arguments``.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .aif import export_aif, import_aif, looks_like_aif
from .arg import write_arg
from .argdown import export_argdown, import_argdown_json, looks_like_argdown_json
from .build import provenance
from .graphml import export_graphml
from .jsonmap import read_json, write_json
from .kialo import import_kialo, looks_like_kialo
from .microtexts import import_microtexts
from .records import from_document
from .result import Conversion, ConversionWarning, FormatError, SourceText, load_json

__all__ = ["Format", "format_of", "read", "read_data", "with_source_name", "write"]


class Format(enum.Enum):
    """A format argmap reads or writes."""

    ARG = "arg"
    """argmap's own ``.arg`` text."""
    JSON = "json"
    """argmap JSON (:mod:`argmap.formats.jsonmap`): in and out."""
    AIF = "aif"
    """AIF JSON: in (AIFdb, OVA3, OVA2) and out."""
    ARGDOWN = "argdown"
    """Argdown: in (its JSON export), out (``.argdown`` source)."""
    KIALO = "kialo"
    """Kialo's plain-text discussion export: in."""
    MICROTEXTS = "microtexts"
    """The Potsdam microtexts' arggraph XML: in."""
    GRAPHML = "graphml"
    """GraphML: out."""

    @property
    def readable(self) -> bool:
        """Whether argmap imports this format."""
        return self is not Format.GRAPHML

    @property
    def writable(self) -> bool:
        """Whether argmap exports this format."""
        return self not in (Format.KIALO, Format.MICROTEXTS)


_OUT_SUFFIXES = {
    ".arg": Format.ARG,
    ".json": Format.JSON,
    ".aif": Format.AIF,
    ".argdown": Format.ARGDOWN,
    ".ad": Format.ARGDOWN,
    ".graphml": Format.GRAPHML,
}
_IN_SUFFIXES = {
    ".arg": Format.ARG,
    ".aif": Format.AIF,
    ".xml": Format.MICROTEXTS,
    ".txt": Format.KIALO,
    ".argdown": Format.ARGDOWN,
    ".ad": Format.ARGDOWN,
    ".graphml": Format.GRAPHML,
}


def format_of(name: str, output: bool) -> Format | None:
    """The format a file name says (``None`` for a ``.json`` being read: look inside, :func:`sniff`)."""
    lower = name.lower()
    if lower.endswith(".aif.json"):
        return Format.AIF
    if lower.endswith(".argmap.json"):
        return Format.JSON
    suffix = os.path.splitext(lower)[1]
    return (_OUT_SUFFIXES if output else _IN_SUFFIXES).get(suffix)


def sniff(data: bytes, path: str) -> Format:
    """The format of a JSON file, from its top-level keys; :class:`FormatError` when it is none argmap reads."""
    loaded = load_json(data, path)
    if isinstance(loaded, dict) and loaded.get("format") == "argmap":
        return Format.JSON
    if looks_like_aif(loaded):
        return Format.AIF
    if looks_like_argdown_json(loaded):
        return Format.ARGDOWN
    raise FormatError(
        path,
        "a JSON file argmap cannot place: argmap JSON has \"format\": \"argmap\", AIF has \"nodes\" and "
        "\"edges\" (OVA: \"AIF\"), Argdown's export has \"statements\" and \"arguments\"",
    )


def _companion_text(path: Path, warnings: list[ConversionWarning]) -> tuple[str | None, str | None]:
    """The text file beside ``path`` with the same stem (``X.txt`` for ``X.json``), decoded."""
    companion = path.with_suffix(".txt")
    if companion == path or not companion.is_file():
        return None, None
    data = companion.read_bytes()
    try:
        return data.decode("utf-8-sig"), companion.name
    except UnicodeDecodeError:
        warnings.append(ConversionWarning(f"{companion.name} is not UTF-8: read as Windows-1252"))
        return data.decode("cp1252", errors="replace"), companion.name


def read_data(
    data: bytes,
    path: str,
    fmt: Format,
    text: str | None = None,
    text_name: str | None = None,
) -> Conversion:
    """Import ``data`` (the contents of ``path``) in format ``fmt``; ``text`` is the source text
    the format's file leaves to a companion file (AIFdb, microtexts), named ``text_name``.

    Raises :class:`FormatError` for a malformed input.
    """
    if fmt is Format.JSON:
        record = attrs.evolve(read_json(data, path), comments=(provenance(os.path.basename(path), "argmap JSON"),))
        return Conversion(write_arg(record), record, ())
    if fmt is Format.AIF:
        return import_aif(data, path, text, text_name)
    if fmt is Format.ARGDOWN:
        if not data.lstrip().startswith(b"{"):
            raise FormatError(
                path,
                "argmap reads Argdown's JSON export, not Argdown source: run 'argdown json FILE.argdown' "
                "(or export JSON in Argdown's VS Code extension) and convert the .json",
            )
        return import_argdown_json(data, path)
    if fmt is Format.KIALO:
        try:
            decoded = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FormatError(path, "the file is not UTF-8 text (Kialo exports are UTF-8)") from None
        return import_kialo(decoded, path)
    if fmt is Format.MICROTEXTS:
        return import_microtexts(data, path, text, text_name)
    if fmt is Format.ARG:
        raise FormatError(path, "an .arg file is argmap's own: read it with argmap.load, not formats.read")
    raise FormatError(path, f"argmap writes {fmt.value} files but does not read them")


def read(path: str | os.PathLike[str], fmt: Format | None = None) -> Conversion:
    """Import a file of another format as a map.

    The format comes from the file's name and contents unless given. For AIF
    and microtexts, a text file beside it with the same stem (``nodeset12.txt``,
    ``micro_b001.txt``) is the map's source. Raises :class:`FormatError` for a
    malformed input, :class:`OSError` when it cannot be read.
    """
    file = Path(path)
    data = file.read_bytes()
    name = str(path)
    if fmt is None:
        fmt = format_of(name, output=False) or sniff(data, name)
        if fmt is Format.KIALO and not looks_like_kialo(data[:4096].decode("utf-8", errors="replace")):
            raise FormatError(name, "a .txt that is not a Kialo export (it should start 'Discussion Title:' or '1. …')")
    warnings: list[ConversionWarning] = []
    text = text_name = None
    if fmt in (Format.AIF, Format.MICROTEXTS):
        text, text_name = _companion_text(file, warnings)
    conversion = read_data(data, name, fmt, text, text_name)
    if warnings:
        conversion = attrs.evolve(conversion, warnings=tuple(warnings) + conversion.warnings)
    return conversion


def with_source_name(conversion: Conversion, name: str) -> Conversion:
    """The conversion with its source text saved under another name (the header's ``source:`` too)."""
    if conversion.source is None or conversion.source.name == name:
        return conversion
    header = tuple((key, name if key == "source" else value) for key, value in conversion.record.header)
    record = attrs.evolve(conversion.record, header=header)
    return attrs.evolve(conversion, text=write_arg(record), record=record,
                        source=SourceText(name, conversion.source.text))


def write(amap: ArgumentMap, fmt: Format) -> str:
    """The map as text of another format; nothing of it is lost but comments (docs/formats.md).
    The map should have no errors (``amap.ok``)."""
    if fmt is Format.ARG:
        return write_arg(from_document(amap.document))
    if fmt is Format.JSON:
        return write_json(from_document(amap.document))
    if fmt is Format.AIF:
        return export_aif(amap)
    if fmt is Format.ARGDOWN:
        return export_argdown(amap)
    if fmt is Format.GRAPHML:
        return export_graphml(amap)
    raise ValueError(f"argmap does not write {fmt.value} files")
