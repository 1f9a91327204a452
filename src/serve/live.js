// rolebook serve: reloads this tab when the site is rebuilt. Injected only
// by `rolebook serve`, never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var token = script ? new URL(script.src).searchParams.get("v") || "" : "";
  var source = null;
  function connect() {
    source = new EventSource("/__rolebook/events?v=" + encodeURIComponent(token));
    source.addEventListener("reload", function () {
      source.close();
      window.location.reload();
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 1000);
      }
    };
  }
  connect();
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.hasAttribute && target.hasAttribute("data-rolebook-hide")) {
      var overlay = document.getElementById("rolebook-overlay");
      if (overlay) overlay.hidden = true;
    }
  });
})();
