"""What a conversion returns: the text, the warnings, the source text; and the error for a malformed input."""

from __future__ import annotations

import json

import attrs

from .records import MapRecord

__all__ = ["Conversion", "ConversionWarning", "FormatError", "SourceText", "load_json"]


@attrs.frozen
class ConversionWarning:
    """Something of the input the output cannot express, or that had to change."""

    message: str
    where: str | None = None
    """What it concerns, as the input names it: ``AIF node 123``, ``edge c4``, ``line 12``."""

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


@attrs.frozen
class SourceText:
    """The text a map is a reading of, when the input carries it: to be saved beside the map."""

    name: str
    """The file name the map's ``source:`` header gives (no folder)."""
    text: str


@attrs.frozen
class Conversion:
    """An imported map: its ``.arg`` text, the records it was written from, and what was lost."""

    text: str
    record: MapRecord
    warnings: tuple[ConversionWarning, ...]
    source: SourceText | None = None
    """The source text to write beside the map, when the input carries one."""


class FormatError(Exception):
    """The input is not a well-formed file of the format: one line naming the file and the problem."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def load_json(data: bytes, path: str) -> object:
    """A JSON file's contents (UTF-8, a byte-order mark allowed); :class:`FormatError` when it is not JSON."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormatError(path, "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FormatError(path, f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
