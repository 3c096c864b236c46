"""The load driver's report: Markdown tables of a run's results, growth across scales, and the
budgets of issue 4, section 3, each printed as PASS or FAIL (or NOT RUN).

The budgets are set for S=100. When the largest scale of a run is smaller, each budget is still
evaluated at the largest scale run and marked "indicative"; growth compares the smallest and the
largest scale run, exports the two largest.

Growth is judged on the interleaved measurement when the run has one (both scales served at once,
each route's requests alternating between them: see `Run.interleaved_growth`); a run without it
(an older result file) is judged on its separate phases."""

from __future__ import annotations

from typing import Any

from driver_common import ratio

HTML_P95_MS = 50.0
HTML_FLOOR_RATIO = 3.0
API_P95_MS = 25.0
GROWTH_RATIO = 1.3
MIX_THROUGHPUT_SHARE = 0.5
WRITE_P99_MS = 250.0
EXPORT_MEMORY_RATIO = 1.2
BUDGET_SCALE = 100
# A full download grows with the data by definition: its budget is the export memory one.
NOT_IN_GROWTH = {"floor", "csv"}
# Not measured in the interleaved growth phase: a full download takes seconds at S=100.
NOT_INTERLEAVED = {"csv"}


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def times(value: float | None) -> str:
    """A ratio as the tables print it: two decimals and "×"."""
    return "–" if value is None else f"{value:.2f} ×"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_fmt(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_line(machine: dict[str, Any]) -> str:
    return (
        f"{machine.get('cpu_model')} · {machine.get('cores')} cores · "
        f"{machine.get('memory_gb')} GB · {machine.get('os')} · Python {machine.get('python')} · "
        f"Django {machine.get('django')} · gunicorn {machine.get('gunicorn')} · "
        f"Locust {machine.get('locust')} · load average at start "
        f"{machine.get('load_average_at_start')} · commit {(machine.get('commit') or '?')[:12]}"
    )


def database_line(result: dict[str, Any]) -> str:
    db = result["database"]
    return f"{db.get('engine')} {db.get('version')}"


def route_table(result: dict[str, Any]) -> str:
    levels = result.get("routes", {})
    c1, c16 = levels.get("c1", {}), levels.get("c16", {})
    rows = []
    for name in result.get("route_order", list(c1) or list(c16)):
        a, b = c1.get(name, {}), c16.get(name, {})
        rows.append(
            [
                name,
                a.get("kind") or b.get("kind"),
                a.get("p50_ms"),
                a.get("p95_ms"),
                a.get("p99_ms"),
                a.get("rps"),
                a.get("errors"),
                a.get("p50_vs_floor"),
                b.get("p50_ms"),
                b.get("p95_ms"),
                b.get("p99_ms"),
                b.get("rps"),
                b.get("errors"),
                (a.get("first_render") or {}).get("p50_ms"),
                (a.get("first_render") or {}).get("p95_ms"),
            ]
        )
    mix = result.get("page_mix_c16")
    if mix:
        rows.append(
            [
                "page mix (all HTML pages)",
                "mix",
                *[None] * 6,
                mix.get("p50_ms"),
                mix.get("p95_ms"),
                mix.get("p99_ms"),
                mix.get("rps"),
                mix.get("errors"),
                None,
                None,
            ]
        )
    headers = [
        "route",
        "kind",
        "c1 p50 ms",
        "c1 p95",
        "c1 p99",
        "c1 req/s",
        "c1 err",
        "p50/floor",
        "c16 p50 ms",
        "c16 p95",
        "c16 p99",
        "c16 req/s",
        "c16 err",
        "first render p50",
        "first render p95",
    ]
    return table(headers, rows)


def interleaved_entry(kind: str, sides: list[dict[str, Any] | None]) -> dict[str, Any]:
    """One route of the interleaved growth phase: the Locust statistics of its two sides (the
    smallest scale's first), and the ratio of their p50s."""
    got = [side or {} for side in sides]
    p50 = [side.get("p50_ms") for side in got]
    return {
        "kind": kind,
        "p50_ms": p50,
        "p95_ms": [side.get("p95_ms") for side in got],
        "count": [side.get("count", 0) for side in got],
        "errors": [side.get("errors", 0) for side in got],
        "ratio": ratio(p50[1], p50[0]),
    }


def growth(
    results: list[dict[str, Any]], interleaved: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Per database: each route's p50 at concurrency 1 at every scale, and the ratio of the
    largest scale's to the smallest's (raw, and normalised by the floor of each scale); and,
    when the run measured it, the interleaved measurement of the same ratio, which the growth
    budget then judges (the `method`)."""
    out = _growth_by_phases(results)
    for engine, paired in (interleaved or {}).items():
        data = out.setdefault(
            engine,
            {"from_scale": paired["from_scale"], "to_scale": paired["to_scale"], "routes": {}},
        )
        data["method"] = "interleaved"
        for name, entry in paired["routes"].items():
            route = data["routes"].setdefault(
                name,
                {
                    "kind": entry["kind"],
                    "p50_ms": {},
                    "ratio": None,
                    "ratio_floor_normalised": None,
                },
            )
            route["interleaved"] = entry
    return out


def _growth_by_phases(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for engine in sorted({r["database"]["engine"] for r in results}):
        runs = sorted(
            (r for r in results if r["database"]["engine"] == engine and r.get("routes")),
            key=lambda r: r["scale"],
        )
        if len(runs) < 2:
            continue
        low, high = runs[0], runs[-1]
        routes: dict[str, Any] = {}
        for name, first in low["routes"].get("c1", {}).items():
            last = high["routes"].get("c1", {}).get(name, {})
            routes[name] = {
                "kind": first.get("kind"),
                "p50_ms": {
                    str(r["scale"]): r["routes"]["c1"].get(name, {}).get("p50_ms") for r in runs
                },
                "ratio": ratio(last.get("p50_ms"), first.get("p50_ms")),
                "ratio_floor_normalised": ratio(
                    last.get("p50_vs_floor"), first.get("p50_vs_floor")
                ),
            }
        out[engine] = {
            "from_scale": low["scale"],
            "to_scale": high["scale"],
            "routes": routes,
            "method": "separate phases",
        }
    return out


def growth_ratio(data: dict[str, Any], route: dict[str, Any]) -> float | None:
    """The ratio the growth budget judges: the interleaved one when the run measured it."""
    if data.get("method") == "interleaved":
        return (route.get("interleaved") or {}).get("ratio")
    return route.get("ratio")


def full_render_ratio(route: dict[str, Any]) -> float | None:
    return ((route.get("interleaved") or {}).get("full_render") or {}).get("ratio")


def growth_table(engine: str, data: dict[str, Any]) -> str:
    routes = data["routes"]
    scales = sorted({s for route in routes.values() for s in route["p50_ms"]}, key=int)
    low, high = data["from_scale"], data["to_scale"]
    paired = data.get("method") == "interleaved"
    full = paired and any(
        (route.get("interleaved") or {}).get("full_render") for route in routes.values()
    )
    missing = {"p50_ms": [None, None], "count": [None, None]}
    rows = []
    for name, route in routes.items():
        row = [name, *[route["p50_ms"].get(s) for s in scales]]
        if scales:
            row += [times(route["ratio"]), times(route["ratio_floor_normalised"])]
        if paired:
            entry = route.get("interleaved") or missing
            row += [*entry["p50_ms"], times(entry.get("ratio")), *entry["count"]]
        if full:
            entry = (route.get("interleaved") or {}).get("full_render") or missing
            row += [*entry["p50_ms"], times(entry.get("ratio")), *entry["count"]]
        rows.append(row)
    headers = ["route", *[f"phases: p50 ms S={s}" for s in scales]]
    if scales:
        headers += [f"phases: S={high}/S={low}", "phases, floor-normalised"]
    if paired:
        headers += [
            f"interleaved: p50 ms S={low}",
            f"interleaved: p50 ms S={high}",
            f"interleaved: S={high}/S={low}",
            f"requests S={low}",
            f"requests S={high}",
        ]
    if full:
        headers += [
            f"full render: p50 ms S={low}",
            f"full render: p50 ms S={high}",
            f"full render: S={high}/S={low}",
            f"full render: requests S={low}",
            f"full render: requests S={high}",
        ]
    judged = (
        "the interleaved ratio (both scales served at once, requests alternating)"
        if paired
        else "the ratio of separate phases"
    )
    return f"Growth on {engine} (concurrency 1); the budget judges {judged}:\n\n" + table(
        headers, rows
    )


def _budget(
    name: str, engine: str, scope: str, failures: list[str], checked: int, note: str = ""
) -> dict[str, Any]:
    status = "NOT RUN" if checked == 0 else "FAIL" if failures else "PASS"
    return {
        "budget": name,
        "database": engine,
        "scope": scope,
        "status": status,
        "failures": failures,
        "note": note,
    }


def _scope(scale: int, wanted: int = BUDGET_SCALE) -> str:
    return f"S={scale}" + ("" if scale == wanted else f" (indicative: budget is at S={wanted})")


def budgets(results: list[dict[str, Any]], grown: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    engines = sorted({r["database"]["engine"] for r in results})
    for engine in engines:
        runs = sorted(
            (r for r in results if r["database"]["engine"] == engine), key=lambda r: r["scale"]
        )
        with_routes = [r for r in runs if r.get("routes")]
        if with_routes:
            top = with_routes[-1]
            scope = _scope(top["scale"])
            c1 = top["routes"].get("c1", {})
            c16 = top["routes"].get("c16", {})
            html = {n: r for n, r in c1.items() if r.get("kind") == "html"}
            api = {n: r for n, r in c1.items() if r.get("kind") == "api"}
            out.append(
                _budget(
                    f"HTML pages, concurrency 1: p95 ≤ {HTML_P95_MS:.0f} ms",
                    engine,
                    scope,
                    [
                        f"{n}: p95 {r.get('p95_ms')} ms"
                        for n, r in html.items()
                        if r.get("p95_ms") is None or r["p95_ms"] > HTML_P95_MS
                    ],
                    len(html),
                )
            )
            out.append(
                _budget(
                    f"HTML pages, concurrency 1: p50 ≤ {HTML_FLOOR_RATIO:.0f} × floor p50",
                    engine,
                    scope,
                    [
                        f"{n}: {r.get('p50_vs_floor')} × floor"
                        for n, r in html.items()
                        if r.get("p50_vs_floor") is None or r["p50_vs_floor"] > HTML_FLOOR_RATIO
                    ],
                    len(html),
                    note=f"floor p50 {c1.get('floor', {}).get('p50_ms')} ms",
                )
            )
            out.append(
                _budget(
                    f"API list/detail, concurrency 1: p95 ≤ {API_P95_MS:.0f} ms",
                    engine,
                    scope,
                    [
                        f"{n}: p95 {r.get('p95_ms')} ms"
                        for n, r in api.items()
                        if r.get("p95_ms") is None or r["p95_ms"] > API_P95_MS
                    ],
                    len(api),
                )
            )
            errors = {n: r.get("errors") for n, r in c16.items()}
            mix = top.get("page_mix_c16") or {}
            if mix:
                errors["page mix"] = mix.get("errors")
            out.append(
                _budget(
                    "Concurrency 16: zero errors",
                    engine,
                    scope,
                    [f"{n}: {e} errors" for n, e in errors.items() if e],
                    len(errors),
                )
            )
            floor_rps = c16.get("floor", {}).get("rps")
            share = ratio(mix.get("rps"), floor_rps)
            out.append(
                _budget(
                    f"Concurrency 16: page-mix throughput ≥ {MIX_THROUGHPUT_SHARE:.0%} of floor's",
                    engine,
                    scope,
                    []
                    if share is not None and share >= MIX_THROUGHPUT_SHARE
                    else [f"page mix {mix.get('rps')} req/s = {share} × floor {floor_rps} req/s"],
                    1 if mix and floor_rps else 0,
                    note=f"page mix {mix.get('rps')} req/s, floor {floor_rps} req/s ({share} ×)",
                )
            )
        g = grown.get(engine)
        if g:
            checked = {
                n: growth_ratio(g, r)
                for n, r in g["routes"].items()
                if r["kind"] not in NOT_IN_GROWTH
            }
            gscope = f"S={g['from_scale']} → S={g['to_scale']}, {g.get('method')}"
            if (g["from_scale"], g["to_scale"]) != (1, BUDGET_SCALE):
                gscope += f" (indicative: budget is S=1 → S={BUDGET_SCALE})"
            out.append(
                _budget(
                    f"Growth: p50 at the largest scale ≤ {GROWTH_RATIO} × p50 at the smallest",
                    engine,
                    gscope,
                    [f"{n}: {r} ×" for n, r in checked.items() if r is None or r > GROWTH_RATIO],
                    len(checked),
                    note="the floor and the full CSV download are not growth-checked",
                )
            )
            rendered = {
                n: full_render_ratio(r)
                for n, r in g["routes"].items()
                if r["kind"] not in NOT_IN_GROWTH
            }
            if any(r.get("interleaved", {}).get("full_render") for r in g["routes"].values()):
                out.append(
                    _budget(
                        f"Growth of full renders (no page cache): p50 at the largest scale ≤ "
                        f"{GROWTH_RATIO} × p50 at the smallest",
                        engine,
                        gscope,
                        [
                            f"{n}: {r} ×"
                            for n, r in rendered.items()
                            if r is None or r > GROWTH_RATIO
                        ],
                        len(rendered),
                        note="what a signed-in person's page costs; not run by older drivers",
                    )
                )
        else:
            out.append(_budget("Growth across scales", engine, "needs two scales", [], 0))
        if engine == "sqlite":
            written = [r for r in runs if r.get("writes")]
            if written:
                w = written[-1]["writes"]
                wscope = _scope(written[-1]["scale"])
                out.append(
                    _budget(
                        "SQLite writes: zero “database is locked” errors",
                        engine,
                        wscope,
                        [f"{w['locked_errors']} locked errors"] if w["locked_errors"] else [],
                        1,
                    )
                )
                p99 = w["all"].get("p99_ms")
                out.append(
                    _budget(
                        f"SQLite writes: p99 ≤ {WRITE_P99_MS:.0f} ms",
                        engine,
                        wscope,
                        [] if p99 is not None and p99 <= WRITE_P99_MS else [f"p99 {p99} ms"],
                        1,
                        note=f"{w['all'].get('count')} writes, {w.get('writes_per_second')}/s, "
                        f"{w.get('errors')} errors",
                    )
                )
            else:
                out.append(_budget("SQLite writes", engine, "not run", [], 0))
        exported = [r for r in runs if r.get("exports")]
        if len(exported) >= 2:
            low, high = exported[-2], exported[-1]
            escope = f"S={low['scale']} → S={high['scale']}"
            if (low["scale"], high["scale"]) != (10, BUDGET_SCALE):
                escope += f" (indicative: budget is S=10 → S={BUDGET_SCALE})"
            fails = []
            for name, high_export in high["exports"].items():
                low_export = low["exports"].get(name, {})
                share = ratio(high_export.get("peak_rss_mb"), low_export.get("peak_rss_mb"))
                if share is None or share > EXPORT_MEMORY_RATIO:
                    fails.append(f"{name}: peak memory {share} ×")
            out.append(
                _budget(
                    f"Exports stream: peak memory ≤ {EXPORT_MEMORY_RATIO} × the smaller scale's",
                    engine,
                    escope,
                    fails,
                    len(high["exports"]),
                )
            )
        else:
            out.append(_budget("Exports stream", engine, "needs two scales", [], 0))
    return out


def budget_table(items: list[dict[str, Any]]) -> str:
    rows = [
        [
            b["status"],
            b["budget"],
            b["database"],
            b["scope"],
            "; ".join(b["failures"]) or b.get("note") or "",
        ]
        for b in items
    ]
    return table(["result", "budget", "database", "where", "details"], rows)


def writes_table(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        w = r.get("writes")
        if not w:
            continue
        for kind, stats in [("all", w["all"]), *w["by_kind"].items()]:
            rows.append(
                [
                    database_line(r),
                    r["scale"],
                    kind,
                    stats.get("count"),
                    stats.get("rps"),
                    stats.get("p50_ms"),
                    stats.get("p95_ms"),
                    stats.get("p99_ms"),
                    stats.get("errors"),
                    w["locked_errors"] if kind == "all" else None,
                ]
            )
    headers = [
        "database",
        "scale",
        "writes",
        "count",
        "writes/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "locked",
    ]
    return table(headers, rows)


def exports_table(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        for name, e in (r.get("exports") or {}).items():
            rows.append(
                [
                    database_line(r),
                    r["scale"],
                    name,
                    e.get("lines"),
                    round(e.get("bytes", 0) / 1e6, 2),
                    e.get("seconds"),
                    e.get("rss_after_setup_mb"),
                    e.get("peak_rss_mb"),
                    e.get("status"),
                ]
            )
    headers = [
        "database",
        "scale",
        "dataset",
        "lines",
        "MB",
        "seconds",
        "RSS after setup MB",
        "peak RSS MB",
        "HTTP",
    ]
    return table(headers, rows)


def render(combined: dict[str, Any]) -> str:
    results = combined["results"]
    parts = [
        f"# opengov bench run {combined['stamp']}",
        "",
        f"Command: `{combined['command']}`",
        "",
        f"Machine: {machine_line(combined['machine'])}",
        "",
        f"Each route ran for {combined['settings']['seconds']} s at concurrency 1 and at 16 "
        f"(gunicorn, {combined['settings']['workers']} sync workers, production settings, "
        "DEBUG off). Times in milliseconds, exact (from every request's time, not Locust's "
        "rounded CSV). p50/floor: the route's p50 over the floor page's p50 in the same run. "
        "Before each route's phase every sampled URL is requested once: 'first render' is the "
        "p50/p95 of those answers (a page rendered in full, before the anonymous page cache holds "
        "it: ADR 6; signed-in people always get full renders); then once more at its own "
        "address, untimed, so that the phase measures the steady state.",
    ]
    for r in results:
        if not r.get("routes"):
            continue
        counts = r.get("counts", {})
        parts += [
            "",
            f"## {database_line(r)}, S={r['scale']} ({r.get('data')})",
            "",
            "Data: " + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "public"),
            "",
            route_table(r),
        ]
    for engine, data in combined.get("growth", {}).items():
        parts += ["", "## Growth", ""]
        paired = combined.get("interleaved_growth", {}).get(engine)
        if paired:
            parts += [
                f"Interleaved: the S={paired['from_scale']} and S={paired['to_scale']} databases "
                "served at once by two servers, each route for "
                f"{paired['seconds_per_route']} s at concurrency 1 with its requests alternating "
                "between them (each side primed first, as before a phase), so that whatever else "
                "the machine does falls on both alike. The floor is measured the same way as a "
                "check: its ratio should be close to 1. Then the same with the page cache "
                "bypassed (a messages cookie on every request): 'full render', what each page "
                "costs to build, as a signed-in person's always is. "
                f"({paired['started_at']} to {paired['finished_at']}.)",
                "",
            ]
        parts += [growth_table(engine, data)]
    if any(r.get("writes") for r in results):
        seconds = next(r["writes"]["seconds"] for r in results if r.get("writes"))
        via = next(r["writes"]["action_status_via"] for r in results if r.get("writes"))
        parts += [
            "",
            "## Concurrent writes",
            "",
            f"16 writers for {seconds} s: progress updates through the API (tokens) and "
            f"action-item status changes (through {via}).",
            "",
            writes_table(results),
        ]
    if any(r.get("exports") for r in results):
        parts += [
            "",
            "## Open-data exports (full CSV, one process each)",
            "",
            exports_table(results),
        ]
    imp = combined.get("importer")
    if imp:
        parts += [
            "",
            "## Notes importer",
            "",
            table(
                ["notes", "distinct files", "seconds (median of 3)", "notes/s"],
                [
                    [
                        imp["notes"],
                        imp["distinct_files"],
                        imp["seconds_median_of_3"],
                        imp["notes_per_second"],
                    ]
                ],
            ),
        ]
    parts += ["", "## Budgets (issue 4, section 3)", "", budget_table(combined["budgets"]), ""]
    return "\n".join(parts)
