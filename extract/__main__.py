"""Command line: `python -m extract build | check | docs [--check] | suggest FILE... | ledger |
add PATH...`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from extract import DEFAULT_ROOT  # not from extract.build: `suggest` needs none of it


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
    ledger = commands.add_parser(
        "ledger", parents=[common],
        help="list every number in the article bodies: curated, dismissed or unreviewed",
    )
    ledger.add_argument("--source", metavar="ID", help="only this article (a source id)")
    ledger.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="table for reading (default), csv or json")
    add = commands.add_parser(
        "add", parents=[common],
        help="copy articles into data/articles/, register them and write their inbox files",
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="article text files")
    add.add_argument("--publisher", help="who published the article(s)")
    add.add_argument("--published", metavar="DATE", help="publication date: YYYY-MM-DD, "
                     "YYYY-MM or YYYY (default: the file's PUBLISHED: header)")
    add.add_argument("--url", help="where the article was published (default: SOURCE: header)")
    add.add_argument("--title", help="the headline (default: the file's TITLE: header)")
    args = parser.parse_args(argv)
    code = _run(args)
    try:  # what a command left unwritten; Python's own flush at exit would fail with a traceback
        sys.stdout.flush()
    except OSError as error:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        print(f"extract {args.command}: cannot write to standard output "
              f"({error.strerror or error})", file=sys.stderr)
        return 2
    return code


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        from extract.build import run_build

        return run_build(args.root)
    if args.command == "suggest":
        from extract.suggest import run_suggest

        return run_suggest(args.files, args.root, jobs=args.jobs)
    if args.command == "check":
        from extract.build import run_check

        return run_check(args.root)
    if args.command == "ledger":
        from extract.ledger import run_ledger

        return run_ledger(args.root, source=args.source, fmt=args.format)
    if args.command == "add":
        from extract.add import run_add

        return run_add(args.paths, args.root, publisher=args.publisher,
                       published=args.published, url=args.url, title=args.title)
    from extract.docs import run_docs

    return run_docs(args.root, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
