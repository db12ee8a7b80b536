"""Command line: `python -m extract build | check | docs [--check] | suggest FILE...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.build import DEFAULT_ROOT


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=DEFAULT_ROOT,
        help="repository root holding data/ and README.md (default: this checkout)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description="Turn data/articles/ and data/curation/ into the tidy tables in data/tidy/.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "build", parents=[common], help="validate the curation and write data/tidy/"
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="validate the curation and check that data/tidy/ is up to date and valid",
    )
    docs = commands.add_parser(
        "docs", parents=[common], help="regenerate the README data dictionary"
    )
    docs.add_argument("--check", action="store_true", help="fail if the README is stale")
    suggest = commands.add_parser(
        "suggest", parents=[common], help="print candidate facts of article files as JSON lines"
    )
    suggest.add_argument("files", nargs="+", metavar="FILE", help="article text files")
    suggest.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    args = parser.parse_args(argv)

    if args.command == "build":
        from extract.build import run_build

        return run_build(args.root)
    if args.command == "suggest":
        from extract.suggest import run_suggest

        return run_suggest(args.files, args.root, jobs=args.jobs)
    if args.command == "check":
        from extract.build import run_check

        return run_check(args.root)
    from extract.docs import run_docs

    return run_docs(args.root, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
