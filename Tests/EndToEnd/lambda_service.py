"""A real Lambda service for the trigger tests: ministack (PyPI `ministack`) started on a free port,
functions created with boto3's `lambda` client from Python source, run by ministack in a local
subprocess (no Docker). Each function records the events it receives as JSON files, so tests can
check the exact event mock-cognito sent.

ministack pins an older botocore than the test requirements, so it lives in its own virtual
environment: $MINISTACK_BINARY, else `ministack` on the PATH, else `.build-ministack/venv/bin/ministack`
(where tools/setup.sh, run by Tests/run-all.sh, installs it)."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import boto3
import pytest

from e2e import REPO_ROOT, free_port

# Prepended to every function: `record(event)` keeps a copy of the event for the test.
RECORDER = '''
import json, os, time
def record(event):
    folder = {folder!r}
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "%f-%d.json" % (time.time(), os.getpid())), "w") as f:
        json.dump(event, f)
'''


def ministack_binary() -> str:
    candidates = [os.environ.get("MINISTACK_BINARY"), shutil.which("ministack"),
                  str(REPO_ROOT / ".build-ministack/venv/bin/ministack")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("ministack is not installed: Tests/run-all.sh (tools/setup.sh test) installs it into .build-ministack/venv "
                "(python3 -m venv .build-ministack/venv && .build-ministack/venv/bin/pip install ministack), "
                "or set MINISTACK_BINARY")


class LambdaService:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.log = open(workdir / "ministack.log", "wb")
        env = dict(os.environ, GATEWAY_PORT=str(self.port), BIND_HOST="127.0.0.1", IOT_MTLS_ENABLED="0",
                   STATE_DIR=str(workdir / "ministack-state"))
        self.proc = subprocess.Popen([ministack_binary()], stdout=self.log, stderr=self.log, env=env,
                                     cwd=workdir, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/2015-03-31/functions/", timeout=1).read()
                break
            except urllib.error.HTTPError:
                break  # answering
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("ministack did not start:\n" + (workdir / "ministack.log").read_text())
                time.sleep(0.1)
        self.client = boto3.client("lambda", endpoint_url=self.url, region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def function(self, name: str, source: str, timeout: int = 30) -> str:
        """Creates (or replaces) a Python 3.12 function whose module is `source`; answers its ARN."""
        folder = self.events_folder(name)
        shutil.rmtree(folder, ignore_errors=True)
        code = RECORDER.format(folder=str(folder)) + "\n" + source
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("index.py", code)
        try:
            self.client.delete_function(FunctionName=name)
        except self.client.exceptions.ResourceNotFoundException:
            pass
        created = self.client.create_function(
            FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/trigger",
            Handler="index.handler", Code={"ZipFile": archive.getvalue()}, Timeout=timeout)
        return created["FunctionArn"]

    def events_folder(self, name: str) -> Path:
        return self.workdir / "events" / name

    def events(self, name: str) -> list[dict]:
        """The events `name` recorded, oldest first."""
        folder = self.events_folder(name)
        if not folder.exists():
            return []
        return [json.loads(p.read_text()) for p in sorted(folder.iterdir())]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
