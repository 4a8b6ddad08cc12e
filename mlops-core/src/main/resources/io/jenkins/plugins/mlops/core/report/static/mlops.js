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

  /* rows sorted by the column at index: numbers numerically, empty cells last, the header marked */
  function sortRows(table, rows, index, header) {
    var current = header.getAttribute('aria-sort');
    var direction = current === 'ascending' ? -1 : 1;
    var keys = rows.map(function (r) { return cellValue(r, index); });
    var numeric = keys.every(function (v) { return v.text === '' || !isNaN(v.number); });
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a];
      var y = keys[b];
      if (x.text === '' && y.text !== '') { return 1; }
      if (y.text === '' && x.text !== '') { return -1; }
      var c = numeric ? x.number - y.number : x.text.localeCompare(y.text, undefined, { numeric: true });
      return c * direction;
    });
    var headers = table.tHead.rows[table.tHead.rows.length - 1].children;
    for (var h = 0; h < headers.length; h++) { headers[h].setAttribute('aria-sort', 'none'); }
    header.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
    return order.map(function (i) { return rows[i]; });
  }

  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var rows = sortRows(table, Array.prototype.slice.call(body.rows), index, header);
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r); });
    body.appendChild(fragment);
  }

  function initSortable(table) {
    var headers = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].children : [];
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = header.querySelector('button.mlops-sort');
      if (button) {
        button.addEventListener('click', function () { sortTable(table, index, header); });
      }
    });
  }

  /* ---- SVG charts drawn in the browser (same look as the server's chart/line.jte) ---- */
  var SVG = 'http://www.w3.org/2000/svg';
  var W = 640, H = 320, L = 64, LEFT = L, R = 16, T = 28, B = 44, PALETTE = 10;

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function niceStep(rough) {
    var exponent = Math.floor(Math.log10(rough));
    var fraction = rough / Math.pow(10, exponent);
    var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * Math.pow(10, exponent);
  }

  /* as many digits as it takes for neighbouring ticks to read differently (as chart/Axis.java) */
  function tickLabels(values, decimals) {
    var labels = [];
    for (var extra = 0; extra <= 17; extra++) {
      labels = values.map(function (value) {
        var a = Math.abs(value);
        if (a >= 1e6 || (value !== 0 && a < 1e-4)) {
          var parts = value.toExponential(Math.min(20, 2 + extra)).split('e');
          return parts[0].replace(/\.?0+$/, '') + 'e' + Number(parts[1]);
        }
        return value.toFixed(Math.min(20, decimals + extra));
      });
      if (labels.every(function (l, i) { return labels.indexOf(l) === i; })) { return labels; }
    }
    return labels;
  }

  function axis(lo, hi, from, to, target) {
    if (!(hi > lo)) { var pad = lo === 0 ? 1 : Math.abs(lo) * 0.05; lo -= pad; hi += pad; }
    var step = niceStep((hi - lo) / Math.max(1, target));
    var first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
    var decimals = Math.max(0, -Math.floor(Math.log10(step)));
    var ax = { min: first, max: last, from: from, ticks: [] };
    ax.pos = function (v) { return from + (v - first) / (last - first) * (to - from); };
    var values = [];
    for (var v = first; v <= last + step / 2; v += step) { values.push(Math.abs(v) < step / 1e6 ? 0 : v); }
    var labels = tickLabels(values, decimals);
    values.forEach(function (value, i) { ax.ticks.push({ value: value, pos: ax.pos(value), label: labels[i] }); });
    return ax;
  }

  function frame(id, title, xLabel, yLabel, x, y) {
    var L = x ? x.from : LEFT; /* the plot's left edge: wider for long y labels */
    var figure = document.createElement('figure');
    figure.className = 'mlops-chart';
    figure.id = id;
    figure.setAttribute('data-metric', title);
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': id + '-title', 'class': 'mlops-svg' });
    svg.appendChild(el('title', { id: id + '-title' }, title + ' by ' + xLabel));
    svg.appendChild(el('text', { 'class': 'mlops-chart-title', x: W / 2, y: 16, 'text-anchor': 'middle' }, title));
    y.ticks.forEach(function (t) {
      svg.appendChild(el('line', { 'class': 'mlops-grid', x1: L, x2: W - R, y1: t.pos, y2: t.pos }));
      svg.appendChild(el('text', { 'class': 'mlops-tick', x: L - 6, y: t.pos + 4, 'text-anchor': 'end' }, t.label));
    });
    if (x) {
      x.ticks.forEach(function (t) {
        svg.appendChild(el('line', { 'class': 'mlops-tickmark', x1: t.pos, x2: t.pos, y1: H - B, y2: H - B + 5 }));
        svg.appendChild(el('text', { 'class': 'mlops-tick', x: t.pos, y: H - B + 18, 'text-anchor': 'middle' }, t.label));
      });
    }
    if (x) {
      svg.appendChild(el('line', { 'class': 'mlops-axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
      svg.appendChild(el('line', { 'class': 'mlops-axis', x1: L, x2: L, y1: T, y2: H - B }));
    }
    svg.appendChild(el('text', { 'class': 'mlops-axis-label', x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' }, xLabel));
    if (yLabel) {
    svg.appendChild(el('text', { 'class': 'mlops-axis-label', transform: 'translate(14 ' + (T + H - B) / 2 + ') rotate(-90)', 'text-anchor': 'middle' }, yLabel));
    }
    figure.appendChild(svg);
    var caption = document.createElement('figcaption');
    var legend = document.createElement('ul');
    legend.className = 'mlops-legend';
    legend.setAttribute('aria-label', 'Legend');
    caption.appendChild(legend);
    figure.appendChild(caption);
    return { figure: figure, svg: svg, legend: legend };
  }

  function legendItem(legend, name, colorClass) {
    var li = document.createElement('li');
    var swatch = document.createElement('span');
    swatch.className = 'mlops-swatch ' + colorClass;
    swatch.setAttribute('aria-hidden', 'true');
    li.appendChild(swatch);
    li.appendChild(document.createTextNode(name));
    legend.appendChild(li);
  }

  /** series: [{name, xs, ys}] */
  function lineChart(id, title, xLabel, yLabel, series) {
    var xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
    series.forEach(function (s) {
      for (var i = 0; i < s.xs.length; i++) {
        if (s.ys[i] === null || !isFinite(s.ys[i])) { continue; }
        xMin = Math.min(xMin, s.xs[i]); xMax = Math.max(xMax, s.xs[i]);
        yMin = Math.min(yMin, s.ys[i]); yMax = Math.max(yMax, s.ys[i]);
      }
    });
    if (xMin > xMax) { xMin = 0; xMax = 1; yMin = 0; yMax = 1; }
    var y = axis(yMin, yMax, H - B, T, 5);
    /* room for the longest y tick label (as LineChart.left) */
    var longest = Math.max.apply(null, y.ticks.map(function (t) { return t.label.length; }));
    var x = axis(xMin, xMax, Math.max(L, 26 + 6 * longest), W - R, 6);
    var f = frame(id, title, xLabel, yLabel, x, y);
    series.forEach(function (s, n) {
      var color = 'mlops-c' + (n % PALETTE);
      var g = el('g', { 'class': 'mlops-series ' + color, 'data-series': s.name });
      g.appendChild(el('title', null, s.name));
      var points = [];
      for (var i = 0; i < s.xs.length; i++) {
        if (s.ys[i] === null || !isFinite(s.ys[i])) { continue; }
        points.push(x.pos(s.xs[i]).toFixed(1) + ',' + y.pos(s.ys[i]).toFixed(1));
      }
      if (points.length === 1) {
        var p = points[0].split(',');
        g.appendChild(el('circle', { cx: p[0], cy: p[1], r: 3 }));
      } else if (points.length > 1) {
        g.appendChild(el('polyline', { 'class': 'mlops-line', points: points.join(' ') }));
      }
      f.svg.appendChild(g);
      legendItem(f.legend, s.name, color);
    });
    return f.figure;
  }

  /* ---- the comparison page: filter, columns, selection, overlays, trend, parallel coordinates ---- */
  function initComparison(table) {
    var root = table.closest('.mlops-compare');
    var headers = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].children);
    /* every run's row: those in the table, then those the server left in the inert template */
    var more = document.getElementById('mlops-compare-more');
    var rows = Array.prototype.slice.call(table.tBodies[0].rows)
      .concat(more ? Array.prototype.slice.call(more.content.querySelectorAll('tr')) : []);
    var pageRows = Number(table.getAttribute('data-page-rows')) || rows.length;
    var limit = pageRows;
    var shownOrder = rows.slice();
    var matching = rows.length;
    var showMore = document.getElementById('mlops-show-more');
    /* puts the first `limit` matching rows of the current order in the table, nothing else:
       a browser styles and lays out only those, whatever the number of runs */
    function showRows() {
      var body = table.tBodies[0];
      var fresh = body.cloneNode(false);
      var shown = 0;
      matching = 0;
      shownOrder.forEach(function (row) {
        if (row.mlopsHidden) { return; }
        matching++;
        if (shown < limit) { fresh.appendChild(row); shown++; }
      });
      table.replaceChild(fresh, body);
      if (filterCount) {
        filterCount.textContent = shown < matching && matching < rows.length
          ? shown + ' of ' + matching + ' matching runs shown (' + rows.length + ' in all)'
          : shown + ' of ' + (shown < matching ? matching : rows.length) + ' runs shown';
      }
      if (showMore) { showMore.hidden = shown >= matching; }
    }
    if (showMore) { showMore.addEventListener('click', function () { limit += pageRows; showRows(); }); }
    headers.forEach(function (header, index) {
      var button = header.querySelector('button.mlops-sort');
      if (button) {
        button.addEventListener('click', function () { shownOrder = sortRows(table, rows, index, header); showRows(); });
      }
    });
    var byOrder = rows.slice().sort(function (a, b) { return a.getAttribute('data-order') - b.getAttribute('data-order'); });
    function columnIndex(kind, key) {
      for (var i = 0; i < headers.length; i++) {
        if (headers[i].getAttribute('data-kind') === kind && headers[i].getAttribute('data-key') === key) { return i; }
      }
      return -1;
    }
    function cellText(row, index) {
      var cell = row.children[index];
      return cell ? cell.textContent.trim() : '';
    }
    function cellNumber(row, index) {
      var cell = row.children[index];
      if (!cell || !cell.hasAttribute('data-numeric')) { return NaN; }
      return Number(cell.getAttribute('data-sort'));
    }
    var filterColumns = [];
    headers.forEach(function (h, i) {
      var kind = h.getAttribute('data-kind');
      if (kind === 'param' || kind === 'tag') { filterColumns.push({ index: i, id: kind + ':' + h.getAttribute('data-key'), key: h.getAttribute('data-key') }); }
    });

    /* filtering by tag and param, client-side */
    var filterInput = document.getElementById('mlops-filter');
    var filterKey = document.getElementById('mlops-filter-key');
    var filterCount = document.getElementById('mlops-filter-count');
    function matches(row, key, text) {
      if (text === '') { return true; }
      var wanted = text.toLowerCase();
      if (key) {
        var column = filterColumns.filter(function (c) { return c.id === key; })[0];
        return !!column && cellText(row, column.index).toLowerCase().indexOf(wanted) >= 0;
      }
      return wanted.split(/\s+/).every(function (token) {
        var eq = token.indexOf('=');
        if (eq > 0) {
          var k = token.slice(0, eq), v = token.slice(eq + 1);
          return filterColumns.some(function (c) {
            return c.key.toLowerCase() === k && cellText(row, c.index).toLowerCase() === v;
          });
        }
        return filterColumns.some(function (c) { return cellText(row, c.index).toLowerCase().indexOf(token) >= 0; });
      });
    }
    function applyFilter() {
      var key = filterKey ? filterKey.value : '';
      var text = filterInput ? filterInput.value.trim() : '';
      rows.forEach(function (row) { row.mlopsHidden = !matches(row, key, text); });
      limit = pageRows;
      showRows();
      drawTrend();
      drawParallel();
    }
    if (filterInput) { filterInput.addEventListener('input', applyFilter); }
    if (filterKey) { filterKey.addEventListener('change', applyFilter); }

    /* columns chosen by the user */
    var toggles = Array.prototype.slice.call(root.querySelectorAll('input.mlops-col-toggle'));
    function showColumn(index, visible) {
      headers[index].hidden = !visible;
      rows.forEach(function (row) { if (row.children[index]) { row.children[index].hidden = !visible; } });
    }
    toggles.forEach(function (box) {
      box.addEventListener('change', function () { showColumn(Number(box.getAttribute('data-col')), box.checked); });
    });
    function setColumns(predicate) {
      toggles.forEach(function (box) {
        box.checked = predicate(box);
        showColumn(Number(box.getAttribute('data-col')), box.checked);
      });
    }
    var allButton = document.getElementById('mlops-columns-all');
    var differingButton = document.getElementById('mlops-columns-differing');
    if (allButton) { allButton.addEventListener('click', function () { setColumns(function () { return true; }); }); }
    if (differingButton) {
      differingButton.addEventListener('click', function () {
        setColumns(function (box) { return box.getAttribute('data-differs') === 'true'; });
      });
    }

    /* runs selected for the overlay and the diff */
    var boxes = rows.map(function (row) { return row.querySelector('input.mlops-select'); }).filter(Boolean);
    var selectedCount = document.getElementById('mlops-selected-count');
    var diffLink = document.getElementById('mlops-diff-link');
    var curves = document.getElementById('mlops-curves');
    var curveData = null;
    function selected() {
      return byOrder.map(function (row) { return row.querySelector('input.mlops-select'); })
        .filter(function (box) { return box && box.checked; })
        .map(function (box) { return box.value; });
    }
    function drawCurves() {
      if (!curves) { return; }
      if (curveData === null) {
        try { curveData = JSON.parse(curves.getAttribute('data-curves') || '{}'); } catch (e) { curveData = {}; }
      }
      var ids = selected();
      var metrics = {};
      ids.forEach(function (id) {
        var run = curveData[id];
        if (run) { Object.keys(run.m).forEach(function (m) { metrics[m] = true; }); }
      });
      while (curves.firstChild) { curves.removeChild(curves.firstChild); }
      var names = Object.keys(metrics).sort();
      /* the primary metric's chart first, as its column is */
      var primary = curves.getAttribute('data-primary');
      if (primary && metrics[primary]) { names.splice(names.indexOf(primary), 1); names.unshift(primary); }
      if (names.length === 0) {
        var p = document.createElement('p');
        p.className = 'mlops-hint';
        p.textContent = ids.length === 0 ? 'No run selected.' : 'The selected runs have no metric curves.';
        curves.appendChild(p);
      }
      names.forEach(function (metric, n) {
        var series = [];
        ids.forEach(function (id) {
          var run = curveData[id];
          var flat = run && run.m[metric];
          if (!flat) { return; }
          var xs = [], ys = [];
          for (var i = 0; i + 1 < flat.length; i += 2) { xs.push(flat[i]); ys.push(flat[i + 1]); }
          series.push({ name: run.name, xs: xs, ys: ys });
        });
        curves.appendChild(lineChart('chart-' + n, metric, 'step', metric, series));
      });
    }
    function onSelection() {
      var ids = selected();
      if (selectedCount) { selectedCount.textContent = ids.length + ' selected'; }
      if (diffLink) {
        var base = root.getAttribute('data-diff-base');
        if (ids.length === 2 && base) {
          diffLink.setAttribute('href', base + '?a=' + encodeURIComponent(ids[0]) + '&b=' + encodeURIComponent(ids[1]));
          diffLink.hidden = false;
        } else {
          diffLink.hidden = true;
        }
      }
      drawCurves();
    }
    boxes.forEach(function (box) { box.addEventListener('change', onSelection); });

    /* trend of chosen metrics over runs (last value, run order), over the runs the filter shows */
    var trendSelect = document.getElementById('mlops-trend-metrics');
    var trend = document.getElementById('mlops-trend');
    function drawTrend() {
      if (!trendSelect || !trend) { return; }
      var chosen = Array.prototype.filter.call(trendSelect.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
      var series = chosen.map(function (metric) {
        var index = columnIndex('metric', metric), xs = [], ys = [];
        byOrder.forEach(function (row, n) {
          var v = cellNumber(row, index);
          if (!row.mlopsHidden && isFinite(v)) { xs.push(n + 1); ys.push(v); }
        });
        return { name: metric, xs: xs, ys: ys };
      });
      while (trend.firstChild) { trend.removeChild(trend.firstChild); }
      var title = chosen.length === 1 ? 'Trend of ' + chosen[0] : 'Trend of ' + chosen.length + ' metrics';
      trend.appendChild(lineChart('mlops-trend-chart', title, 'run (oldest to newest)', 'last value', series));
    }
    if (trendSelect) { trendSelect.addEventListener('change', drawTrend); }

    /* parallel coordinates: one axis per param, the chosen metric last; lines coloured by the metric */
    var parallelSelect = document.getElementById('mlops-parallel-metric');
    var parallel = document.getElementById('mlops-parallel');
    function drawParallel() {
      if (!parallelSelect || !parallel) { return; }
      var metric = parallelSelect.value;
      var metricIndex = columnIndex('metric', metric);
      var params = [];
      headers.forEach(function (h, i) { if (h.getAttribute('data-kind') === 'param') { params.push({ key: h.getAttribute('data-key'), index: i }); } });
      var visible = byOrder.filter(function (row) { return !row.mlopsHidden && isFinite(cellNumber(row, metricIndex)); });
      var axes = params.map(function (p) {
        var values = visible.map(function (row) { return cellText(row, p.index); });
        var numeric = values.every(function (v) { return v === '' || isFinite(Number(v)); });
        var distinct = values.filter(function (v, i) { return values.indexOf(v) === i; });
        if (numeric) {
          var nums = values.filter(function (v) { return v !== ''; }).map(Number);
          var lo = Math.min.apply(null, nums.length ? nums : [0]), hi = Math.max.apply(null, nums.length ? nums : [1]);
          return { name: p.key, index: p.index, numeric: true, axis: axis(lo, hi, H - B, T, 4) };
        }
        distinct.sort();
        return { name: p.key, index: p.index, numeric: false, categories: distinct };
      });
      var metricValues = visible.map(function (row) { return cellNumber(row, metricIndex); });
      var mLo = Math.min.apply(null, metricValues.length ? metricValues : [0]);
      var mHi = Math.max.apply(null, metricValues.length ? metricValues : [1]);
      axes.push({ name: metric, index: metricIndex, numeric: true, metric: true, axis: axis(mLo, mHi, H - B, T, 4) });
      var f = frame('mlops-parallel-chart', 'Params against ' + metric, 'params, then ' + metric, '', null, { ticks: [] });
      var right = W - R - 48;
      var step = axes.length > 1 ? (right - L) / (axes.length - 1) : 0;
      axes.forEach(function (a, k) {
        a.x = L + k * step;
        f.svg.appendChild(el('line', { 'class': 'mlops-axis', x1: a.x, x2: a.x, y1: T, y2: H - B }));
        f.svg.appendChild(el('text', { 'class': 'mlops-axis-label mlops-parallel-axis', x: a.x, y: H - B + 16, 'text-anchor': 'middle' }, a.name));
        if (a.numeric) {
          a.axis.ticks.forEach(function (t) {
            f.svg.appendChild(el('text', { 'class': 'mlops-tick', x: a.x + 4, y: t.pos + 3 }, t.label));
          });
        } else {
          a.categories.forEach(function (c, i) {
            var y = a.categories.length === 1 ? (T + H - B) / 2 : (H - B) - i * (H - B - T) / (a.categories.length - 1);
            f.svg.appendChild(el('text', { 'class': 'mlops-tick', x: a.x + 4, y: y + 3 }, c));
          });
        }
      });
      function position(a, row) {
        if (a.numeric) { var v = a.metric ? cellNumber(row, a.index) : Number(cellText(row, a.index)); return isFinite(v) ? a.axis.pos(v) : null; }
        var i = a.categories.indexOf(cellText(row, a.index));
        return a.categories.length === 1 ? (T + H - B) / 2 : (H - B) - i * (H - B - T) / (a.categories.length - 1);
      }
      var group = el('g', { 'class': 'mlops-parallel-lines' });
      visible.forEach(function (row) {
        var v = cellNumber(row, metricIndex);
        var band = mHi > mLo ? Math.min(4, Math.floor((v - mLo) / (mHi - mLo) * 5)) : 2;
        var points = [];
        axes.forEach(function (a) { var y = position(a, row); if (y !== null && a.x !== undefined) { points.push(a.x.toFixed(1) + ',' + y.toFixed(1)); } });
        var line = el('polyline', { 'class': 'mlops-pc mlops-pc' + band, points: points.join(' '), 'data-run': row.getAttribute('data-run') });
        line.appendChild(el('title', null, cellText(row, 1) + ': ' + metric + ' = ' + v));
        group.appendChild(line);
      });
      f.svg.insertBefore(group, f.svg.querySelector('.mlops-axis') || null);
      /* band edges with the digits it takes to tell them apart (not 1.68e+9 to 1.68e+9) */
      var edges = [];
      for (var e = 0; e <= 5; e++) { edges.push(mLo + (mHi - mLo) * e / 5); }
      var edgeLabels = tickLabels(edges, mHi > mLo ? Math.max(0, -Math.floor(Math.log10((mHi - mLo) / 5))) : 0);
      for (var b = 0; b < 5; b++) {
        legendItem(f.legend, metric + ' ' + edgeLabels[b] + ' to ' + edgeLabels[b + 1], 'mlops-pc' + b);
      }
      while (parallel.firstChild) { parallel.removeChild(parallel.firstChild); }
      parallel.appendChild(f.figure);
    }
    if (parallelSelect) { parallelSelect.addEventListener('change', drawParallel); }

    showRows();
    if (selectedCount) { selectedCount.textContent = selected().length + ' selected'; }
    onSelectionLinkOnly();
    drawParallel();

    /* the server drew the first overlay and trend; only the diff link needs setting at load */
    function onSelectionLinkOnly() {
      var ids = selected();
      if (diffLink) {
        var base = root.getAttribute('data-diff-base');
        diffLink.hidden = !(ids.length === 2 && base);
        if (!diffLink.hidden) {
          diffLink.setAttribute('href', base + '?a=' + encodeURIComponent(ids[0]) + '&b=' + encodeURIComponent(ids[1]));
        }
      }
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table.mlops-sortable'), initSortable);
    var compare = document.getElementById('mlops-compare-table');
    if (compare) { initComparison(compare); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
