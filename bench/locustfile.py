"""Locust users for bench/run. Every user sends its next request as soon as the last one is
answered (no think time): `-u 1` measures one visitor's latency, `-u 16` sixteen at once.

The driver writes a plan (JSON) and points BENCH_PLAN at it; every request's exact time is written
to BENCH_TIMINGS (JSON lines) when Locust stops, because Locust's own CSV rounds percentiles.

    RouteUser   GETs the URLs of the routes named in the plan's "selected" (one route: its
                latency; several: a mix), each request picking a route and a URL at random.
    PairedUser  one route on two servers of the same code, each on its own scale's data (the
                plan's "sides"): its requests alternate between them, so that whatever else the
                machine does slows both sides alike. Each request is named "<route> @ <side>".
                With the plan's "full_render", every request carries a (meaningless) messages
                cookie, so the page cache neither serves nor stores it (ADR 6): each answer is
                rendered in full, as a signed-in person's always is.
    WriterUser  one writer per user, as in the plan's "writers": posts progress updates through
                the API with its token, and changes the status of its own action items (through
                the API when it has an endpoint for that, else through the page's form).

By hand (after `bench/run` has left a plan in var/bench/…):
    BENCH_PLAN=plan.json locust -f bench/locustfile.py --headless -u 1 -r 1 -t 10s \
        --host http://127.0.0.1:8000 --csv out RouteUser
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task

PLAN: dict[str, Any] = {}
if os.environ.get("BENCH_PLAN"):
    with open(os.environ["BENCH_PLAN"]) as plan_file:
        PLAN = json.load(plan_file)

TIMINGS: list[list[Any]] = []  # [name, start, milliseconds, ok, error message if not ok]
_slots = itertools.count()


@events.request.add_listener
def _record(
    name: str, response_time: float, exception: Exception | None, start_time: float, **_: Any
) -> None:
    row = [name, round(start_time, 6), round(response_time, 3), 0 if exception else 1]
    if exception:
        row.append(str(exception)[:300])
    TIMINGS.append(row)


@events.quitting.add_listener
def _write_timings(**_: Any) -> None:
    path = os.environ.get("BENCH_TIMINGS")
    if not path:
        return
    with open(path, "w") as out:
        for row in TIMINGS:
            out.write(json.dumps(row) + "\n")


class RouteUser(FastHttpUser):
    wait_time = constant(0)
    connection_timeout = 10.0
    network_timeout = 300.0

    def on_start(self) -> None:
        routes = PLAN.get("routes", {})
        self.choices = [(name, routes[name]["urls"]) for name in PLAN.get("selected", [])]
        self.rng = random.Random(next(_slots))

    @task
    def visit(self) -> None:
        name, urls = self.rng.choice(self.choices)
        url = self.rng.choice(urls)
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} for {url}")
            elif not response.content:
                response.failure(f"empty answer for {url}")


class PairedUser(FastHttpUser):
    wait_time = constant(0)
    connection_timeout = 10.0
    network_timeout = 300.0

    def on_start(self) -> None:
        self.route = PLAN["route"]
        self.sides = [(side["label"], side["host"], side["urls"]) for side in PLAN["sides"]]
        self.turn = 0
        self.rng = random.Random(next(_slots))
        self.headers = {"Cookie": "messages=bench-full-render"} if PLAN.get("full_render") else {}

    @task
    def visit(self) -> None:
        label, host, urls = self.sides[self.turn % len(self.sides)]
        self.turn += 1
        url = host + self.rng.choice(urls)
        name = f"{self.route} @ {label}"
        with self.client.get(url, name=name, headers=self.headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} for {url}")
            elif not response.content:
                response.failure(f"empty answer for {url}")


STATUSES = ["on_track", "delayed", "postponed", "complete", "not_started"]


class WriterUser(FastHttpUser):
    wait_time = constant(0)
    connection_timeout = 10.0
    network_timeout = 120.0

    def on_start(self) -> None:
        writers = PLAN["writers"]
        self.slot = next(_slots)
        self.writer = writers[self.slot % len(writers)]
        self.items = [dict(item) for item in self.writer["action_items"]]
        self.rng = random.Random(self.slot)
        self.count = 0
        self.auth = {"Authorization": f"Bearer {self.writer['token']}"}

    @task
    def write(self) -> None:
        self.count += 1
        if self.items and self.count % 2 == 0:
            self.change_action_status()
        else:
            self.post_progress_update()

    def post_progress_update(self) -> None:
        commitment = self.rng.choice(self.writer["commitments"])
        payload = {
            "status": self.rng.choice(STATUSES),
            "text": (
                f"Progress reported by {self.writer['email']} during the write benchmark "
                f"(update {self.count}): the department met the stakeholders again and "
                "published the minutes of the working group."
            ),
            "evidence": [{"url": "https://example.org/evidence", "title": "Working group notes"}],
        }
        with self.client.post(
            f"/api/v1/commitments/{commitment}/updates",
            json=payload,
            headers=self.auth,
            name="write: progress update",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    def change_action_status(self) -> None:
        item = self.items[(self.count // 2) % len(self.items)]
        new_status = "open" if item["status"] == "done" else "done"
        api_path = PLAN.get("action_status_api")
        if api_path:
            request = self.client.post(
                api_path.format(id=item["id"]),
                json={"status": new_status, "version": item["version"]},
                headers=self.auth,
                name="write: action status",
                catch_response=True,
            )
            expected = (200, 201)
        else:
            csrf = "b" * 32  # any 32-character secret: the same in the cookie and in the form
            cookie = (
                f"{PLAN['session_cookie']}={self.writer['session']}; {PLAN['csrf_cookie']}={csrf}"
            )
            form = {
                "csrfmiddlewaretoken": csrf,
                "status": new_status,
                "version": str(item["version"]),
                "note": "",
                "at_meeting": "",
                "done_on_day": "",
                "done_on_month": "",
                "done_on_year": "",
            }
            request = self.client.post(
                f"/actions/{item['id']}/status/",
                data=urlencode(form),
                headers={
                    "Cookie": cookie,
                    "Origin": self.host,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                allow_redirects=False,
                name="write: action status",
                catch_response=True,
            )
            expected = (302,)
        with request as response:
            if response.status_code in expected:
                response.success()
                item["status"], item["version"] = new_status, item["version"] + 1
            else:
                response.failure(f"HTTP {response.status_code} for action {item['id']}")


@events.test_start.add_listener
def _note_start(**_: Any) -> None:
    PLAN["_started"] = time.time()
