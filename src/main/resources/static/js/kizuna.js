// Charts read their data from data-chart (JSON) and their labels from data-labels: no inline scripts (CSP).
(function () {
  'use strict';
  var colors = { red: '#c0392b', yellow: '#d4a017', green: '#2e8b57', blue: '#2f5d8a', grey: '#8a8f98' };

  function data(el) { return JSON.parse(el.getAttribute('data-chart') || '[]'); }
  function labels(el) { return (el.getAttribute('data-labels') || '').split('|'); }
  function render(el, option) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    chart.setOption(option);
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }

  var charts = {
    'band-chart': function (el) {
      var d = data(el), l = labels(el);
      render(el, {
        tooltip: {}, xAxis: { type: 'category', data: l }, yAxis: { type: 'value' },
        series: [{ type: 'bar', data: [
          { value: d.red, itemStyle: { color: colors.red } },
          { value: d.yellow, itemStyle: { color: colors.yellow } },
          { value: d.green, itemStyle: { color: colors.green } }] }]
      });
    },
    'mrr-chart': function (el) {
      var d = data(el), l = labels(el);
      render(el, {
        tooltip: { trigger: 'axis' }, legend: { data: l },
        xAxis: { type: 'category', data: d.map(function (m) { return m.month; }) },
        yAxis: { type: 'value' },
        series: [
          { name: l[0], type: 'line', data: d.map(function (m) { return m.closing; }), itemStyle: { color: colors.blue } },
          { name: l[1], type: 'bar', stack: 'm', data: d.map(function (m) { return m['new']; }), itemStyle: { color: colors.green } },
          { name: l[2], type: 'bar', stack: 'm', data: d.map(function (m) { return m.expansion; }), itemStyle: { color: '#7fb77e' } },
          { name: l[3], type: 'bar', stack: 'm', data: d.map(function (m) { return -m.contraction; }), itemStyle: { color: colors.yellow } },
          { name: l[4], type: 'bar', stack: 'm', data: d.map(function (m) { return -m.churn; }), itemStyle: { color: colors.red } }]
      });
    },
    'health-chart': function (el) {
      var d = data(el), l = labels(el);
      render(el, {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.map(function (p) { return p.day; }) },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [{ name: l[0], type: 'line', data: d.map(function (p) { return p.score === '' ? null : p.score; }),
          itemStyle: { color: colors.blue }, markArea: { silent: true, data: [
            [{ yAxis: 0, itemStyle: { color: 'rgba(192,57,43,0.08)' } }, { yAxis: 40 }],
            [{ yAxis: 70, itemStyle: { color: 'rgba(46,139,87,0.08)' } }, { yAxis: 100 }]] } }]
      });
    },
    'usage-chart': function (el) {
      var d = data(el), l = labels(el);
      render(el, {
        tooltip: { trigger: 'axis' }, legend: { data: l },
        xAxis: { type: 'category', data: d.map(function (p) { return p.day; }) },
        yAxis: [{ type: 'value' }, { type: 'value' }],
        series: [
          { name: l[0], type: 'line', data: d.map(function (p) { return p.users; }), itemStyle: { color: colors.blue } },
          { name: l[1], type: 'bar', yAxisIndex: 1, data: d.map(function (p) { return p.events; }), itemStyle: { color: colors.grey } }]
      });
    }
  };

  document.addEventListener('DOMContentLoaded', function () {
    Object.keys(charts).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && window.echarts) { charts[id](el); }
    });
  });
})();

// Scorecard editor: show only the parameters of each measure's chosen rule type (all are shown without script).
(function () {
  'use strict';
  function sync(select) {
    var fieldset = select.closest('fieldset');
    ['linear', 'bands', 'percentile'].forEach(function (type) {
      fieldset.querySelectorAll('.rule-' + type).forEach(function (el) { el.hidden = select.value !== type; });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('select.rule-type').forEach(function (select) {
      sync(select);
      select.addEventListener('change', function () { sync(select); });
    });
  });
})();
