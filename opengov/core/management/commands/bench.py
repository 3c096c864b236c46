"""`opengov bench seed --scale S`: fill a fresh database with deterministic, realistic synthetic
data for benchmarks (S=1 is one member's size, S=100 all of OGP). The generator and loader live in
the repository's `bench/` package, which is not part of the application."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def positive_scale(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("the scale must be more than 0")
    return value


class Command(BaseCommand):
    help = "Benchmark tools: `bench seed --scale S` fills a fresh database with synthetic data."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="{seed}")
        subcommands.required = True
        seed = subcommands.add_parser(
            "seed",
            help="Fill a fresh database with deterministic synthetic data at a scale.",
            description=(
                "Fill a fresh database with deterministic synthetic data: S=1 is one OGP "
                "member's size, S=100 all of OGP (300 plans, 6,000 commitments, 100,000 "
                "progress updates, 5,000 meetings…) and the audit events they imply."
            ),
        )
        seed.add_argument(
            "--scale", type=positive_scale, default=1.0, help="How much data (default 1)."
        )
        seed.add_argument(
            "--seed", type=int, default=1, help="The random seed (default 1): same seed, same data."
        )
        seed.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already has members (names that clash are renamed).",
        )
        seed.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            from bench.seed import SeedRefused, seed
        except ModuleNotFoundError as error:
            if error.name != "bench":
                raise
            raise CommandError(
                "The benchmark package `bench` is not importable: run from the repository's "
                "root, or reinstall with `pip install -e .`."
            ) from error
        try:
            result = seed(
                scale=options["scale"],
                seed=options["seed"],
                force=options["force"],
                progress=False if options["no_progress"] else None,
            )
        except SeedRefused as error:
            raise CommandError(str(error)) from error
        width = max(len(name) for name in result.counts)
        lines = [f"Seeded at scale {options['scale']:g} with seed {options['seed']}:"]
        lines += [
            f"  {name.replace('_', ' ').ljust(width)}  {count:>9,}"
            for name, count in result.counts.items()
        ]
        lines.append(
            f"Elapsed: {result.seconds:.1f} s (generating {result.generate_seconds:.1f} s, "
            f"writing {result.load_seconds:.1f} s)."
        )
        self.stdout.write("\n".join(lines))
