"""README.md's operations table agrees with the server: it is what tools/generate_operations_table.py
writes today, and a running server answers every ✅ operation and only those (the others get
UnknownOperationException). Regenerate with `python3 tools/generate_operations_table.py`."""
from __future__ import annotations

import re
import subprocess
import sys

from e2e import REPO_ROOT, post

TOOL = REPO_ROOT / "tools" / "generate_operations_table.py"


def test_readme_table_is_up_to_date():
    result = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_server_answers_exactly_the_ticked_operations(server):
    table = (REPO_ROOT / "README.md").read_text().split("<!-- operations-table:start")[1].split("<!-- operations-table:end")[0]
    marks = dict((name, mark) for mark, name in re.findall(r"(?:\| |· )(✅|⬜) (\w+)", table))
    assert len(marks) == 122
    wrong = []
    for name, mark in sorted(marks.items()):
        answer = post(server, f"AWSCognitoIdentityProviderService.{name}", {}).json().get("__type")
        if (answer == "UnknownOperationException") != (mark == "⬜"):
            wrong.append(f"{mark} {name}: {answer}")
    assert wrong == [], "README.md says otherwise than the server:\n" + "\n".join(wrong)
