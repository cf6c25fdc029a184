// Draws report.html's charts as inline SVG from the JSON in #report-data: line panels (optional
// log2 x axis, reference line), grouped bars, heatmaps. No library, no network. Each chart's
// container gets data-rendered="true" once drawn; the root gets data-charts-rendered=<count>.
// Interaction: hover a point, bar or cell for its value; click a legend entry to hide a series.
// Panels are 1000 × 580 with 14 px text, one a row (scaled down in a narrower window): the plot
// area and lettering of the PNGs' 800 px panels at least. Axis labels never overlap: every N
// tested gets a tick, and a label where it fits beside its neighbours.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 1000, H = 580, M = { l: 84, r: 24, t: 44, b: 104 }, FONT = 14;
  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22', '#17becf'];
  // The dashes of per-second series, as PngRenderer.DASHES.
  var DASHES = ['none', '10 5', '2 4', '12 4 2 4'];

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function label(parent, x, y, s, attrs) {
    var t = el('text', Object.assign({ x: x, y: y, 'font-size': FONT, 'text-anchor': 'middle' },
      attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function tip(node, s) { el('title', {}, node).textContent = s; }
  // Roughly how wide a label is drawn, in px: sans-serif digits are about 0.6 em.
  function textWidth(s, size) { return String(s).length * (size || FONT) * 0.6; }
  // Of labels {x, text} along an axis, those that fit: left to right, each a gap clear of the
  // last one kept; the last label (the largest N) is always kept, dropping its neighbour instead.
  function fitting(items) {
    var sorted = items.slice().sort(function (a, b) { return a.x - b.x; });
    var kept = [];
    var clear = function (a, b) { return b.x - a.x >= (textWidth(a.text) + textWidth(b.text)) / 2 + 8; };
    sorted.forEach(function (it) {
      if (!kept.length || clear(kept[kept.length - 1], it)) { kept.push(it); }
    });
    var last = sorted[sorted.length - 1];
    if (last && kept[kept.length - 1] !== last) {
      while (kept.length && !clear(kept[kept.length - 1], last)) { kept.pop(); }
      kept.push(last);
    }
    return kept;
  }
  // Tick marks at every x, labels at those that fit.
  function xLabels(svg, items) {
    items.forEach(function (it) {
      el('line', { x1: it.x, x2: it.x, y1: H - M.b, y2: H - M.b + 5, stroke: '#333' }, svg);
    });
    fitting(items).forEach(function (it) { label(svg, it.x, H - M.b + 20, it.text, { 'class': 'tick' }); });
  }
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
    label(svg, W / 2, 26, title, { 'font-size': FONT + 3, 'font-weight': 'bold' });
    container.appendChild(svg);
    return svg;
  }
  function axes(svg, xLabel, yLabel) {
    el('line', { x1: M.l, y1: H - M.b, x2: W - M.r, y2: H - M.b, stroke: '#333' }, svg);
    el('line', { x1: M.l, y1: M.t, x2: M.l, y2: H - M.b, stroke: '#333' }, svg);
    label(svg, (M.l + W - M.r) / 2, H - M.b + 46, xLabel, { 'font-size': FONT + 1 });
    label(svg, 20, (M.t + H - M.b) / 2, yLabel,
      { 'font-size': FONT + 1, transform: 'rotate(-90 20 ' + (M.t + H - M.b) / 2 + ')' });
  }
  function yAxis(svg, yMin, yMax, sy) {
    ticks(yMin, yMax, 6).forEach(function (v) {
      el('line', { x1: M.l, x2: W - M.r, y1: sy(v), y2: sy(v), stroke: '#eee' }, svg);
      label(svg, M.l - 6, sy(v) + 4, fmt(v), { 'text-anchor': 'end' });
    });
  }
  // With dashed, each entry shows its series' line (colour, width and dash), not a swatch.
  function legend(svg, names, groups, dashed) {
    var x = M.l, y = H - 30;
    names.forEach(function (name, i) {
      var g = el('g', { 'class': 'legend-entry', style: 'cursor:pointer' }, svg);
      var sample = dashed ? 24 : 12;
      if (dashed) {
        el('line', { x1: x, x2: x + sample, y1: y - 5, y2: y - 5, stroke: COLORS[i % COLORS.length],
          'stroke-width': i ? 2 : 4, 'stroke-dasharray': DASHES[i % DASHES.length] }, g);
      } else {
        el('rect', { x: x, y: y - 11, width: 12, height: 12, fill: COLORS[i % COLORS.length] }, g);
      }
      var t = label(g, x + sample + 5, y, name, { 'text-anchor': 'start' });
      g.addEventListener('click', function () {
        var hide = groups[i].getAttribute('visibility') !== 'hidden';
        groups[i].setAttribute('visibility', hide ? 'hidden' : 'visible');
        g.setAttribute('opacity', hide ? 0.4 : 1);
      });
      x += sample + 20 + Math.max(40, textWidth(name));
      if (x > W - 160) { x = M.l; y += 18; }
      return t;
    });
  }

  function linePanel(fig, p, container) {
    var svg = panelSvg(container, p.title);
    var tx = fig.log2X ? function (v) { return Math.log2(v); } : function (v) { return v; };
    var xs = [], ys = [];
    p.series.forEach(function (s) { s.x.forEach(function (v) { xs.push(tx(v)); }); ys = ys.concat(s.y); });
    if (p.hLine !== null) { ys.push(p.hLine); }
    // A per-second count holds over [x, x + 1): the axis runs to the last second's end.
    if (fig.perSecond && xs.length) { xs.push(Math.max.apply(null, xs) + 1); }
    var xMin = Math.min.apply(null, xs), xMax = Math.max.apply(null, xs);
    if (xMax === xMin) { xMin -= 1; xMax += 1; }
    var yMin = Math.min(0, Math.min.apply(null, ys)), yMax = Math.max.apply(null, ys) * 1.05 || 1;
    var sx = function (v) { return M.l + (tx(v) - xMin) / (xMax - xMin) * (W - M.l - M.r); };
    var sy = function (v) { return H - M.b - (v - yMin) / (yMax - yMin) * (H - M.t - M.b); };
    yAxis(svg, yMin, yMax, sy);
    // A log2 axis is labelled at the Ns tested, so every cell of the sweep has its label.
    var xt = fig.log2X ? [] : ticks(xMin, xMax, 6);
    if (fig.perSecond) { xt = xt.filter(function (v) { return v === Math.round(v); }); }
    if (fig.log2X) {
      p.series.forEach(function (s) { s.x.forEach(function (v) { if (xt.indexOf(v) < 0) { xt.push(v); } }); });
    }
    xLabels(svg, xt.map(function (v) { return { x: sx(v), text: fmt(v) }; }));
    axes(svg, fig.xLabel, fig.yLabel);
    var groups = p.series.map(function (s, i) {
      var color = COLORS[i % COLORS.length];
      var g = el('g', { 'class': 'series' }, svg);
      if (fig.perSecond) {
        // Steps, as PngRenderer draws them: second x's count from x to x + 1, each series dashed
        // its own way and the first widest, so equal counts do not hide one another.
        var steps = s.x.map(function (x, j) {
          return (j ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(s.y[j]).toFixed(1) + ' H' + sx(x + 1).toFixed(1);
        }).join(' ');
        el('path', { d: steps, fill: 'none', stroke: color, 'stroke-width': i ? 2 : 4,
          'stroke-dasharray': DASHES[i % DASHES.length] }, g);
        s.x.forEach(function (x, j) {
          tip(el('rect', { x: sx(x), y: sy(s.y[j]) - 4, width: Math.max(1, sx(x + 1) - sx(x)), height: 8,
            fill: 'transparent', 'class': 'point' }, g), s.name + ': second ' + fmt(x) + ', ' + fmt(s.y[j]));
        });
        return g;
      }
      var d = s.x.map(function (x, j) { return (j ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(s.y[j]).toFixed(1); }).join(' ');
      // Dashed its own way, the first widest: two series with equal values (ws and http both at a
      // success rate of 1) must both show.
      el('path', { d: d, fill: 'none', stroke: color, 'stroke-width': i ? 2 : 4,
        'stroke-dasharray': DASHES[i % DASHES.length] }, g);
      s.x.forEach(function (x, j) {
        tip(el('circle', { cx: sx(x), cy: sy(s.y[j]), r: 4.5, fill: color, 'class': 'point' }, g),
          s.name + ': x=' + fmt(x) + ', y=' + fmt(s.y[j]));
      });
      return g;
    });
    if (p.hLine !== null) {
      tip(el('line', { x1: M.l, x2: W - M.r, y1: sy(p.hLine), y2: sy(p.hLine), stroke: 'red',
        'stroke-dasharray': '6 4', 'class': 'reference' }, svg), 'threshold ' + fmt(p.hLine));
    }
    legend(svg, p.series.map(function (s) { return s.name; }), groups, true);
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
    xLabels(svg, p.categories.map(function (c, k) { return { x: M.l + groupW * (k + 0.5), text: c }; }));
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
    var left = 150, cw = (W - left - M.r) / p.columns.length, ch = (H - M.t - M.b) / p.rows.length;
    // Seconds to two decimals in every cell, or in none: a panel with some cells labelled and
    // others not reads as if the others had no value.
    var cellText = function (v) { return v >= 10 ? v.toFixed(0) : v.toFixed(2); };
    var widest = 0;
    p.values.forEach(function (row) {
      row.forEach(function (v) { if (v !== null) { widest = Math.max(widest, textWidth(cellText(v), 12)); } });
    });
    var labelled = cw > widest + 4;
    p.rows.forEach(function (r, i) {
      label(svg, left - 6, M.t + ch * (i + 0.5) + 4, r, { 'text-anchor': 'end' });
      p.columns.forEach(function (c, j) {
        var v = p.values[i][j];
        // Colours are relative to the SLO (decided by the report: pass, near, fail), not min..max.
        var fill = p.bands[i][j];
        var cell = el('rect', { x: left + cw * j, y: M.t + ch * i, width: cw - 1, height: ch - 1,
          fill: fill, 'class': 'cell' }, svg);
        tip(cell, r + ', N=' + c + ': ' + (v === null ? 'not measured' : fmt(v) + ' s'));
        if (v !== null && labelled) {
          label(svg, left + cw * (j + 0.5), M.t + ch * (i + 0.5) + 4, cellText(v), { 'font-size': 12 });
        }
      });
    });
    xLabels(svg, p.columns.map(function (c, j) { return { x: left + cw * (j + 0.5), text: c }; }));
    label(svg, (left + W - M.r) / 2, H - M.b + 46, fig.xLabel, { 'font-size': FONT + 1 });
    label(svg, W / 2, H - 30, p.slo === 'none' ? fig.valueLabel + ' (no latency SLO: not coloured)'
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
