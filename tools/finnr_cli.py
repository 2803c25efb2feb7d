"""Entry point of ``finnr``."""

import sys

from finnr.cli import main


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
