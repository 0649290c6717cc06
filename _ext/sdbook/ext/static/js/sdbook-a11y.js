// Accessible names the theme's markup leaves out (axe-core: summary-name,
// label-content-name-mismatch). Runs on every page.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  // The navigation's expand/collapse toggles are icon-only <summary>s: name each after its section.
  document.querySelectorAll('nav details > summary').forEach(function (summary) {
    if (summary.textContent.trim() || summary.hasAttribute('aria-label')) return;
    var link = summary.parentElement.parentElement.querySelector(':scope > a');
    if (link && link.textContent.trim()) summary.setAttribute('aria-label', link.textContent.trim());
  });
  // The search button's visible text ("搜索 Ctrl + K") is its name; a shorter aria-label hides part of it.
  document.querySelectorAll('.search-button__button[aria-label]').forEach(function (button) {
    if (button.textContent.trim()) button.removeAttribute('aria-label');
  });
});
