"""Every command of `python -m extract` is in the README's command table, with its options."""

import argparse
from pathlib import Path

import pytest

from extract import __main__ as cli

README = Path(__file__).resolve().parents[1] / "README.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = None

    def capture(self, args=None, namespace=None):
        nonlocal parser
        parser = self
        raise SystemExit(0)

    original = argparse.ArgumentParser.parse_args
    argparse.ArgumentParser.parse_args = capture
    try:
        with pytest.raises(SystemExit):
            cli.main([])
    finally:
        argparse.ArgumentParser.parse_args = original
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def command_table() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("### Commands", 1)[1].split("\n### ", 1)[0]


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_is_in_the_readme_table(name):
    rows = [line for line in command_table().splitlines()
            if line.startswith("| `") and f"python -m extract {name}" in line]
    assert rows, f"python -m extract {name} is not in the README's command table"
    readme = README.read_text(encoding="utf-8")
    options = [o for action in subcommands()[name]._actions for o in action.option_strings
               if o.startswith("--") and o not in ("--help", "--root")]
    for option in options:
        assert option in readme, f"python -m extract {name} {option} is not in the README"
