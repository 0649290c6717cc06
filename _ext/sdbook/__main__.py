import sys

from sdbook.cli import main

sys.exit(main())
