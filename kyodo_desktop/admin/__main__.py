"""`python -m kyodo_desktop.admin`: the same as the kyodo-admin command."""

import sys

from kyodo_desktop.admin.main import main

if __name__ == "__main__":
    sys.exit(main())
