"""Static checks of the code and of what it installs: bandit finds no high-severity issue in
opengov/ and config/ (a `# nosec` must give its reason on the same line); the lock files pin
every dependency of pyproject.toml, with hashes; and pip-audit finds no known vulnerability in
them, when a vulnerability service answers from this machine (otherwise the test is skipped with
"vulnerability service unreachable" and what was tried: no network is not a failed build)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ["opengov", "config"]
LOCKS = {"lock.txt": [], "lock-dev.txt": ["dev"]}  # file: the extras it holds
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
NOSEC = re.compile(r"#\s*nosec\b(?P<rest>.*)$")
NOSEC_IDS = re.compile(r"^[\s:]*(B\d{3}(\s*,\s*B\d{3})*)?")
PROBE_TIMEOUT = 8


def bandit(*paths: Path | str) -> dict[str, Any]:
    """bandit's JSON report of the high-severity findings (any confidence) under `paths`."""
    options = ["-f", "json", "-q", "--severity-level", "high"]
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", *map(str, paths), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def test_bandit_finds_no_high_severity_issue():
    report = bandit(*SCANNED)
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
    ]
    assert not findings, "\n".join(findings)
    assert not report["errors"], report["errors"]
    scanned = [name for name in report["metrics"] if name != "_totals"]
    assert len(scanned) > 100, scanned  # it read the project, not an empty folder


def test_bandit_as_run_here_does_report_a_high_severity_issue(tmp_path):
    """The same invocation on a planted `shell=True` (B602, high): the check above can fail."""
    (tmp_path / "planted.py").write_text(
        "import subprocess\n\ndef run(name):\n    subprocess.call('ls ' + name, shell=True)\n"
    )
    report = bandit(tmp_path)
    assert [r["test_id"] for r in report["results"]] == ["B602"]


def nosec_without_reason(text: str) -> bool:
    match = NOSEC.search(text)
    if match is None:
        return False
    reason = NOSEC_IDS.sub("", match.group("rest"), count=1).strip(" -—:")
    return len(reason) < 10


def test_every_nosec_gives_its_reason_on_the_same_line():
    bare = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in SCANNED
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if nosec_without_reason(line)
    ]
    assert not bare, "\n".join(bare)


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("x = 1  # nosec", True),
        ("x = 1  # nosec B105", True),
        ("x = 1  # nosec B105 - a public marker, not a secret", False),
        ("x = 1  # nosec: the value is a fixed SQL fragment", False),
        ("x = 1  # no comment", False),
    ],
)
def test_nosec_reason_rule(line, bare):
    assert nosec_without_reason(line) is bare


# Locked dependencies --------------------------------------------------------------------------


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def declared(extras: list[str]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    """Fails when pyproject.toml changed and the lock was not refreshed (README, "Development")."""
    pinned = pins(lock)
    wrong = [
        f"{requirement}: {pinned.get(canonicalize_name(requirement.name), 'not pinned')}"
        for requirement in declared(extras)
        if pinned.get(canonicalize_name(requirement.name)) not in requirement.specifier
    ]
    assert not wrong, f"refresh requirements/{lock}: " + "; ".join(wrong)


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_carries_its_hashes(lock):
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements" / lock).read_text())
    unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
    assert pins(lock) and not unhashed, unhashed


def probe(request: urllib.request.Request) -> str:
    """What a vulnerability service answered: "200", another status, or the network error."""
    try:
        with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT) as response:
            return str(response.status)
    except urllib.error.HTTPError as error:
        return str(error.code)
    except (urllib.error.URLError, OSError) as error:
        return f"{type(error).__name__}: {getattr(error, 'reason', error)}"


def reachable_service(name: str, version: str) -> tuple[str | None, list[str]]:
    """The pip-audit service that answers for one locked package, and what each one said. PyPI
    serves vulnerabilities in each release's JSON; OSV answers a query for a version."""
    pypi = urllib.request.Request(f"https://pypi.org/pypi/{name}/{version}/json")
    query = {"package": {"name": name, "ecosystem": "PyPI"}, "version": version}
    osv = urllib.request.Request(
        "https://api.osv.dev/v1/query",
        data=json.dumps(query).encode(),
        headers={"Content-Type": "application/json"},
    )
    tried = []
    for service, request in (("pypi", pypi), ("osv", osv)):
        answer = probe(request)
        tried.append(f"{request.full_url} answered {answer}")
        if answer == "200":
            return service, tried
    return None, tried


@pytest.mark.parametrize("lock", LOCKS)
def test_pip_audit_finds_no_known_vulnerability(lock):
    service, tried = reachable_service("django", pins(lock)["django"])
    if service is None:
        pytest.skip("vulnerability service unreachable: " + "; ".join(tried))
    options = ["--vulnerability-service", service, "--format", "json", "--progress-spinner", "off"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "-r",
            f"requirements/{lock}",
            "--disable-pip",
            *options,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.stdout, result.stderr
    dependencies = json.loads(result.stdout)["dependencies"]
    vulnerable = [
        f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
        for d in dependencies
        if d.get("vulns")
    ]
    assert not vulnerable, "\n".join(vulnerable)
    # pip-audit says "No known vulnerabilities found" even when it could look up nothing.
    unaudited = [f"{d['name']}: {d['skip_reason']}" for d in dependencies if "skip_reason" in d]
    assert not unaudited, "\n".join(unaudited)
    assert result.returncode == 0, result.stderr
