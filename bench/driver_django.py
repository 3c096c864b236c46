"""The Django side of the load driver, run by bench/driver.py in its own process with the same
environment as the server (production settings, the benchmark's database):

    python bench/driver_django.py params  --out FILE [--per-route N]   route parameters and counts
    python bench/driver_django.py writers --out FILE [--count N]       16 writers with tokens
    python bench/driver_django.py export  NAME --out FILE              stream /data/NAME.csv
    python bench/driver_django.py importer --out FILE [--notes N]      notes importer speed

Each prints nothing on success and writes JSON to --out."""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
RANDOM_SEED = 20161110  # the day of the meeting in data/: any fixed number does

HTML_LISTS = {
    "home": "/",
    "meetings list": "/meetings/",
    "action register": "/actions/",
    "history": "/history/",
}
ROUTE_NAMES = (
    "floor", "home", "plan", "commitment", "organisation", "meetings list", "meeting",
    "action register", "history", "api commitments list", "api commitment",
    "api action items list", "api action item", "ideas list", "idea", "api ideas list", "api idea",
    "collective action", "post", "nomination round", "api collective actions list",
    "commitments csv",
)  # fmt: skip
API_LISTS = {
    "api commitments list": "/api/v1/commitments",
    "api action items list": "/api/v1/action-items",
    "api ideas list": "/api/v1/ideas",
    "api collective actions list": "/api/v1/collective-actions",
}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()


def sample(values: list[Any], count: int, salt: str) -> list[Any]:
    """A deterministic sample spread over the whole list."""
    if len(values) <= count:
        return list(values)
    return random.Random(f"{RANDOM_SEED}-{salt}").sample(values, count)


def params(out: Path, per_route: int) -> None:
    """Every route's URLs: fixed pages as they are, detail pages over a sample of public objects
    (so a run exercises many objects, not one cached row), and the table counts of the data."""
    setup_django()
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count

    from opengov.action_plans.models import ActionPlan, Commitment, Milestone, ProgressUpdate
    from opengov.collective_actions.models import CollectiveAction, SignUp
    from opengov.core.models import AuditEvent
    from opengov.ideas.models import CallForIdeas, Comment, Idea, Support
    from opengov.meetings.models import ActionItem, Meeting
    from opengov.nominations.models import Ballot, Nomination, NominationRound
    from opengov.organisations.models import Organisation, Person, Post, Tenure

    public = AnonymousUser()
    plans = list(ActionPlan.objects.visible_to(public).values_list("pk", flat=True))
    commitments = list(Commitment.objects.visible_to(public).values_list("pk", flat=True))
    organisations = list(Organisation.objects.values_list("slug", flat=True))
    meetings = list(Meeting.objects.visible_to(public).values_list("pk", flat=True))
    actions = list(ActionItem.objects.visible_to(public).values_list("pk", flat=True))
    # Ideas: the call with the most public ideas (its page lists them), the idea with the most
    # comments (the seed's 2,000-comment idea: its page shows the first page of them) and a
    # sample of the others.
    ideas = list(Idea.objects.visible_to(public).values_list("pk", flat=True))
    busiest = (
        Idea.objects.visible_to(public)
        .values("call")
        .annotate(n=Count("pk"))
        .order_by("-n", "call")
        .values_list("call", flat=True)
        .first()
    )
    hot = (
        Idea.objects.visible_to(public)
        .order_by("-comments_count", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    idea_ids = [hot] if hot is not None else []
    idea_ids += sample(sorted(set(ideas) - set(idea_ids)), max(per_route - 1, 0), "idea")

    # Network governance: public collective actions, posts, and the finished rounds (their pages
    # show the results, the counts and the members elected).
    collective_actions = list(
        CollectiveAction.objects.visible_to(public).values_list("pk", flat=True)
    )
    posts = list(Post.objects.values_list("slug", flat=True))
    finished_rounds = list(
        NominationRound.objects.visible_to(public)
        .filter(results_published_at__isnull=False)
        .values_list("pk", flat=True)
    )

    def urls(template: str, values: list[Any], salt: str) -> list[str]:
        return [template.format(v) for v in sample(sorted(values), per_route, salt)]

    routes: dict[str, dict[str, Any]] = {
        "floor": {"kind": "floor", "urls": ["/_bench/floor/"]},
        "home": {"kind": "html", "urls": [HTML_LISTS["home"]]},
        "plan": {"kind": "html", "urls": urls("/plans/{}/", plans, "plan")},
        "commitment": {"kind": "html", "urls": urls("/commitments/{}/", commitments, "c")},
        "organisation": {
            "kind": "html",
            "urls": urls("/organisations/{}/", organisations, "org"),
        },
        "meetings list": {"kind": "html", "urls": [HTML_LISTS["meetings list"]]},
        "meeting": {"kind": "html", "urls": urls("/meetings/{}/", meetings, "meeting")},
        "action register": {"kind": "html", "urls": [HTML_LISTS["action register"]]},
        "history": {"kind": "html", "urls": [HTML_LISTS["history"]]},
        "api commitments list": {"kind": "api", "urls": [API_LISTS["api commitments list"]]},
        "api commitment": {
            "kind": "api",
            "urls": urls("/api/v1/commitments/{}", commitments, "api-c"),
        },
        "api action items list": {"kind": "api", "urls": [API_LISTS["api action items list"]]},
        "api action item": {
            "kind": "api",
            "urls": urls("/api/v1/action-items/{}", actions, "api-a"),
        },
        "ideas list": {
            "kind": "html",
            "urls": [f"/ideas/calls/{busiest}/"] if busiest is not None else [],
        },
        "idea": {"kind": "html", "urls": [f"/ideas/{pk}/" for pk in idea_ids]},
        "api ideas list": {
            "kind": "api",
            "urls": (
                [API_LISTS["api ideas list"], f"{API_LISTS['api ideas list']}?call={busiest}"]
                if busiest is not None
                else []
            ),
        },
        "api idea": {"kind": "api", "urls": [f"/api/v1/ideas/{pk}" for pk in idea_ids]},
        "collective action": {
            "kind": "html",
            "urls": urls("/collective-actions/{}/", collective_actions, "ca"),
        },
        "post": {"kind": "html", "urls": urls("/posts/{}/", posts, "post")},
        "nomination round": {
            "kind": "html",
            "urls": urls("/nominations/{}/", finished_rounds, "round"),
        },
        "api collective actions list": {
            "kind": "api",
            "urls": [API_LISTS["api collective actions list"]],
        },
        "commitments csv": {"kind": "csv", "urls": ["/data/commitments.csv"]},
    }
    assert tuple(routes) == ROUTE_NAMES
    empty = [name for name, route in routes.items() if not route["urls"]]
    counts = {
        "plans": ActionPlan.objects.count(),
        "commitments": Commitment.objects.count(),
        "milestones": Milestone.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "meetings": Meeting.objects.count(),
        "action_items": ActionItem.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "calls_for_ideas": CallForIdeas.objects.count(),
        "ideas": Idea.objects.count(),
        "supports": Support.objects.count(),
        "idea_comments": Comment.objects.count(),
        "collective_actions": len(collective_actions),
        "sign_ups": SignUp.objects.count(),
        "posts": len(posts),
        "tenures": Tenure.objects.count(),
        "nomination_rounds": NominationRound.objects.count(),
        "nominations": Nomination.objects.count(),
        "ballots": Ballot.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "public": {
            "plans": len(plans),
            "commitments": len(commitments),
            "meetings": len(meetings),
            "action_items": len(actions),
            "ideas": len(ideas),
            "finished_nomination_rounds": len(finished_rounds),
            "comments_on_the_busiest_idea": (
                Comment.objects.filter(idea_id=hot).count() if hot is not None else 0
            ),
        },
    }
    out.write_text(json.dumps({"routes": routes, "empty": empty, "counts": counts}, indent=1))


def writers(out: Path, count: int, items_each: int) -> None:
    """`count` writers, each an account made through the services with a secretariat grant and a
    commitment-lead grant for an organisation that leads published, reporting commitments, an
    API token, and a signed-in session (for the action-status form when the API has no
    endpoint for it). Each writer gets its own action items, so writers never edit the same
    record: what is measured is the database under concurrent writes, not version conflicts."""
    setup_django()
    from collections import defaultdict

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from opengov.accounts.models import Role, User
    from opengov.accounts.services import create_user, grant_role
    from opengov.accounts.tokens import create_api_token
    from opengov.action_plans.choices import PlanStatus
    from opengov.action_plans.models import Commitment
    from opengov.meetings.models import ActionItem
    from opengov.organisations.models import Organisation

    admin = User.objects.filter(email="bench-admin@bench.invalid").first()
    if admin is None:
        admin = User.objects.create_superuser(email="bench-admin@bench.invalid", password=None)
    reporting = Commitment.objects.filter(
        plan__published_at__isnull=False,
        plan__status__in=[PlanStatus.IMPLEMENTING, PlanStatus.ENDED],
    )
    led: dict[int, list[int]] = defaultdict(list)
    for commitment_id, organisation_id in reporting.filter(
        lead_organisations__isnull=False
    ).values_list("pk", "lead_organisations"):
        led[organisation_id].append(commitment_id)
    if not led:
        raise SystemExit("bench: no published, reporting commitment has a lead organisation")
    by_size = sorted(led, key=lambda org: (-len(led[org]), org))
    items = list(
        ActionItem.objects.visible_to(AnonymousUser())
        .order_by("pk")
        .values_list("pk", "version", "status")
    )
    items = sample(items, count * items_each, "writer-items")
    result = []
    for index in range(count):
        email = f"bench-writer-{index + 1:02d}@bench.invalid"
        user = User.objects.filter(email=email).first() or create_user(
            by=admin, email=email, name=f"Bench writer {index + 1}"
        )
        organisation = Organisation.objects.get(pk=by_size[index % len(by_size)])
        if not user.grants.filter(role=Role.SECRETARIAT).exists():
            grant_role(by=admin, user=user, role=Role.SECRETARIAT)
        if not user.grants.filter(role=Role.COMMITMENT_LEAD, organisation=organisation).exists():
            grant_role(by=admin, user=user, role=Role.COMMITMENT_LEAD, organisation=organisation)
        _token, raw = create_api_token(by=user, name=f"bench {time.strftime('%Y-%m-%d %H:%M')}")
        client = Client()
        client.force_login(user)
        mine = items[index::count]
        result.append(
            {
                "email": email,
                "token": raw,
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "organisation": organisation.slug,
                "commitments": sample(led[organisation.pk], 50, f"w{index}"),
                "action_items": [{"id": i, "version": v, "status": s} for i, v, s in mine],
            }
        )
    out.write_text(json.dumps({"writers": result}, indent=1))


def _max_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def export(name: str, out: Path) -> None:
    """Download /data/<name>.csv in full through Django's test client, reading the streamed
    response chunk by chunk and keeping none of it: the time, the size, and this process's
    peak memory (after Django started, and at the end)."""
    setup_django()
    from django.test import Client

    from opengov.api import datasets  # noqa: F401  (import what the view imports, before timing)

    client = Client(HTTP_HOST="127.0.0.1")
    baseline = _max_rss_mb()
    start = time.perf_counter()
    response = client.get(f"/data/{name}.csv")
    size = lines = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    out.write_text(
        json.dumps(
            {
                "dataset": name,
                "status": response.status_code,
                "streaming": response.streaming,
                "seconds": round(seconds, 3),
                "bytes": size,
                "lines": lines,
                "rss_after_setup_mb": baseline,
                "peak_rss_mb": _max_rss_mb(),
            }
        )
    )


def importer(out: Path, notes: int) -> None:
    """Notes per second of `opengov.meetings.importer.extract` over `notes` notes: the files of
    the importer's corpus and hold-out set, cycled."""
    setup_django()
    from opengov.meetings.importer import extract

    folders = [
        REPO_DIR / "opengov/meetings/tests/importer/corpus",
        REPO_DIR / "opengov/meetings/tests/holdout",
    ]
    files = sorted(
        path
        for folder in folders
        for path in folder.iterdir()
        if path.is_file() and not path.name.endswith(".json") and path.name != "README.md"
    )
    if not files:
        raise SystemExit("bench: the importer corpus is missing")
    corpus = [(path.name, path.read_bytes()) for path in files]
    extract(corpus[0][1], filename=corpus[0][0])  # imports and compiles outside the timing
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        warnings = 0
        for index in range(notes):
            filename, data = corpus[index % len(corpus)]
            warnings += len(extract(data, filename=filename).warnings)
        rounds.append(time.perf_counter() - start)
    best = sorted(rounds)[len(rounds) // 2]
    out.write_text(
        json.dumps(
            {
                "notes": notes,
                "distinct_files": len(corpus),
                "corpus_bytes": sum(len(d) for _, d in corpus),
                "seconds_median_of_3": round(best, 3),
                "seconds_each_round": [round(r, 3) for r in rounds],
                "notes_per_second": round(notes / best, 1) if best else None,
                "warnings": warnings,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("params")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--per-route", type=int, default=200)
    w = sub.add_parser("writers")
    w.add_argument("--out", type=Path, required=True)
    w.add_argument("--count", type=int, default=16)
    w.add_argument("--items-each", type=int, default=40)
    e = sub.add_parser("export")
    e.add_argument("name")
    e.add_argument("--out", type=Path, required=True)
    i = sub.add_parser("importer")
    i.add_argument("--out", type=Path, required=True)
    i.add_argument("--notes", type=int, default=50)
    args = parser.parse_args()
    if args.command == "params":
        params(args.out, args.per_route)
    elif args.command == "writers":
        writers(args.out, args.count, args.items_each)
    elif args.command == "export":
        export(args.name, args.out)
    else:
        importer(args.out, args.notes)


if __name__ == "__main__":
    main()
