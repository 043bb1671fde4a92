// roadmapgen serve: reloads the page when the source changes, keeping the
// scroll position. Injected by serve only; built files never carry it.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  var key = "roadmapgen-scroll:" + location.pathname + location.search;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved) {
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(Number(xy[0]) || 0, Number(xy[1]) || 0); };
    restore();
    window.addEventListener("load", restore); // again once images have their size
  }
  if (!window.EventSource) {
    return;
  }
  // The server renders the pages it knows are open before telling them to
  // reload.
  var events = new EventSource("/_roadmapgen/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("build", function (e) {
    if (e.data === build) {
      return;
    }
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (err) {}
    // Restore the position here, not by the browser's own guess, which
    // misses when the page above changed height.
    if ("scrollRestoration" in history) {
      history.scrollRestoration = "manual";
    }
    events.close();
    location.reload();
  });
})();
