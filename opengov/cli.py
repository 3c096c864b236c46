"""The `opengov` console script: Django's management commands with friendlier names
(`opengov import-ogp FILE` runs `import_ogp`), and a help page listing opengov's own commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

DEFAULT_SETTINGS = "config.settings.development"
HELP_WORDS = {"help", "--help", "-h"}


def command_name(word: str) -> str:
    """`import-ogp` → `import_ogp`; options and paths are left alone."""
    return word if word.startswith("-") else word.replace("-", "_")


def translate(argv: Sequence[str]) -> list[str]:
    """The arguments Django's management utility receives: the command's name (and the name after
    `help`) with hyphens turned into underscores; every other argument as given."""
    args = list(argv)
    if args:
        args[0] = command_name(args[0])
        if args[0] == "help" and len(args) > 1:
            args[1] = command_name(args[1])
    return args


def own_commands() -> dict[str, list[tuple[str, str]]]:
    """opengov's own commands, grouped by the app that provides them: {app: [(name, help)]}."""
    from django.apps import apps
    from django.core.management import get_commands, load_command_class

    groups: dict[str, list[tuple[str, str]]] = {}
    for name, app_name in sorted(get_commands().items()):
        if not app_name.startswith("opengov."):
            continue
        config = next((c for c in apps.get_app_configs() if c.name == app_name), None)
        group = str(config.verbose_name) if config else app_name
        help_text = (load_command_class(app_name, name).help or "").strip()
        first_line = (help_text.splitlines() or [""])[0]
        groups.setdefault(group, []).append((name.replace("_", "-"), first_line))
    return dict(sorted(groups.items()))


def print_help(prog: str = "opengov") -> None:
    import django

    django.setup()
    lines = [f"Usage: {prog} COMMAND [ARGUMENTS]", "", "opengov's commands:"]
    groups = own_commands()
    width = max((len(name) for group in groups.values() for name, _ in group), default=0)
    for group, commands in groups.items():
        lines.append("")
        lines.append(f"  {group}")
        for name, help_text in commands:
            lines.append(f"    {name.ljust(width)}  {help_text}".rstrip())
    lines += [
        "",
        f"Every Django command also works: {prog} migrate, {prog} runserver, "
        f"{prog} createsuperuser, … (`{prog} help --commands` lists them all).",
        f"`{prog} help COMMAND` shows a command's options.",
    ]
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `opengov` script. Settings default to development unless
    DJANGO_SETTINGS_MODULE is set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args == ["help"] or args[0] in {"--help", "-h"}:
        print_help()
        return
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["opengov", *translate(args)])
    except BrokenPipeError:
        # Whoever read the output stopped early (`opengov export-ogp | head`): not an error.
        # Point stdout at /dev/null so Python's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
