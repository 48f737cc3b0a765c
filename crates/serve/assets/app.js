// byline web UI: the one script, progressive enhancement only (every page works without it).
// Hovering a piece of a claim lights up all of its pieces (a claim is cut where other spans
// start or end); Escape closes the claim panel of the report reader.
(function () {
  "use strict";
  function pieces(el) {
    var id = el.getAttribute("data-claim");
    return document.querySelectorAll('a.claim[data-claim="' + CSS.escape(id) + '"]');
  }
  document.addEventListener("mouseover", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.claim[data-claim]");
    if (!a) return;
    pieces(a).forEach(function (p) { p.classList.add("lit"); });
  });
  document.addEventListener("mouseout", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.claim[data-claim]");
    if (!a) return;
    pieces(a).forEach(function (p) { p.classList.remove("lit"); });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    var close = document.querySelector("aside.panel a.close");
    if (close) window.location.href = close.getAttribute("href");
  });
})();
