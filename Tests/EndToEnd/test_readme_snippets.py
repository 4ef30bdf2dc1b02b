"""Every runnable snippet of the README, run as a user would run it: the pytest examples (against a
server seeded like the README's), and the GitHub Actions job (its service's settings, its health
command, and its `run:` step — `pip install` into a clean virtual environment, then `pytest` on the
README's examples with the job's environment). The compose file runs in docker/test.sh."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from e2e import REPO_ROOT, binary_path

README = (REPO_ROOT / "README.md").read_text()
EXAMPLE_SEED = REPO_ROOT / "fixtures" / "example-seed.json"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def pytest_examples() -> list[str]:
    found = [b for b in blocks("python") if "def test_" in b]
    assert len(found) >= 2, "the README's pytest examples were not found"
    return found


def write_examples(directory: Path, endpoint: str) -> list[Path]:
    """The README's pytest examples as test files, pointed at `endpoint` instead of localhost:9229."""
    paths = []
    for index, text in enumerate(pytest_examples()):
        assert 'ENDPOINT = "http://localhost:9229"' in text
        path = directory / f"test_readme_example_{index}.py"
        path.write_text(text.replace('"http://localhost:9229"', repr(endpoint)))
        paths.append(path)
    return paths


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MOCK_COGNITO_", "PYTEST_"))}
    env.update(extra)
    return env


@pytest.fixture
def seeded(server_factory):
    return server_factory(args=("--seed", str(EXAMPLE_SEED)))


def test_readme_pytest_examples_pass(seeded, tmp_path):
    files = write_examples(tmp_path, seeded.url)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *map(str, files)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, env=clean_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"\b2 passed\b", proc.stdout), proc.stdout


def github_actions_job() -> dict:
    (text,) = [b for b in blocks("yaml") if "runs-on:" in b]
    return yaml.safe_load(text)["jobs"]["test"]


def test_github_actions_service_is_configured_like_the_image(server_factory):
    job = github_actions_job()
    service = job["services"]["cognito"]
    assert service["ports"] == ["9229:9229"]
    assert service["env"] == {"MOCK_COGNITO_SEED": "/fixtures/example-seed.json", "MOCK_COGNITO_ALLOWED_HOST": "cognito"}
    assert '--health-cmd "mock-cognito healthcheck"' in service["options"]
    # The service's seed variable and its health command, with the repository's copy of /fixtures.
    server = server_factory(env={"MOCK_COGNITO_SEED": str(EXAMPLE_SEED)})
    health_cmd = shlex.split(re.search(r'--health-cmd "([^"]+)"', service["options"]).group(1))
    assert health_cmd[0] == "mock-cognito"
    proc = subprocess.run([str(binary_path()), *health_cmd[1:]], env=clean_env(MOCK_COGNITO_PORT=str(server.port)),
                          capture_output=True, text=True, timeout=10)
    assert proc.returncode == 0, proc.stderr
    assert server.client().describe_user_pool(UserPoolId="us-east-1_Example01")["UserPool"]["Name"] == "example-pool"


def test_github_actions_steps_install_what_the_examples_need_and_pass(seeded, tmp_path):
    """The job's `run:` step, literally, in a virtual environment that has nothing installed."""
    job = github_actions_job()
    (step,) = [s["run"] for s in job["steps"] if "run" in s]
    install, run_tests = [part.strip() for part in step.split("&&")]
    assert install.startswith("pip install ") and run_tests == "pytest"
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_dir = environment / "bin"
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    write_examples(checkout, seeded.url)
    env = clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", VIRTUAL_ENV=str(environment),
                    **{k: str(v) for k, v in job["env"].items()})
    env["AWS_ENDPOINT_URL"] = seeded.url
    installed = subprocess.run(install, shell=True, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    proc = subprocess.run([str(bin_dir / "pytest"), "-q", "-p", "no:cacheprovider"], cwd=checkout, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
