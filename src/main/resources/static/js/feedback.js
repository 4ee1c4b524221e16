// Survey charts: the score by month (line) with the responses (bars). Data from data-chart, labels from
// data-labels (no inline script: CSP). The table next to each chart holds the same figures without JavaScript.
(function () {
  'use strict';
  function lang() { return document.documentElement.lang || 'en'; }
  function monthText(m) {
    var d = new Date(Date.UTC(parseInt(m.slice(0, 4), 10), parseInt(m.slice(5, 7), 10) - 1, 1));
    return new Intl.DateTimeFormat(lang(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
  }
  function draw(id) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart') || '[]'), l = (el.getAttribute('data-labels') || '').split('|');
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { containLabel: true, left: 8, right: 8, top: 40 },
      xAxis: { type: 'category', data: d.map(function (p) { return monthText(p.month); }) },
      yAxis: [l[0] === 'NPS' ? { type: 'value', name: l[0], min: -100, max: 100 } : { type: 'value', name: l[0] }, { type: 'value', min: 0, name: l[1], splitLine: { show: false } }],
      series: [
        { name: l[1], type: 'bar', yAxisIndex: 1, itemStyle: { color: '#c8d6e5' }, data: d.map(function (p) { return p.responses; }) },
        { name: l[0], type: 'line', yAxisIndex: 0, connectNulls: false, data: d.map(function (p) { return p.score; }) }
      ]
    });
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    draw('voc-nps-chart');
    draw('survey-trend-chart');
  });
})();
