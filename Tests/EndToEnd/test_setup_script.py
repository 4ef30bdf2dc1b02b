"""tools/setup.sh, the set-up both README commands run first: without root it installs nothing and
stops at once with the exact apt-get line for what is missing, read from tools/setup/apt-packages.txt."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from e2e import REPO_ROOT


@pytest.fixture
def world_readable_dir():
    """pytest's tmp_path sits under a 0700 directory that the unprivileged user cannot enter."""
    path = Path(tempfile.mkdtemp(prefix="mock-cognito-setup-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def copy_with_list(tmp_path: Path, lines: str) -> Path:
    root = tmp_path / "checkout"
    (root / "tools" / "setup").mkdir(parents=True)
    (root / "Tests").mkdir()
    shutil.copy(REPO_ROOT / "tools" / "setup.sh", root / "tools" / "setup.sh")
    shutil.copy(REPO_ROOT / "Tests" / "requirements.txt", root / "Tests" / "requirements.txt")
    (root / "tools" / "setup" / "apt-packages.txt").write_text(lines)
    os.chmod(tmp_path, 0o755)
    for path in [root, *root.rglob("*")]:
        os.chmod(path, 0o755)
    return root


def run_unprivileged(command: list[str]) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, env={"PATH": os.environ["PATH"]})


def test_missing_packages_stop_at_once_with_the_apt_get_line(world_readable_dir):
    root = copy_with_list(world_readable_dir, "# comment\nlibc6  run\nno-such-package-a  run\n"
                                    "no-such-package-b  test  false\nno-such-package-c  ci\n")
    began = time.monotonic()
    proc = run_unprivileged([str(root / "tools" / "setup.sh"), "test"])
    assert time.monotonic() - began < 10
    assert proc.returncode == 69, proc
    assert proc.stderr.splitlines()[-1] == "sudo apt-get update && sudo apt-get install -y no-such-package-a no-such-package-b"
    assert not (root / ".venv").exists()


def test_nothing_missing_is_silent(world_readable_dir):
    root = copy_with_list(world_readable_dir, "libc6  run\nbash  run  command -v bash\n")
    proc = run_unprivileged([str(root / "tools" / "setup.sh"), "run"])
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_unknown_stage_is_a_usage_error():
    proc = subprocess.run([str(REPO_ROOT / "tools" / "setup.sh"), "deploy"], capture_output=True, text=True, timeout=10)
    assert proc.returncode == 64 and "usage: tools/setup.sh run|test|ci|venv" in proc.stderr
