"""`python -m persona_lib`: see persona_lib/cli.py."""

import sys

from persona_lib.cli import main

sys.exit(main())
