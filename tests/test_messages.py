"""The wording of the commonest syntax errors: each says what is wrong and a fix that is itself right.

Found by newcomers: messages that blamed the first word of a link line, suggested a
fix that was an error too, or named grammar terms instead of what to write.
"""

from __future__ import annotations

import pytest

import argmap

HEAD = "main conclusion c: Cities should plant trees.\npremise a: Trees cool streets.\npremise b: Shade saves energy.\n"

CASES = [
    # (file text, code, line:col, words the message must contain)
    (HEAD + "a b -> c\n", "S002", "4:3", "is a ',' missing between 'a' and 'b'?"),
    (HEAD + "a, b c -> c\n", "S002", "4:6", "is a ',' missing between 'b' and 'c'?"),
    (HEAD + "objection o: No.\no-x c\n", "S002", "5:1", "put spaces around the arrow: 'o -x c'"),
    (HEAD + "objection o: No.\no-xc\n", "S002", "5:1", "put spaces around the arrow: 'o -x c'"),
    ("main c: Cities should plant trees.\n", "S002", "1:6", "after 'main' write the claim's kind: 'main conclusion c: ...'"),
    ("main: Cities should plant trees.\n", "S008", "1:1", "write 'main conclusion ID: text'"),
    ("main conclusion: Cities should plant trees.\n", "S008", "1:16", "write 'main conclusion ID: text'"),
    ("premise: Trees cool streets.\n", "S008", "1:1", "write 'premise ID: text'"),
    (HEAD + "premise d: Parks help.\na + b -> c, d\n", "S001", "5:11", "'a + b -> c' and 'a + b -> d'"),
    (HEAD + "premise d: Parks help.\na + b -> c -> d\n", "S001", "5:12", "write 'c -> d' as a link of its own"),
    (HEAD + "a => c\n", "S001", "4:3", "'=>' is not an arrow here: write '->'"),
    (HEAD + "a → c\n", "S001", "4:3", "'→' is not an arrow here: write '->'"),
    (HEAD + "c <- a\n", "S001", "4:3", "arrows point from the reason to what it supports"),
    ("premis a: Trees cool streets.\n", "S002", "1:1", "unknown claim kind 'premis': did you mean 'premise'?"),
    ("hello world\n", "S002", "1:1", "'hello' is no claim kind"),
    (HEAD + "## \na -> c\n", "S016", "4:1", "this heading has no title"),
]


@pytest.mark.parametrize(("text", "code", "where", "words"), CASES)
def test_syntax_error_wording(text: str, code: str, where: str, words: str) -> None:
    """Each common mistake gets its own code, place and a message with a fix that is right as written."""
    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.parse(text, "m.arg")
    diagnostic = caught.value.diagnostic
    assert (diagnostic.code, f"{diagnostic.span.line}:{diagnostic.span.column}") == (code, where)
    assert words in diagnostic.message


@pytest.mark.parametrize(
    "fix",
    [
        "main conclusion thesis: Cities should plant trees.\n",
        HEAD + "premise d: Parks help.\na + b -> c\na + b -> d\n",
        HEAD + "a, b -> c\n",
        HEAD + "objection o: No.\no -x c\n",
    ],
)
def test_the_suggested_fixes_parse(fix: str) -> None:
    """What the messages above tell a user to write is valid .arg."""
    argmap.parse(fix, "fixed.arg")


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        ("main conclusion c: Trees\u2028cool.\n".encode(), "S003", "the Unicode line separator U+2028"),
        ("main conclusion\u00a0c: Trees cool.\n".encode(), "S003", "U+00A0 (no-break space) looks like a space"),
        ("main conclusion c: Trees\u200b cool.\nc\u200b -> c\n".encode(), "S003", "U+200B (zero width space) looks like a space"),
        ("main conclusion c: Trees café".encode()[:-1], "S004", "the file ends in the middle of a character"),
        (b"main conclusion c: Trees caf\xe9.\n", "S004", "byte 0xE9 cannot start or continue a character"),
    ],
)
def test_odd_characters_are_named(data: bytes, code: str, words: str) -> None:
    """Invisible and look-alike characters are named, and the excerpt shows them as <U+XXXX>."""
    from argmap.language.parser import decode

    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.parse(decode(data, "m.arg"), "m.arg")
    assert caught.value.diagnostic.code == code
    assert words in caught.value.diagnostic.message
    if code == "S003":
        assert "<U+" in caught.value.format().splitlines()[1]
