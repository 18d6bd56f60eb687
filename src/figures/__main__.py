"""`python -m figures`: see figures.cli."""

import sys

from figures.cli import main

if __name__ == "__main__":
    sys.exit(main())
