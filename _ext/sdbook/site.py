"""The page at the site's root: it sends a browser to the edition of its language, and lists
the editions for everyone else. Written by ``python -m sdbook site-index`` from ``EDITIONS``."""

from __future__ import annotations

import html
import json

from sdbook.editions import EDITIONS, SOURCE_LANGUAGE, TITLE

PROMPTS = {'zh_CN': '选择语言', 'en': 'Choose a language'}


def render_index() -> str:
    default = EDITIONS[SOURCE_LANGUAGE]
    alternates = '\n'.join(f'<link rel="alternate" hreflang="{e.html_lang}" href="{e.code}/index.html">'
                           for e in EDITIONS.values())
    prefixes = {e.html_lang.split('-')[0].lower(): f'{e.code}/index.html' for e in EDITIONS.values()}
    items = '\n'.join(f'    <li><a href="{e.code}/index.html" hreflang="{e.html_lang}" lang="{e.html_lang}">'
                      f'{html.escape(e.name)}</a></li>' for e in EDITIONS.values())
    prompt = ' · '.join(html.escape(PROMPTS.get(code, '')) for code in EDITIONS if PROMPTS.get(code))
    return f'''<!DOCTYPE html>
<html lang="{default.html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
{alternates}
<link rel="alternate" hreflang="x-default" href="{default.code}/index.html">
<script>
  // Send the reader to the edition of their browser's language; the links below stay for everyone else.
  (function () {{
    var editions = {json.dumps(prefixes)};
    var langs = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < langs.length; i++) {{
      var code = (langs[i] || '').toLowerCase().split('-')[0];
      if (editions[code]) {{ location.replace(editions[code]); return; }}
    }}
  }})();
</script>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; color: #1f2328; background: #fff; }}
  a {{ color: #0b57d0; }} h1 {{ font-size: 1.6rem; }}
  ul {{ list-style: none; padding: 0; }} li {{ margin: .6rem 0; font-size: 1.2rem; }}
  @media (prefers-color-scheme: dark) {{ body {{ color: #e6edf3; background: #0d1117; }} a {{ color: #7cb7ff; }} }}
</style>
</head>
<body>
<main>
  <h1>{TITLE}</h1>
  <p>{prompt}</p>
  <ul>
{items}
  </ul>
</main>
</body>
</html>
'''
