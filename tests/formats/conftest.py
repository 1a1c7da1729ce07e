"""What the format tests share: the samples folder and the real Argdown, run by Node.

Argdown is installed by ``scripts/setup --dev`` into tests/formats/argdown
(npm ci, pinned by its package-lock.json). Outside CI a machine without Node
or that install skips the Argdown tests, saying why; with ``CI=true`` they
fail, so CI never passes without having run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
ARGDOWN_DIR = HERE / "argdown"


class Argdown:
    """The real Argdown in a long-running Node process: Argdown source in, Argdown's JSON export out."""

    def __init__(self, node: str) -> None:
        self.process = subprocess.Popen(
            [node, str(ARGDOWN_DIR / "argdown_json.js")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=ARGDOWN_DIR,
        )

    def json(self, source: str, with_map: bool = False) -> dict[str, Any]:
        """Argdown's JSON export of ``source``; fails the test on an Argdown parser error."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"source": source, "map": with_map}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert answer["errors"] == [], f"Argdown could not read it: {answer['errors']}\n{source}"
        result: dict[str, Any] = answer["json"]
        return result

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


@pytest.fixture(scope="session")
def argdown() -> Iterator[Argdown]:
    """The real Argdown; skips (or, under CI, fails) when Node or the Argdown install is missing."""
    node = shutil.which("node")
    reason = None
    if node is None:
        reason = "Node.js is not installed (scripts/setup --dev installs it)"
    elif not (ARGDOWN_DIR / "node_modules" / "@argdown" / "core").is_dir():
        reason = "Argdown is not installed in tests/formats/argdown (scripts/setup --dev runs npm ci there)"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail("the Argdown tests must run in CI: " + reason)
        pytest.skip(reason)
    assert node is not None
    helper = Argdown(node)
    yield helper
    helper.close()
