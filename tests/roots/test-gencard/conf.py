extensions = ['myst_parser', 'sdbook.ext.cards']
language = 'zh_CN'
locale_dirs = ['locale']
gettext_compact = False
gettext_uuid = False
gettext_location = False
# Stricter than the book: code blocks are messages too, and the infotext must still stay out.
gettext_additional_targets = ['literal-block']
latex_engine = 'xelatex'
latex_documents = [('index', 'gencard.tex', 'Generation cards', 'Tests', 'manual')]
html_search_language = 'en'  # no jieba dictionary in a small test book
