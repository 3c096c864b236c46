"""`python -m opengov.meetings.importer FILE --dry-run --format json`: see `cli`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
