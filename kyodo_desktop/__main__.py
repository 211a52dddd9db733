"""`python -m kyodo_desktop` and the frozen build start the program here."""

import sys

from kyodo_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
