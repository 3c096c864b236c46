"""Shared pieces of the load driver: paths, the environment the app runs with, subprocesses, the
machine's description and small statistics. Imported by bench/driver.py (run as a script, so the
bench/ folder is on sys.path)."""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WORK_ROOT = REPO_DIR / "var" / "bench"
VENV_BIN = Path(sys.executable).parent
SETTINGS = "config.settings.production"
# A fixed, public key: the benchmark's throwaway databases hold nothing secret, and the same key
# must be seen by the server and by the helper that signs the writers' sessions.
BENCH_SECRET_KEY = "bench-only-not-secret-" + "x" * 40


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[bench {stamp}] {message}", flush=True)


def venv_tool(name: str) -> str:
    """A console script of this virtualenv (gunicorn, locust, opengov), else one on PATH."""
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"bench: `{name}` is not installed: run `pip install -e '.[dev]'` first.")
    return found


def app_env(database_env: Mapping[str, str], work_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of every app process: production settings, DEBUG off, a fixed secret key,
    loopback only, no TLS redirect (there is no TLS on loopback), the floor page on."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=BENCH_SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(WORK_ROOT / "staticfiles"),
        DJANGO_LOG_LEVEL="WARNING",
        OPENGOV_VAR_DIR=str(work_dir / "var"),
        OPENGOV_BENCH_FLOOR="1",
        PYTHONUNBUFFERED="1",
        # `opengov bench seed` imports the bench package from the repository's root.
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO_DIR), os.environ.get("PYTHONPATH")) if p),
    )
    env.update(database_env)
    # A cache of its own per database: pages cached for one scale are never served for another.
    database_id = hashlib.sha256(json.dumps(sorted(database_env.items())).encode()).hexdigest()
    env["OPENGOV_CACHE_DIR"] = str(work_dir / "cache" / database_id[:12])
    env.update(extra)
    return env


def run(
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    log_file: Path | None = None,
    timeout: float | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository's root; its output goes to `log_file` when given."""
    if log_file is None:
        return subprocess.run(
            list(args), cwd=REPO_DIR, env=dict(env), check=check, timeout=timeout, text=True
        )
    with log_file.open("a") as out:
        out.write(f"\n$ {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(
            list(args),
            cwd=REPO_DIR,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            text=True,
            check=False,
        )
    if check and done.returncode != 0:
        tail = log_file.read_text(errors="replace").splitlines()[-30:]
        raise SystemExit(
            f"bench: `{' '.join(args)}` failed (exit {done.returncode}); the end of "
            f"{log_file}:\n" + "\n".join(tail)
        )
    return done


def helper(
    command: Sequence[str], env: Mapping[str, str], log_file: Path, timeout: float = 3600
) -> subprocess.CompletedProcess[str]:
    """Run bench/driver_django.py (a Django-side helper) in its own process."""
    args = [sys.executable, str(BENCH_DIR / "driver_django.py"), *command]
    return run(args, env, log_file=log_file, timeout=timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _git_commit() -> str | None:
    """The checked-out commit, read from .git's files (git itself is not run)."""
    git = REPO_DIR / ".git"
    if git.is_file():  # a worktree: "gitdir: <path>"
        target = git.read_text().partition("gitdir:")[2].strip()
        git = (REPO_DIR / target).resolve()
    head = _read(str(git / "HEAD")).strip()
    if head.startswith("ref:"):
        ref = head[4:].strip()
        value = _read(str(git / ref)).strip()
        if not value:
            common = _read(str(git / "commondir")).strip()
            base = (git / common).resolve() if common else git
            value = _read(str(base / ref)).strip()
            if not value:
                packed = _read(str(base / "packed-refs"))
                match = re.search(rf"^([0-9a-f]{{40}}) {re.escape(ref)}$", packed, re.MULTILINE)
                value = match.group(1) if match else ""
        return value or None
    return head or None


def _version(module: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpuinfo = _read("/proc/cpuinfo")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = _read("/proc/meminfo")
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    try:
        load = os.getloadavg()
    except OSError:
        load = (math.nan, math.nan, math.nan)
    return {
        "hostname": platform.node(),
        "os": f"{platform.system()} {platform.release()}",
        "cpu_model": model.group(1).strip() if model else platform.processor() or None,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gb": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
        "load_average_at_start": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "django": _version("Django"),
        "gunicorn": _version("gunicorn"),
        "locust": _version("locust"),
        "psycopg": _version("psycopg"),
        "commit": _git_commit(),
    }


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile of an already sorted sequence."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarise(times_ms: Iterable[float]) -> dict[str, float | int | None]:
    values = sorted(times_ms)
    return {
        "count": len(values),
        "p50_ms": rnd(percentile(values, 0.50)),
        "p95_ms": rnd(percentile(values, 0.95)),
        "p99_ms": rnd(percentile(values, 0.99)),
        "mean_ms": rnd(sum(values) / len(values)) if values else None,
        "max_ms": rnd(values[-1]) if values else None,
    }


def rnd(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return round(value / base, 2)
