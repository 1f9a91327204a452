// rolebook: runs in <head> before the page paints, so the chosen colour
// theme applies without a flash. An external file, because the page's CSP
// forbids inline script.
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  try {
    var saved = localStorage.getItem('rolebook-theme');
    if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);
  } catch (e) { /* storage may be disabled */ }
})();
