// Search page: Pagefind's UI over this edition's index, started with the query in ?q=.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var root = document.getElementById('sdbook-search');
  if (!root) return;
  if (location.protocol === 'file:') {
    // Browsers do not let a page fetch index files from disk: explain how to serve the archive.
    document.querySelector('.sdbook-search-file').hidden = false;
    return;
  }
  // Readers' words in the book's words (source/_data/search-terms.yaml): aliases replaced,
  // question words dropped, since Pagefind requires every word of a query to match.
  var terms = JSON.parse((document.getElementById('sdbook-search-terms') || {}).textContent || '{}');
  var aliases = Object.keys(terms.aliases || {}).sort(function (a, b) { return b.length - a.length; });
  var fillers = terms.fillers || [];
  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
  function processTerm(query) {
    var out = ' ' + query + ' ';
    var found = [];
    aliases.forEach(function (alias) {
      // Placeholders first, so a replacement is never rewritten by a shorter alias.
      // An ASCII alias is a whole word ("oom" is not in "zoom"); Chinese (and A卡) has no spaces to look for.
      var re = /^[\x20-\x7e]+$/.test(alias) ? new RegExp('\\b' + escape(alias) + '\\b', 'gi') : new RegExp(escape(alias), 'gi');
      if (re.test(out)) { out = out.replace(re, ' \u0000' + found.length + '\u0000 '); found.push(terms.aliases[alias]); }
    });
    fillers.forEach(function (word) {
      // A one-character filler (吗, 了) only ends a query; longer ones go wherever they are.
      var latin = /^[a-z]/i.test(word);
      var re = latin ? new RegExp('(^|\\s)' + escape(word) + '(?=\\s|$)', 'gi')
        : word.length > 1 ? new RegExp(escape(word), 'g')
        : new RegExp(escape(word) + '(?=\\s*$)', 'g');
      out = out.replace(re, ' ');
    });
    out = out.replace(/\u0000(\d+)\u0000/g, function (_, i) { return found[+i]; }).replace(/\s+/g, ' ').trim();
    return out || query;
  }
  var ui = new PagefindUI({
    processTerm: processTerm,
    element: '#sdbook-search',
    // The folder of pagefind-ui.js is this edition's bundle (its URLs are the edition's pages).
    bundlePath: new URL('.', document.querySelector('script[src$="pagefind/pagefind-ui.js"]').src).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
  });
  // Pagefind's input is named only by its title attribute: give it the page's own heading as its label.
  var heading = root.parentElement.querySelector('h1');
  function labelInput() {
    var input = root.querySelector('input');
    if (input && heading) input.setAttribute('aria-label', heading.textContent.trim());
    return Boolean(input);
  }
  if (!labelInput()) {
    new MutationObserver(function (_, observer) { if (labelInput()) observer.disconnect(); })
      .observe(root, { childList: true, subtree: true });
  }
  var query = new URLSearchParams(location.search).get('q');
  if (query) ui.triggerSearch(query);
  // Keep the address in step with the query, so a search can be bookmarked or shared.
  root.addEventListener('input', function (event) {
    if (!event.target.matches('input')) return;
    var url = new URL(location.href);
    if (event.target.value) url.searchParams.set('q', event.target.value); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  });
});
