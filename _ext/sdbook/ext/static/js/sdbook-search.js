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
  var ui = new PagefindUI({
    element: '#sdbook-search',
    // The folder of pagefind-ui.js is this edition's bundle (its URLs are the edition's pages).
    bundlePath: new URL('.', document.querySelector('script[src$="pagefind/pagefind-ui.js"]').src).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
  });
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
