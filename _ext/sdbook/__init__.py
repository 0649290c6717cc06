"""StableDiffusionBook's own code: the Sphinx extensions (``sdbook.ext``) and the plain-Python
logic they and the command line share (data files, catalogs, markup, editions).

Modules outside ``sdbook.ext`` import nothing from Sphinx, so they can be used and tested on
their own; ``python -m sdbook`` is the command line (see ``sdbook.cli``).
"""

__version__ = '1.0'
