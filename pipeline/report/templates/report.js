// Row filters: a search box filters the table named by its data-filter attribute;
// severity boxes hide the findings of unticked severities.
(function () {
  "use strict";
  function rowsOf(id) {
    var table = document.getElementById(id);
    return table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }
  function refresh(id) {
    var box = document.querySelector('input[type=search][data-filter="' + id + '"]');
    var query = box ? box.value.trim().toLowerCase() : "";
    var hidden = Array.prototype.slice.call(
      document.querySelectorAll('input[type=checkbox][data-filter="' + id + '"]'))
      .filter(function (c) { return !c.checked; }).map(function (c) { return c.value; });
    rowsOf(id).forEach(function (row) {
      var matches = row.textContent.toLowerCase().indexOf(query) !== -1;
      var shown = matches && hidden.indexOf(row.getAttribute("data-severity")) === -1;
      row.classList.toggle("hidden", !shown);
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    input.addEventListener("input", function () { refresh(input.getAttribute("data-filter")); });
    input.addEventListener("change", function () { refresh(input.getAttribute("data-filter")); });
  });
  // Sortable tables: a click on a heading sorts by that column (numbers by data-sort if given)
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
      heading.classList.add("sorts");
      heading.title = "Klik untuk mengurutkan";
      heading.addEventListener("click", function () {
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        rows.sort(function (x, y) {
          var a = sortKey(x.cells[column]), b = sortKey(y.cells[column]);
          var order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "id");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });
  function sortKey(cell) {
    if (!cell) { return ""; }
    var given = cell.getAttribute("data-sort");
    var value = given !== null ? given : cell.textContent.trim();
    return value !== "" && !isNaN(Number(value)) ? Number(value) : value.toLowerCase();
  }
  // Two SOPs of a procedure group side by side, phase by phase (group pages)
  var table = document.getElementById("compare");
  if (table) {
    var compare = JSON.parse(table.getAttribute("data-compare"));
    var pickers = [document.getElementById("compare-a"), document.getElementById("compare-b")];
    pickers.forEach(function (picker, which) {
      compare.sops.forEach(function (sop, index) {
        var option = document.createElement("option");
        option.value = String(index);
        option.textContent = sop.name;
        picker.appendChild(option);
      });
      picker.value = String(Math.min(which, compare.sops.length - 1));
      picker.addEventListener("change", showComparison);
    });
    showComparison();
  }
  function cellsOf(sop, phase, actorsDiffer, far) {
    var cell = sop.cells[phase.phase];
    if (!cell) { return [["tidak ada", "gap"], ["", ""], ["", ""]]; }
    return [["Langkah " + cell.steps.join(", "), ""], [cell.actors.join("; "), actorsDiffer ? "diff" : ""],
            [cell.time || "tidak terukur", far ? "far" : ""]];
  }
  function showComparison() {
    var a = compare.sops[Number(pickers[0].value)], b = compare.sops[Number(pickers[1].value)];
    var body = document.getElementById("compare").tBodies[0];
    body.textContent = "";
    compare.phases.forEach(function (phase) {
      var x = a.cells[phase.phase], y = b.cells[phase.phase];
      if (!x && !y) { return; }
      var actorsDiffer = Boolean(x && y && x.actors.slice().sort().join("|") !== y.actors.slice().sort().join("|"));
      var far = Boolean(x && y && x.minutes && y.minutes && Math.max(x.minutes / y.minutes, y.minutes / x.minutes) >= 3);
      var row = body.insertRow();
      var name = row.insertCell();
      name.textContent = phase.label;
      cellsOf(a, phase, actorsDiffer, far).concat(cellsOf(b, phase, actorsDiffer, far)).forEach(function (pair) {
        var cell = row.insertCell();
        cell.textContent = pair[0];
        if (pair[1]) { cell.className = pair[1]; }
      });
    });
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
