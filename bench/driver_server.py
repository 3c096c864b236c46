"""The application as in production, for the load driver: gunicorn serving config.wsgi with
production settings on 127.0.0.1 and a free port; its output (Django's error log included) goes
to a file, which the write benchmark reads for "database is locked"."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from driver_common import REPO_DIR, free_port, log, venv_tool


def default_workers() -> int:
    """2 to 4 sync workers: one per core, within those bounds (the load tool needs a share of
    the same cores)."""
    return max(2, min(4, os.cpu_count() or 2))


class Server:
    def __init__(self, env: Mapping[str, str], log_file: Path, workers: int) -> None:
        self.env = dict(env)
        self.log_file = log_file
        self.workers = workers
        self.port = free_port()
        self.host = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait_seconds: float = 60) -> None:
        args = [
            venv_tool("gunicorn"),
            "config.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--timeout", "300",
            "--graceful-timeout", "5",
            "--log-level", "warning",
        ]  # fmt: skip
        out = self.log_file.open("ab")
        self.process = subprocess.Popen(
            args, cwd=REPO_DIR, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )
        out.close()
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited at start; see {self.log_file}")
            try:
                with urllib.request.urlopen(self.host + "/_bench/floor/", timeout=5) as answer:
                    if answer.status == 200:
                        log(f"gunicorn ({self.workers} workers) answers on {self.host}")
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        raise SystemExit(f"bench: gunicorn did not answer within {wait_seconds}s")

    def log_size(self) -> int:
        try:
            return self.log_file.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset: int) -> str:
        with self.log_file.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
