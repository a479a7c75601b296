"""``python -m centric`` runs the ``centric`` command."""

import sys

from centric.cli import main

sys.exit(main())
