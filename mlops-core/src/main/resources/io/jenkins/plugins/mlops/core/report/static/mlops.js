/* MLOps pages: behaviour for server-rendered tables. Loaded as a file (Jenkins, mlops ui) or
   allowed by hash (self-contained reports); reads only the DOM, never evaluates page data. */
(function () {
  'use strict';

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) { return { text: '', number: NaN }; }
    var key = cell.getAttribute('data-sort');
    if (key === null) { key = cell.textContent; }
    return { text: key, number: key === '' ? NaN : Number(key) };
  }

  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var current = header.getAttribute('aria-sort');
    var direction = current === 'ascending' ? -1 : 1;
    var numeric = rows.every(function (r) {
      var v = cellValue(r, index);
      return v.text === '' || !isNaN(v.number);
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      if (x.text === '' && y.text !== '') { return 1; }
      if (y.text === '' && x.text !== '') { return -1; }
      var c = numeric ? x.number - y.number : x.text.localeCompare(y.text, undefined, { numeric: true });
      return c * direction;
    });
    var headers = table.tHead.rows[0].children;
    for (var h = 0; h < headers.length; h++) { headers[h].setAttribute('aria-sort', 'none'); }
    header.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r); });
    body.appendChild(fragment);
  }

  function initSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].children : [];
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = header.querySelector('button.mlops-sort');
      if (button) {
        button.addEventListener('click', function () { sortTable(table, index, header); });
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table.mlops-sortable'), initSortable);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
