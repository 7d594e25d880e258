"""`python -m lib.export`: the briefing pack, slides or handout of a crisis, written to a folder
(lib.export.pack.main)."""

import sys

from lib.export.pack import main

sys.exit(main())
