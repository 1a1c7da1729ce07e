"""The VS Code extension's TextMate grammar, tested with VS Code's own tokenizer on every example.

The test itself is JavaScript (editors/vscode/test/grammar.test.js, on vscode-textmate and
vscode-oniguruma, which ``scripts/setup --dev`` installs with npm); this runs it with Node's test
runner, so that CI runs it. Without Node or those packages it skips, and fails under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"


def test_the_textmate_grammar_reads_every_example() -> None:
    """node --test runs the grammar tests: each example tokenizes cleanly and each part gets its scope."""
    node = shutil.which("node")
    installed = (EXTENSION / "node_modules" / "vscode-textmate").is_dir()
    if node is None or not installed:
        message = "Node.js and the extension's npm packages are needed: run scripts/setup --dev"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [node, "--test", "test/"], cwd=EXTENSION, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 3" in done.stdout
