// Draws report.html's charts as inline SVG from the JSON in #report-data: line panels (optional
// log2 x axis, reference line), grouped bars, heatmaps. No library, no network. Each chart's
// container gets data-rendered="true" once drawn; the root gets data-charts-rendered=<count>.
// Interaction: hover a point, bar or cell for its value; click a legend entry to hide a series.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 640, H = 420, M = { l: 70, r: 20, t: 36, b: 86 };
  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22', '#17becf'];

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function label(parent, x, y, s, attrs) {
    var t = el('text', Object.assign({ x: x, y: y, 'font-size': 11, 'text-anchor': 'middle' },
      attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function tip(node, s) { el('title', {}, node).textContent = s; }
  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) { return 'n/a'; }
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 1 ? String(+v.toFixed(2)) : String(+v.toPrecision(3));
  }
  function ticks(min, max, count) {
    if (max <= min) { max = min + 1; }
    var step = Math.pow(10, Math.floor(Math.log10((max - min) / count)));
    [1, 2, 5, 10].some(function (m) {
      if ((max - min) / (step * m) <= count) { step = step * m; return true; }
      return false;
    });
    var out = [];
    for (var v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) { out.push(+v.toPrecision(12)); }
    return out;
  }
  function panelSvg(container, title) {
    var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, 'class': 'panel' });
    el('rect', { x: 0, y: 0, width: W, height: H, fill: '#fff' }, svg);
    label(svg, W / 2, 20, title, { 'font-size': 14, 'font-weight': 'bold' });
    container.appendChild(svg);
    return svg;
  }
  function axes(svg, xLabel, yLabel) {
    el('line', { x1: M.l, y1: H - M.b, x2: W - M.r, y2: H - M.b, stroke: '#333' }, svg);
    el('line', { x1: M.l, y1: M.t, x2: M.l, y2: H - M.b, stroke: '#333' }, svg);
    label(svg, (M.l + W - M.r) / 2, H - M.b + 36, xLabel);
    label(svg, 16, (M.t + H - M.b) / 2, yLabel, { transform: 'rotate(-90 16 ' + (M.t + H - M.b) / 2 + ')' });
  }
  function yAxis(svg, yMin, yMax, sy) {
    ticks(yMin, yMax, 6).forEach(function (v) {
      el('line', { x1: M.l, x2: W - M.r, y1: sy(v), y2: sy(v), stroke: '#eee' }, svg);
      label(svg, M.l - 6, sy(v) + 4, fmt(v), { 'text-anchor': 'end' });
    });
  }
  function legend(svg, names, groups) {
    var x = M.l, y = H - 22;
    names.forEach(function (name, i) {
      var g = el('g', { 'class': 'legend-entry', style: 'cursor:pointer' }, svg);
      el('rect', { x: x, y: y - 9, width: 10, height: 10, fill: COLORS[i % COLORS.length] }, g);
      var t = label(g, x + 14, y, name, { 'text-anchor': 'start' });
      g.addEventListener('click', function () {
        var hide = groups[i].getAttribute('visibility') !== 'hidden';
        groups[i].setAttribute('visibility', hide ? 'hidden' : 'visible');
        g.setAttribute('opacity', hide ? 0.4 : 1);
      });
      x += 24 + Math.max(40, name.length * 6.5);
      if (x > W - 120) { x = M.l; y += 14; }
      return t;
    });
  }

  function linePanel(fig, p, container) {
    var svg = panelSvg(container, p.title);
    var tx = fig.log2X ? function (v) { return Math.log2(v); } : function (v) { return v; };
    var xs = [], ys = [];
    p.series.forEach(function (s) { s.x.forEach(function (v) { xs.push(tx(v)); }); ys = ys.concat(s.y); });
    if (p.hLine !== null) { ys.push(p.hLine); }
    var xMin = Math.min.apply(null, xs), xMax = Math.max.apply(null, xs);
    if (xMax === xMin) { xMin -= 1; xMax += 1; }
    var yMin = Math.min(0, Math.min.apply(null, ys)), yMax = Math.max.apply(null, ys) * 1.05 || 1;
    var sx = function (v) { return M.l + (tx(v) - xMin) / (xMax - xMin) * (W - M.l - M.r); };
    var sy = function (v) { return H - M.b - (v - yMin) / (yMax - yMin) * (H - M.t - M.b); };
    yAxis(svg, yMin, yMax, sy);
    // A log2 axis is labelled at the Ns tested, so every cell of the sweep has its label.
    var xt = fig.log2X ? [] : ticks(xMin, xMax, 6);
    if (fig.log2X) {
      p.series.forEach(function (s) { s.x.forEach(function (v) { if (xt.indexOf(v) < 0) { xt.push(v); } }); });
    }
    xt.forEach(function (v) { label(svg, sx(v), H - M.b + 16, fmt(v)); });
    axes(svg, fig.xLabel, fig.yLabel);
    var groups = p.series.map(function (s, i) {
      var color = COLORS[i % COLORS.length];
      var g = el('g', { 'class': 'series' }, svg);
      var d = s.x.map(function (x, j) { return (j ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(s.y[j]).toFixed(1); }).join(' ');
      el('path', { d: d, fill: 'none', stroke: color, 'stroke-width': 2 }, g);
      s.x.forEach(function (x, j) {
        tip(el('circle', { cx: sx(x), cy: sy(s.y[j]), r: 3.5, fill: color, 'class': 'point' }, g),
          s.name + ': x=' + fmt(x) + ', y=' + fmt(s.y[j]));
      });
      return g;
    });
    if (p.hLine !== null) {
      tip(el('line', { x1: M.l, x2: W - M.r, y1: sy(p.hLine), y2: sy(p.hLine), stroke: 'red',
        'stroke-dasharray': '6 4', 'class': 'reference' }, svg), 'threshold ' + fmt(p.hLine));
    }
    legend(svg, p.series.map(function (s) { return s.name; }), groups);
  }

  function barPanel(fig, p, container) {
    var svg = panelSvg(container, p.title);
    var all = [0];
    p.series.forEach(function (s) { all = all.concat(s.y); });
    var yMax = Math.max.apply(null, all) * 1.1 || 1;
    var sy = function (v) { return H - M.b - v / yMax * (H - M.t - M.b); };
    yAxis(svg, 0, yMax, sy);
    axes(svg, '', fig.yLabel);
    var groupW = (W - M.l - M.r) / p.categories.length;
    var barW = groupW * 0.8 / Math.max(1, p.series.length);
    p.categories.forEach(function (c, k) { label(svg, M.l + groupW * (k + 0.5), H - M.b + 16, c); });
    var groups = p.series.map(function (s, i) {
      var g = el('g', { 'class': 'series' }, svg);
      s.y.forEach(function (v, k) {
        var x = M.l + groupW * k + groupW * 0.1 + barW * i;
        tip(el('rect', { x: x, y: sy(v), width: barW, height: sy(0) - sy(v), 'class': 'bar',
          fill: COLORS[i % COLORS.length] }, g), s.name + ' / ' + p.categories[k] + ': ' + fmt(v));
      });
      return g;
    });
    legend(svg, p.series.map(function (s) { return s.name; }), groups);
  }

  function heatPanel(fig, p, container) {
    var svg = panelSvg(container, p.title);
    var left = 120, cw = (W - left - M.r) / p.columns.length, ch = (H - M.t - M.b) / p.rows.length;
    p.rows.forEach(function (r, i) {
      label(svg, left - 6, M.t + ch * (i + 0.5) + 4, r, { 'text-anchor': 'end' });
      p.columns.forEach(function (c, j) {
        var v = p.values[i][j];
        // Colours are relative to the SLO (decided by the report: pass, near, fail), not min..max.
        var fill = p.bands[i][j];
        var cell = el('rect', { x: left + cw * j, y: M.t + ch * i, width: cw - 1, height: ch - 1,
          fill: fill, 'class': 'cell' }, svg);
        tip(cell, r + ', N=' + c + ': ' + (v === null ? 'not measured' : fmt(v) + ' s'));
        if (v !== null && cw > 28) { label(svg, left + cw * (j + 0.5), M.t + ch * (i + 0.5) + 4, fmt(v), { 'font-size': 10 }); }
      });
    });
    p.columns.forEach(function (c, j) { label(svg, left + cw * (j + 0.5), H - M.b + 16, c); });
    label(svg, (left + W - M.r) / 2, H - M.b + 36, fig.xLabel);
    label(svg, W / 2, H - 22, p.slo === 'none' ? fig.valueLabel + ' (no latency SLO: not coloured)'
      : fig.valueLabel + ' vs SLO ' + fmt(p.slo) + ' s: green ≤ 80 % of it, amber near, red above');
  }

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = 0;
  data.figures.forEach(function (fig) {
    var container = document.getElementById('chart-' + fig.id);
    try {
      var draw = fig.type === 'lines' ? linePanel : fig.type === 'bars' ? barPanel : heatPanel;
      fig.panels.forEach(function (p) { draw(fig, p, container); });
      container.setAttribute('data-rendered', 'true');
      container.setAttribute('data-panels', String(fig.panels.length));
      drawn++;
    } catch (e) {
      window.__reportRecordError('chart ' + fig.id + ': ' + e);
    }
  });
  document.documentElement.setAttribute('data-charts-rendered', String(drawn));
})();
