"""The load driver behind `bench/run` (see bench/README.md).

For each database and scale: a fresh database, migrate, `opengov bench seed --scale S`, the route
parameters picked from the seeded data, the open-data exports, gunicorn as in production on
127.0.0.1, every route driven by Locust at concurrency 1 and 16, then 16 concurrent writers.
Then, per database, growth measured with the smallest and the largest scale served at once (each
route's requests alternate between the two servers); then the notes importer and the budgets.
Results go to bench/results/."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import driver_report
from driver_common import (
    BENCH_DIR,
    RESULTS_DIR,
    WORK_ROOT,
    app_env,
    helper,
    log,
    machine,
    ratio,
    rnd,
    run,
    summarise,
    venv_tool,
)
from driver_db import Database, ThrowawayPostgres, drop_postgres, fresh_postgres, fresh_sqlite
from driver_django import ROUTE_NAMES
from driver_server import Server, default_workers

CONCURRENCY = (1, 16)
EXPORTS = ("commitments", "history")
WRITERS = 16
# When the time is up, requests already sent are awaited (and counted), not cut off: a full CSV
# download at S=100 takes longer than a short phase.
STOP_TIMEOUT = 300
DRAINED_MS = 100.0  # a floor request this fast means no request was queued before it


class Run:
    """One invocation of bench/run: its options, work folder and collected results."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.stamp = time.strftime("%Y-%m-%d-%H%M")
        self.work = WORK_ROOT / self.stamp
        self.work.mkdir(parents=True, exist_ok=True)
        for sub in ("plans", "timings", "locust", "out"):
            (self.work / sub).mkdir(exist_ok=True)
        self.log_file = self.work / "driver.log"
        self.results_dir = RESULTS_DIR / "quick" if args.quick else RESULTS_DIR
        self.results_dir.mkdir(parents=True, exist_ok=True)
        self.machine = machine()
        self.results: list[dict[str, Any]] = []
        self.static_done = False
        # The routes sampled from each database and scale, for the interleaved growth phase.
        self.route_plans: dict[tuple[str, int], dict[str, Any]] = {}
        self.interleaved: dict[str, dict[str, Any]] = {}

    # -- database and data ----------------------------------------------------------------
    def prepare(self, database: Database, scale: int) -> dict[str, Any]:
        env = app_env(database.env, self.work)
        opengov = venv_tool("opengov")
        started = time.perf_counter()
        run([opengov, "migrate", "--no-input"], env, log_file=self.log_file)
        migrated = time.perf_counter()
        if self.args.demo_data:
            run([opengov, "load-demo"], env, log_file=self.log_file)
            data = "demo data (opengov load-demo), not the generator"
        else:
            seed = [opengov, "bench", "seed", "--scale", str(scale), "--no-progress"]
            run(seed, env, log_file=self.log_file, timeout=3600)
            data = f"opengov bench seed --scale {scale}"
        seeded = time.perf_counter()
        if not self.static_done:
            run([opengov, "collectstatic", "--no-input"], env, log_file=self.log_file)
            self.static_done = True
        log(
            f"{database.engine} S={scale}: migrated in {migrated - started:.0f}s, "
            f"seeded in {seeded - migrated:.0f}s"
        )
        return {
            "data": data,
            "migrate_seconds": round(migrated - started, 1),
            "seed_seconds": round(seeded - migrated, 1),
        }

    # -- Locust ---------------------------------------------------------------------------
    def locust(
        self, label: str, plan: dict[str, Any], user_class: str, users: int, seconds: int,
        host: str,
    ) -> dict[str, Any]:  # fmt: skip
        """One headless Locust run; per request name: exact percentiles, rate and errors."""
        slug = label.replace(" ", "-").replace(":", "")
        plan_path = self.work / "plans" / f"{slug}.json"
        plan_path.write_text(json.dumps(plan))
        timings = self.work / "timings" / f"{slug}-c{users}.jsonl"
        prefix = self.work / "locust" / f"{slug}-c{users}"
        args = [
            venv_tool("locust"), "-f", str(BENCH_DIR / "locustfile.py"), "--headless",
            "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host,
            "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
            "--exit-code-on-error", "0", "--stop-timeout", str(STOP_TIMEOUT), user_class,
        ]  # fmt: skip
        env = {**os.environ, "BENCH_PLAN": str(plan_path), "BENCH_TIMINGS": str(timings)}
        load = os.getloadavg()[0]
        run(args, env, log_file=self.work / "locust.log", timeout=seconds + 180)
        drain(host, self.args.workers)
        stats = read_timings(timings, prefix)
        for entry in stats.values():  # other work on the machine shows here
            entry["load_average_1min_before"] = round(load, 2)
        return stats

    def measure_routes(self, server: Server, routes: dict[str, Any], order: list[str]) -> dict:
        seconds = self.args.seconds
        warm_up(server.host, routes, order, server.workers)
        levels: dict[str, dict[str, Any]] = {}
        for users in CONCURRENCY:
            level: dict[str, Any] = {}
            for name in order:
                # Every sampled URL once, timed: the first render of each page (a cache miss
                # for anonymous visitors); then each once more at its own address, so that the
                # phase measures the steady state (and not, in a short phase over 200 URLs,
                # mostly first renders: a route's first request of each URL is a miss).
                first = first_renders(server.host, routes[name]["urls"])
                prime(server.host, routes[name]["urls"])
                plan = {"routes": routes, "selected": [name]}
                stats = self.locust(name, plan, "RouteUser", users, seconds, server.host)
                entry = stats.get(name) or empty_stats()
                if users == min(CONCURRENCY):
                    entry["first_render"] = first
                entry["kind"] = routes[name]["kind"]
                entry["urls"] = len(routes[name]["urls"])
                level[name] = entry
                log(
                    f"  c={users:<2} {name:<22} p50 {entry['p50_ms']} ms  p95 {entry['p95_ms']} "
                    f"ms  {entry['rps']} req/s  errors {entry['errors']}"
                )
            floor = level.get("floor", {}).get("p50_ms")
            for entry in level.values():
                entry["p50_vs_floor"] = ratio(entry.get("p50_ms"), floor)
            levels[f"c{users}"] = level
        return levels

    def page_mix(self, server: Server, routes: dict[str, Any]) -> dict[str, Any]:
        pages = [name for name, route in routes.items() if route["kind"] == "html"]
        if not pages:
            return {}
        for name in pages:  # as before each route's phase: every page in the cache
            prime(server.host, routes[name]["urls"])
        plan = {"routes": routes, "selected": pages}
        users = max(CONCURRENCY)
        stats = self.locust("page mix", plan, "RouteUser", users, self.args.seconds, server.host)
        total = stats.pop("_all", empty_stats())
        total["by_route"] = stats
        log(f"  c={users} page mix: {total['rps']} req/s, errors {total['errors']}")
        return total

    def writes(self, server: Server, env: dict[str, str], engine: str, scale: int) -> dict:
        out = self.work / "out" / f"writers-{engine}-s{scale}.json"
        helper(["writers", "--out", str(out), "--count", str(WRITERS)], env, self.log_file)
        writers = json.loads(out.read_text())["writers"]
        api_path = action_status_api(server.host)
        plan = {
            "writers": writers,
            "action_status_api": api_path,
            "session_cookie": "sessionid",
            "csrf_cookie": "csrftoken",
        }
        seconds = self.args.write_seconds
        offset = server.log_size()
        log(f"  {WRITERS} writers for {seconds}s ({engine} S={scale})")
        stats = self.locust("writes", plan, "WriterUser", WRITERS, seconds, server.host)
        server_log = server.log_since(offset)
        total = stats.pop("_all", empty_stats())
        result = {
            "writers": WRITERS,
            "seconds": seconds,
            "action_status_via": f"the API ({api_path})" if api_path else "the HTML form",
            "all": total,
            "by_kind": stats,
            "writes_per_second": total.get("rps"),
            "errors": total.get("errors"),
            "locked_errors": locked_errors(server_log),
            "locked_mentions_in_log": server_log.count("database is locked"),
            "server_errors_logged": server_log.count("Internal Server Error"),
        }
        log(
            f"  writes: {total['count']} in {seconds}s = {total['rps']}/s, p99 "
            f"{total['p99_ms']} ms, errors {total['errors']}, locked {result['locked_errors']}"
        )
        return result

    def exports(self, env: dict[str, str], engine: str, scale: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in EXPORTS:
            path = self.work / "out" / f"export-{name}-{engine}-s{scale}.json"
            helper(["export", name, "--out", str(path)], env, self.log_file)
            out[name] = json.loads(path.read_text())
            log(
                f"  export {name}: {out[name]['lines']} lines, {out[name]['seconds']}s, "
                f"peak RSS {out[name]['peak_rss_mb']} MB"
            )
        return out

    # -- one database at one scale ----------------------------------------------------------
    def one(self, database: Database, scale: int, *, routes_on: bool, writes_on: bool,
            exports_on: bool) -> dict[str, Any]:  # fmt: skip
        engine = database.engine
        log(f"== {engine} at S={scale}")
        result: dict[str, Any] = {
            "kind": "opengov-bench",
            "stamp": self.stamp,
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "command": self.command(),
            "machine": self.machine,
            "database": database.description,
            "scale": scale,
        }
        result.update(self.prepare(database, scale))
        env = app_env(database.env, self.work)
        params_path = self.work / "out" / f"params-{engine}-s{scale}.json"
        helper(["params", "--out", str(params_path)], env, self.log_file)
        params = json.loads(params_path.read_text())
        result["counts"] = params["counts"]
        routes = {
            n: r
            for n, r in params["routes"].items()
            if n not in params["empty"] and (n == "floor" or self.wanted(n))
        }
        if params["empty"]:
            log(f"  no public object for: {', '.join(params['empty'])} (not measured)")
        self.route_plans[(engine, scale)] = routes
        result["route_urls"] = {n: len(r["urls"]) for n, r in params["routes"].items()}
        if exports_on:
            result["exports"] = self.exports(env, engine, scale)
        if routes_on or writes_on:
            server = Server(env, self.work / f"server-{engine}-s{scale}.log", self.args.workers)
            result["server"] = {"workers": server.workers, "worker_class": "sync"}
            server.start()
            try:
                if routes_on:
                    order = list(routes)
                    result["route_order"] = order
                    result["routes"] = self.measure_routes(server, routes, order)
                    result["page_mix_c16"] = self.page_mix(server, routes)
                if writes_on:
                    result["writes"] = self.writes(server, env, engine, scale)
            finally:
                server.stop()
        result["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        path = self.results_dir / f"{self.stamp}-{engine}-{scale}.json"
        path.write_text(json.dumps(result, indent=1) + "\n")
        log(f"  wrote {path.relative_to(BENCH_DIR.parent)}")
        return result

    # -- growth, with both scales served at once ----------------------------------------------
    def interleaved_growth(self, low: tuple[Database, int], high: tuple[Database, int]) -> dict:
        """Each route at concurrency 1 against two servers at once, the smallest scale's and the
        largest's, one request to each in turn: whatever else the machine does in the meantime
        (these machines drift by 30 % over an hour) falls on both scales alike, which separate
        phases tens of minutes apart cannot promise. Each side is primed first, as before each
        route's phase. The floor is measured too, as a check: its ratio should be 1. Then the
        same again with the page cache bypassed (`full_render`): what each page costs to render,
        as every signed-in person's page does."""
        engine = low[0].engine
        seconds = 2 * self.args.seconds  # half of the requests go to each side
        log(f"== {engine}: growth S={low[1]} → S={high[1]}, both served at once")
        servers: list[Server] = []
        out: dict[str, Any] = {
            "from_scale": low[1],
            "to_scale": high[1],
            "seconds_per_route": seconds,
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "routes": {},
        }
        try:
            for database, scale in (low, high):
                env = app_env(database.env, self.work)
                log_path = self.work / f"server-{engine}-s{scale}-growth.log"
                servers.append(Server(env, log_path, self.args.workers))
                servers[-1].start()
            plans = [self.route_plans[(engine, scale)] for _, scale in (low, high)]
            order = [
                n for n in plans[0]
                if n in plans[1] and plans[0][n]["kind"] not in driver_report.NOT_INTERLEAVED
            ]  # fmt: skip
            for server, routes in zip(servers, plans, strict=True):
                warm_up(server.host, routes, order, server.workers)
            labels = [f"S={low[1]}", f"S={high[1]}"]
            for name in order:
                sides = []
                for server, routes, label in zip(servers, plans, labels, strict=True):
                    prime(server.host, routes[name]["urls"])
                    sides.append(
                        {"label": label, "host": server.host, "urls": routes[name]["urls"]}
                    )
                kind = plans[0][name]["kind"]
                entries = {}
                for mode, full_render in (("cached", False), ("full render", True)):
                    plan = {"route": name, "sides": sides, "full_render": full_render}
                    stats = self.locust(
                        f"growth {mode} {name}", plan, "PairedUser", 1, seconds, servers[0].host
                    )
                    drain(servers[1].host, servers[1].workers)
                    entries[mode] = entry = driver_report.interleaved_entry(
                        kind, [stats.get(f"{name} @ {label}") for label in labels]
                    )
                    log(
                        f"  {name:<28} {mode:<11} p50 {entry['p50_ms'][0]} → "
                        f"{entry['p50_ms'][1]} ms  {entry['ratio']} ×  "
                        f"({entry['count'][0]} + {entry['count'][1]} requests)"
                    )
                out["routes"][name] = {**entries["cached"], "full_render": entries["full render"]}
        finally:
            for server in servers:
                server.stop()
        out["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.interleaved[engine] = out
        return out

    def wanted(self, route: str) -> bool:
        """--routes: only these (the floor is always measured)."""
        chosen = [r.strip() for r in (self.args.routes or "").split(",") if r.strip()]
        return not chosen or route in chosen

    def command(self) -> str:
        return "bench/run " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    def finish(self, importer: dict[str, Any] | None) -> Path:
        grown = driver_report.growth(self.results, self.interleaved)
        combined = {
            "kind": "opengov-bench-run",
            "stamp": self.stamp,
            "command": self.command(),
            "machine": self.machine,
            "settings": {
                "seconds": self.args.seconds,
                "write_seconds": self.args.write_seconds,
                "workers": self.args.workers,
                "concurrency": list(CONCURRENCY),
                "quick": self.args.quick,
            },
            "results": self.results,
            "interleaved_growth": self.interleaved,
            "growth": grown,
            "importer": importer,
        }
        combined["budgets"] = driver_report.budgets(self.results, grown)
        path = self.results_dir / f"{self.stamp}-run.json"
        path.write_text(json.dumps(combined, indent=1) + "\n")
        markdown = driver_report.render(combined)
        path.with_suffix(".md").write_text(markdown)
        print(markdown, flush=True)
        log(f"results: {path} and {path.with_suffix('.md')} (work files in {self.work})")
        return path


# -- helpers ---------------------------------------------------------------------------------
def empty_stats() -> dict[str, Any]:
    return {**summarise([]), "rps": 0.0, "errors": 0, "error_samples": []}


def read_timings(timings: Path, prefix: Path) -> dict[str, Any]:
    """Exact statistics per request name, and "_all", from every request's time as Locust's
    request event reported it. Locust's CSV (kept in the work folder) is its last periodic
    snapshot and can miss the final second: its figures are stored only as a cross-check."""
    rows: list[list[Any]] = []
    if timings.exists():
        rows = [json.loads(line) for line in timings.read_text().splitlines() if line]
    groups: dict[str, list[list[Any]]] = {"_all": rows}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    snapshot = {}
    stats_csv = Path(f"{prefix}_stats.csv")
    if stats_csv.exists():
        with stats_csv.open() as handle:
            for row in csv.DictReader(handle):
                snapshot["_all" if row["Name"] == "Aggregated" else row["Name"]] = row
    out: dict[str, Any] = {}
    for name, items in groups.items():
        stats: dict[str, Any] = summarise(r[2] for r in items)
        if items:
            began = min(r[1] for r in items)
            ended = max(r[1] + r[2] / 1000 for r in items)
            stats["rps"] = rnd(len(items) / (ended - began), 1) if ended > began else None
        else:
            stats["rps"] = 0.0
        failed = [r for r in items if not r[3]]
        stats["errors"] = len(failed)
        messages: dict[str, int] = {}
        for r in failed:
            text = r[4] if len(r) > 4 else "failed"
            messages[text] = messages.get(text, 0) + 1
        stats["error_samples"] = [f"{n}× {text}" for text, n in list(messages.items())[:5]]
        theirs = snapshot.get(name)
        if theirs:
            stats["locust_csv_snapshot"] = {
                "requests": int(theirs["Request Count"]),
                "failures": int(theirs["Failure Count"]),
                "p50_ms": theirs["50%"],
                "p95_ms": theirs["95%"],
                "p99_ms": theirs["99%"],
                "rps": rnd(float(theirs["Requests/s"]), 1),
            }
        out[name] = stats
    return out


def locked_errors(server_log: str) -> int:
    """Requests that failed on "database is locked": Django logs each failed request once, as
    "Internal Server Error: <path>" and its traceback (which names the error twice, chained)."""
    records = re.split(r"(?=Internal Server Error: )", server_log)
    failed = sum(1 for record in records[1:] if "database is locked" in record)
    outside = sum(1 for line in records[0].splitlines() if "database is locked" in line)
    return failed + outside


def drain(host: str, workers: int, limit_seconds: float = 300) -> None:
    """Wait until the server has finished what the last phase left queued: Locust stops its
    users at once, but the requests they had sent are still served (16 full CSV downloads can
    take a while). Drained when `workers` floor requests sent together all come back fast."""
    deadline = time.monotonic() + limit_seconds

    def floor_ms() -> float:
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(host + "/_bench/floor/", timeout=limit_seconds) as answer:
                answer.read()
        except (urllib.error.URLError, TimeoutError):
            return float("inf")
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(max_workers=workers) as pool:
        while time.monotonic() < deadline:
            times = list(pool.map(lambda _: floor_ms(), range(workers)))
            if max(times) < DRAINED_MS:
                return
    log("  warning: the server was still busy after the last phase")


def first_renders(host: str, urls: list[str]) -> dict[str, Any]:
    """Each URL once, one after the other: p50 and p95 of these first answers. For anonymous
    visitors that is each page's render before the page cache holds it (ADR 6); signed-in
    people always get such renders."""
    times = []
    for index, path in enumerate(urls):
        # A query parameter no view reads makes a key the page cache has never seen: a full
        # render even for a route of one URL that the warm-up already requested.
        fresh = f"{path}{'&' if '?' in path else '?'}bench-first-render={time.time_ns()}-{index}"
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(host + fresh, timeout=120) as answer:
                answer.read()
        except (urllib.error.URLError, TimeoutError):
            continue
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    if not times:
        return {"count": 0}

    def at(q: float) -> float:
        return round(times[min(len(times) - 1, int(q * len(times)))], 1)

    return {"count": len(times), "p50_ms": at(0.5), "p95_ms": at(0.95)}


def prime(host: str, urls: list[str]) -> None:
    """Each URL once at its own address, untimed: what an anonymous visitor's page cache holds
    after the page has been visited once (ADR 6)."""
    for path in urls:
        try:
            with urllib.request.urlopen(host + path, timeout=120) as answer:
                answer.read()
        except (urllib.error.URLError, TimeoutError):
            continue


def warm_up(host: str, routes: dict[str, Any], order: list[str], workers: int) -> None:
    """A few requests per route before measuring (each worker imports and compiles what the
    route needs on its first request); a route that does not answer 200 is reported now."""
    for name in order:
        urls = routes[name]["urls"]
        for index in range(max(2, 2 * workers)):
            url = host + urls[index % len(urls)]
            try:
                with urllib.request.urlopen(url, timeout=120) as answer:
                    answer.read()
            except urllib.error.HTTPError as error:
                log(f"  warning: {name} answered {error.code} for {url}")
                break
            except (urllib.error.URLError, TimeoutError) as error:
                log(f"  warning: {name} failed for {url}: {error}")
                break


def action_status_api(host: str) -> str | None:
    """The API's path for changing an action item's status, if the API has one (read from its
    OpenAPI schema): "/api/v1/action-items/{id}/status"-like. None: use the HTML form."""
    try:
        with urllib.request.urlopen(host + "/api/v1/openapi.json", timeout=30) as answer:
            schema = json.loads(answer.read())
    except (urllib.error.URLError, ValueError, TimeoutError):
        return None
    for path, operations in schema.get("paths", {}).items():
        wanted = path.startswith("/api/v1/action-items/{") and path.rstrip("/").endswith("/status")
        if wanted and "post" in operations:
            parameter = path.split("{", 1)[1].split("}", 1)[0]
            return path.replace("{" + parameter + "}", "{id}")
    return None


def importer_speed(run_: Run) -> dict[str, Any]:
    out = run_.work / "out" / "importer.json"
    env = app_env({"SQLITE_PATH": str(run_.work / "importer.sqlite3")}, run_.work)
    helper(["importer", "--out", str(out), "--notes", "50"], env, run_.log_file)
    result = json.loads(out.read_text())
    log(f"importer: {result['notes_per_second']} notes/s over {result['notes']} notes")
    return result


def discard(database: Database, url: str, scale: int, *, keep: bool) -> None:
    """Remove a scale's database once measured (unless --keep)."""
    if keep:
        return
    if database.engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database.env['SQLITE_PATH']}{suffix}").unlink(missing_ok=True)
    else:
        drop_postgres(url, scale)


def databases(args: argparse.Namespace) -> list[str]:
    chosen = [d.strip() for d in args.databases.split(",") if d.strip()]
    if (args.postgres or os.environ.get("DATABASE_URL")) and "postgresql" not in chosen:
        chosen.append("postgresql")
    unknown = set(chosen) - {"sqlite", "postgresql"}
    if unknown:
        raise SystemExit(f"bench: unknown database {', '.join(sorted(unknown))}")
    return chosen


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description="opengov's load driver and budgets (bench/README.md).",
    )
    parser.add_argument(
        "what", nargs="?", default="all",
        choices=["all", "routes", "growth", "writes", "exports", "importer", "report"],
        help="all (default): routes, exports, writes (largest scale), growth, importer, budgets; "
        "or one of them (growth: only the smallest and largest scale, served at once); "
        "report FILE...: print the tables of earlier *-run.json files",
    )  # fmt: skip
    parser.add_argument("files", nargs="*", help="for report: *-run.json files")
    parser.add_argument("--scales", default="1,10,100", help="comma-separated (default 1,10,100)")
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument(
        "--postgres", action="store_true",
        help="also PostgreSQL: DATABASE_URL's server, else a throwaway PostgreSQL 15",
    )  # fmt: skip
    parser.add_argument("--seconds", type=int, default=15, help="per route and concurrency")
    parser.add_argument("--write-seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument(
        "--quick", action="store_true",
        help="try it: S=1 only, 10 s per route, 10 s of writes; results in bench/results/quick/",
    )  # fmt: skip
    parser.add_argument(
        "--demo-data", action="store_true",
        help="load `opengov load-demo` instead of the generator (to try the driver only)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--routes", default="",
        help='only these routes, comma-separated (e.g. "action register,meeting"); the floor '
        "is always measured",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.quick:  # an explicit --seconds or --write-seconds still wins
        given = " ".join(argv)
        args.scales = "1"
        args.seconds = args.seconds if "--seconds" in given else 10
        args.write_seconds = args.write_seconds if "--write-seconds" in given else 10
    unknown = {r.strip() for r in args.routes.split(",") if r.strip()} - set(ROUTE_NAMES)
    if unknown:
        parser.error(
            f"no route named {', '.join(sorted(unknown))}; routes: {', '.join(ROUTE_NAMES)}"
        )
    args.scale_list = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    return args


def report(files: list[str]) -> None:
    for name in files:
        combined = json.loads(Path(name).read_text())
        print(driver_report.render(combined))


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if args.what == "report":
        report(args.files)
        return
    run_ = Run(args)
    log(f"work folder {run_.work}; log {run_.log_file}")
    importer = importer_speed(run_) if args.what in {"all", "importer"} else None
    pg: ThrowawayPostgres | None = None
    try:
        for engine in databases(args) if args.what != "importer" else []:
            url = ""
            if engine == "postgresql":
                url = os.environ.get("DATABASE_URL", "")
                if not url:
                    pg = ThrowawayPostgres()
                    url = pg.start()
            ends = (args.scale_list[0], args.scale_list[-1])
            paired = args.what in {"all", "routes", "growth"} and ends[0] != ends[1]
            kept: dict[int, Database] = {}  # the two ends, until growth has been measured
            try:
                for scale in args.scale_list:
                    if args.what == "growth" and scale not in ends:
                        continue
                    database = (
                        fresh_sqlite(run_.work, scale) if engine == "sqlite"
                        else fresh_postgres(url, scale)
                    )  # fmt: skip
                    kept[scale] = database
                    largest = scale == ends[1]
                    result = run_.one(
                        database, scale,
                        routes_on=args.what in {"all", "routes"},
                        writes_on=args.what == "writes" or (args.what == "all" and largest),
                        exports_on=args.what in {"all", "exports"},
                    )  # fmt: skip
                    run_.results.append(result)
                    if not (paired and scale in ends):
                        discard(kept.pop(scale), url, scale, keep=args.keep)
                if paired:
                    run_.interleaved_growth((kept[ends[0]], ends[0]), (kept[ends[1]], ends[1]))
            finally:
                for scale, database in kept.items():
                    discard(database, url, scale, keep=args.keep)
    finally:
        if pg is not None:
            pg.stop()
    run_.finish(importer)


if __name__ == "__main__":
    main(sys.argv[1:])
