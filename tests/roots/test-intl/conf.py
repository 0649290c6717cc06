extensions = ['myst_parser', 'sdbook_translation']
language = 'zh_CN'
locale_dirs = ['locale']
gettext_compact = False
gettext_uuid = False
gettext_location = False
sdbook_repo_url = 'https://example.org/book'
