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
  document.documentElement.setAttribute("data-ready", "1");
})();
