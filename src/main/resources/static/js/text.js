// The weekly chart of terms (text analytics): data from data-chart, no inline script (CSP).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('term-chart');
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart') || '{}');
    if (!d.weeks || !d.weeks.length) { return; }
    // a week's first day in the page's language (ECharts shows the ISO day as it came): 5月8日, May 8
    var lang = document.documentElement.lang || 'en';
    var en = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    function weekLabel(day) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day));
      if (!m) { return day; }
      if (lang.indexOf('ja') === 0) { return Number(m[2]) + '月' + Number(m[3]) + '日'; }
      return en.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll' },
      xAxis: { type: 'category', data: d.weeks, axisLabel: { formatter: weekLabel } }, yAxis: { type: 'value', minInterval: 1, name: el.getAttribute('data-unit') || '' },
      series: d.series.map(function (s) { return { name: s.name, type: 'line', data: s.data, showSymbol: false }; })
    });
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
