extensions = ['myst_parser', 'sdbook.ext.translation']
language = 'zh_CN'
locale_dirs = ['locale']
gettext_compact = False
gettext_uuid = False
gettext_location = False
sdbook_repo_url = 'https://example.org/book'
html_search_language = 'en'  # no jieba dictionary in a small test book
