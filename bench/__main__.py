"""Run every benchmark: ``python -m bench [NAME...]``."""

from __future__ import annotations

import sys

from bench import annotate, corpus, doclist, growth, merge, review, search, stall, startup, team

SUITES = {
    "annotate": annotate.run,
    "corpus": corpus.run,
    "growth": growth.run,
    "doclist": doclist.run,
    "search": search.run,
    "startup": startup.run,
    "stall": stall.run,
    "merge": merge.run,
    "team": team.run,
    "review": review.run,
}


def main(argv: list[str]) -> int:
    names = argv or list(SUITES)
    for name in names:
        if name not in SUITES:
            print(f"unknown benchmark {name!r}; choose from {', '.join(SUITES)}", file=sys.stderr)
            return 2
        SUITES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
