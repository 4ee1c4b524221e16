// The weekly chart of terms (text analytics): data from data-chart, no inline script (CSP).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('term-chart');
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart') || '{}');
    if (!d.weeks || !d.weeks.length) { return; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll' },
      xAxis: { type: 'category', data: d.weeks }, yAxis: { type: 'value', minInterval: 1 },
      series: d.series.map(function (s) { return { name: s.name, type: 'line', data: s.data, showSymbol: false }; })
    });
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
