"""Hashiya entry point: no subcommand opens the GUI; subcommands run headless (no Qt import)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from model.cli import build_parser, dispatch

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from gui.app import run_gui

        return run_gui(args.db)
    return dispatch(args)


if __name__ == "__main__":
    sys.exit(main())
