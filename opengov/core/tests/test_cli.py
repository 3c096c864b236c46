"""The `opengov` console script: hyphenated names, its own help page, and Django's commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from opengov.cli import main, translate


def test_translate_turns_hyphens_into_underscores_in_the_command_name_only():
    assert translate(["import-ogp", "nap-3.json", "--dry-run"]) == [
        "import_ogp",
        "nap-3.json",
        "--dry-run",
    ]
    assert translate(["load-demo"]) == ["load_demo"]
    assert translate(["audit", "verify"]) == ["audit", "verify"]
    assert translate(["help", "load-demo"]) == ["help", "load_demo"]
    assert translate(["--version"]) == ["--version"]


@pytest.mark.parametrize("argv", [[], ["help"], ["--help"], ["-h"]])
def test_help_lists_opengovs_own_commands_hyphenated(argv, capsys):
    main(argv)
    out = capsys.readouterr().out
    assert "Usage: opengov COMMAND" in out
    assert "load-demo" in out and "demo-signins" in out and "audit" in out
    assert "load_demo" not in out
    assert "Verify the audit trail's hash chain" in out
    # Django's own commands are not listed one by one, but the last line says they work.
    assert "\n    migrate" not in out
    assert "Every Django command also works: opengov migrate, opengov runserver" in out


@pytest.mark.django_db
def test_a_hyphenated_command_runs_its_django_command(capsys):
    main(["demo-signins", "--url", "http://example.test/"])
    assert capsys.readouterr().out.startswith("opengov is running at http://example.test/")


@pytest.mark.django_db
def test_a_command_with_a_subcommand_runs(capsys):
    main(["audit", "verify", "--no-progress"])
    assert "Audit trail verified: 0 events, chain intact." in capsys.readouterr().out


def test_help_for_one_command_accepts_its_hyphenated_name(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["load-demo", "--help"])
    assert exit_info.value.code == 0
    assert "--demo-users" in capsys.readouterr().out


def test_the_installed_script_prints_the_help_page():
    script = Path(sys.executable).with_name("opengov")
    if not script.exists():
        pytest.skip("the opengov script is installed by `pip install -e .`")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "load-demo" in result.stdout
    assert "Every Django command also works" in result.stdout


def test_output_cut_short_by_a_pipe_is_not_an_error(monkeypatch, tmp_path):
    """`opengov export-ogp | head`: the reader leaves early; opengov exits 0, no traceback."""
    import os
    import sys

    import django.core.management

    from opengov import cli

    def reader_went_away(argv):
        raise BrokenPipeError

    monkeypatch.setattr(django.core.management, "execute_from_command_line", reader_went_away)
    saved = os.dup(sys.stdout.fileno())
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main(["export-ogp"])
    finally:
        os.dup2(saved, sys.stdout.fileno())
        os.close(saved)
    assert exit_.value.code == 0
