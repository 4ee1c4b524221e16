// Onboarding cohorts: completion rate (bars) and median days to first value (line) per start month and plan.
// Data from data-chart, labels from data-labels (no inline script: CSP).
(function () {
  'use strict';
  function lang() { return document.documentElement.lang || 'en'; }
  function monthText(m) {
    var d = new Date(Date.UTC(parseInt(m.slice(0, 4), 10), parseInt(m.slice(5, 7), 10) - 1, 1));
    return new Intl.DateTimeFormat(lang(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
  }
  function pct(v) { return new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 1 }).format(v); }
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('onboarding-cohort-chart');
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart') || '[]'), l = (el.getAttribute('data-labels') || '').split('|');
    var months = [], plans = [];
    d.forEach(function (p) {
      if (months.indexOf(p.month) < 0) { months.push(p.month); }
      if (plans.indexOf(p.plan) < 0) { plans.push(p.plan); }
    });
    var series = [];
    plans.forEach(function (plan) {
      function value(month, key) {
        var hit = d.filter(function (p) { return p.month === month && p.plan === plan; })[0];
        return hit && hit[key] !== '' ? hit[key] : null;
      }
      series.push({ name: plan + ' · ' + l[0], type: 'bar', yAxisIndex: 0, data: months.map(function (m) { return value(m, 'rate'); }) });
      series.push({ name: plan + ' · ' + l[1], type: 'line', yAxisIndex: 1, connectNulls: false,
        data: months.map(function (m) { return value(m, 'median'); }) });
    });
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 },
      grid: { containLabel: true, left: 8, right: 8, top: 40 },
      xAxis: { type: 'category', data: months.map(monthText) },
      yAxis: [{ type: 'value', min: 0, max: 1, name: l[0], axisLabel: { formatter: pct } },
        { type: 'value', min: 0, name: l[2] }],
      series: series
    });
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
