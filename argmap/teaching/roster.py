"""A class roster: the students' names and ids, read from the CSV a school system exports.

The columns are found by their headings, in any order and case: an id (``Identifier``, ``ID``,
``Student ID``, ``SIS User ID``…), a name (``Full name``, ``Name``, ``Student``) or first and last
names (``First Name``, ``Last Name``, ``Surname``…), and an e-mail address. Moodle's grading
worksheet (``Participant 12345``), Canvas's gradebook (``Last, First``, a "Points Possible" row)
and Google Classroom's grades (rows such as "Date" and "Points" above the students) read as they
come. Commas, semicolons or tabs; UTF-8 (with or without a byte-order mark) or Windows-1252.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import attrs

from argmap.core.diagnostics import ArgmapError

__all__ = ["RosterError", "Student", "load_roster", "name_forms", "normal", "read_roster"]


class RosterError(ArgmapError):
    """A roster that cannot be read (the message names the file and the problem)."""


@attrs.frozen
class Student:
    """One student of the roster."""

    name: str
    """As the school writes it, first name first."""
    ident: str = ""
    """The school system's id (digits of Moodle's ``Participant 12345``)."""
    email: str = ""


_ID = ("identifier", "id", "student id", "user id", "sis user id", "id number", "idnumber", "student number", "userid")
_NAME = ("full name", "name", "student", "student name", "fullname")
_FIRST = ("first name", "firstname", "given name", "first", "forename")
_LAST = ("last name", "lastname", "surname", "family name", "last")
_EMAIL = ("email", "email address", "e-mail", "e-mail address", "mail")


def normal(text: str) -> str:
    """Lower case, accents off, only letters and digits, words one space apart: ``"Schäfer, Jörg"``
    → ``"schafer jorg"``."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(re.findall(r"[^\W_]+", plain))


def name_forms(name: str) -> frozenset[str]:
    """The ways a name appears in file names: its words in any order, written apart or run together
    (``lena vogt``, ``vogt lena``, ``lenavogt``, ``vogtlena``)."""
    words = normal(name).split()
    if not words:
        return frozenset()
    forms = {" ".join(sorted(words))}
    if len(words) >= 2:
        forms |= {"".join(words), "".join(words[-1:] + words[:-1]), "".join(words[1:] + words[:1])}
    return frozenset(forms)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_roster(data: bytes, name: str = "roster.csv") -> tuple[Student, ...]:
    """The students of a roster file's bytes; raises :class:`RosterError` when no student can be found."""
    text = _decode(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise RosterError(f"{name}: the roster is empty")
    heads = [normal(cell) for cell in rows[0]]

    def column(names: tuple[str, ...]) -> int | None:
        return next((heads.index(n) for n in names if n in heads), None)

    ident, full, first, last, email = (column(names) for names in (_ID, _NAME, _FIRST, _LAST, _EMAIL))
    if full is None and first is None and last is None:
        raise RosterError(
            f"{name}: no column of names: the first row should name one (Full name, Name, Student, "
            f"or First name and Last name); it has: {', '.join(cell for cell in rows[0] if cell) or 'nothing'}"
        )
    students = []
    for row in rows[1:]:

        def cell(index: int | None, row: list[str] = row) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        if full is not None and cell(full):
            written = cell(full)
            if "," in written:  # Canvas: "Last, First"
                surname, _, given = written.partition(",")
                written = f"{given.strip()} {surname.strip()}"
        else:
            written = f"{cell(first)} {cell(last)}".strip()
        number = re.sub(r"^\D+(?=\d)", "", cell(ident))  # Moodle: "Participant 12345"
        mail = cell(email)
        two_names = first is not None and last is not None and bool(cell(first)) and bool(cell(last))
        if not written or not (number or mail or two_names or (full is not None and ident is None and email is None)):
            continue  # a row such as Canvas's "Points Possible" or Google's "Date"
        students.append(Student(" ".join(written.split()), number, mail))
    if not students:
        raise RosterError(f"{name}: no student found under the first row")
    return tuple(students)


def load_roster(path: str) -> tuple[Student, ...]:
    """The students of a roster file. Raises OSError when it cannot be read, RosterError when it is bad."""
    with open(path, "rb") as handle:
        return read_roster(handle.read(), path)
