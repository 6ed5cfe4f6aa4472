"""`python -m desktop` behaves exactly like the `threepass` command."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
