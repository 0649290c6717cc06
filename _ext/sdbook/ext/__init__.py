"""The book's Sphinx extensions. Each module is one extension with its own ``setup()``; the
book's ``conf.py`` lists them, and the small test books load only those they exercise.

Every extension owns what it needs beyond Python: its stylesheet (``static/``, bundled into one
``sdbook.css`` by ``sdbook.ext.assets``), its templates, its LaTeX package (``latex/``), and
its fixed labels, which all go through the one ``sdbook`` label catalog (``sdbook.ext.labels``).
"""
