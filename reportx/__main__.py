"""`python -m reportx`: the command line, as the `reportx` script runs it."""

import sys

from extract.cli import main

sys.exit(main())
