// Row ↔ page-box highlighting and sortable record views. No network, no libraries.
(function () {
  "use strict";
  function boxOf(tr) { return document.getElementById(tr.dataset.box); }
  function select(tr) {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    tr.classList.add("hl");
    var box = boxOf(tr);
    if (box) {
      box.classList.add("hl");
      var figure = box.closest("figure");
      if (figure) { figure.scrollIntoView({ block: "nearest" }); }
    }
  }
  document.querySelectorAll("tr[data-box]").forEach(function (tr) {
    tr.addEventListener("mouseenter", function () { var b = boxOf(tr); if (b) { b.classList.add("hover"); } });
    tr.addEventListener("mouseleave", function () { var b = boxOf(tr); if (b) { b.classList.remove("hover"); } });
    tr.addEventListener("click", function () { select(tr); });
  });
  document.querySelectorAll("g.rowbox").forEach(function (g) {
    g.addEventListener("click", function () {
      var tr = document.getElementById(g.dataset.row);
      if (tr) { select(tr); tr.scrollIntoView({ block: "center" }); }
    });
  });
  // A target row reached by a link (from a record or a check) is highlighted too.
  function fromHash() {
    var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.dataset && el.dataset.box) { select(el); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  function key(text) {
    var n = parseFloat(text.replace(/[,，\s]/g, ""));
    return isNaN(n) || !/^[\s\d.,，\-]+$/.test(text) ? null : n;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        heads.forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          var nx = key(x), ny = key(y), d;
          if (nx !== null && ny !== null) { d = nx - ny; } else { d = x.localeCompare(y, "zh"); }
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
