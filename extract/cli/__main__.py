"""`python -m extract.cli`: the reportx command."""

import sys

from extract.cli import main

sys.exit(main())
