extensions = ['myst_parser', 'sdbook.ext.flow']
language = 'zh_CN'
gettext_compact = False
gettext_uuid = False
gettext_location = False
latex_engine = 'xelatex'
latex_documents = [('index', 'flow.tex', 'Flows', 'Tests', 'manual')]
html_search_language = 'en'  # no jieba dictionary in a small test book
