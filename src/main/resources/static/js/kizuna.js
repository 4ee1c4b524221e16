// Charts read their data from data-chart (JSON) and their labels from data-labels: no inline scripts (CSP).
(function () {
  'use strict';
  var colors = { red: '#c0392b', yellow: '#d4a017', green: '#2e8b57', blue: '#2f5d8a', grey: '#8a8f98' };

  function data(el) { return JSON.parse(el.getAttribute('data-chart') || '[]'); }
  function labels(el) { return (el.getAttribute('data-labels') || '').split('|'); }
  function render(el, option, format) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    chart.setOption(option);
    describe(el, option, format);
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }

  // The chart's text alternative: its name, then what it draws (each category's value, or a time series' first and
  // last day), so that a screen reader hears the figures and not only "MRR trend".
  function describe(el, option, format) {
    if (!el.hasAttribute('data-name')) { el.setAttribute('data-name', el.getAttribute('aria-label') || ''); }
    var ja = lang().indexOf('ja') === 0, number = new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 });
    var f = format || function (v) { return number.format(v); };
    var x = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
    var day = x && x.type === 'time' ? x.axisLabel.formatter : null;
    var parts = (option.series || []).filter(function (s) {
      return (s.type === 'line' || s.type === 'bar') && !s.silent;
    }).map(function (s) {
      var points = s.data.map(function (d, i) {
        if (Array.isArray(d)) { return [day ? day(Date.parse(d[0] + 'T00:00:00')) : d[0], d[1]]; }
        return [x && x.data ? x.data[i] : '', d !== null && typeof d === 'object' ? d.value : d];
      }).filter(function (p) { return p[1] !== null && p[1] !== undefined && p[1] !== ''; });
      if (!points.length) { return ''; }
      var all = points.length <= 24, shown = all ? points : [points[0], points[points.length - 1]];
      return (s.name ? s.name + (ja ? '：' : ': ') : '')
        + shown.map(function (p) { return p[0] + ' ' + f(p[1]); }).join(all ? (ja ? '、' : ', ') : ' → ');
    }).filter(function (t) { return t; });
    el.setAttribute('aria-label', el.getAttribute('data-name') + (parts.length ? (ja ? '。' : '. ') + parts.join(ja ? '。' : '. ') : ''));
  }

  // Days as 'YYYY-MM-DD' (UTC arithmetic: the server sends calendar days, not instants).
  function dayMs(day) { return Date.parse(day + 'T00:00:00Z'); }
  function dayText(ms) { return new Date(ms).toISOString().slice(0, 10); }
  // Every calendar day from the first point to the last, filled by fill(day) where there is no point:
  // a time series must not draw a missing day as if it were continuous.
  function everyDay(points, fill) {
    if (!points.length) { return points; }
    var byDay = {}, out = [];
    points.forEach(function (p) { byDay[p.day] = p; });
    for (var t = dayMs(points[0].day), end = dayMs(points[points.length - 1].day); t <= end; t += 86400000) {
      var day = dayText(t);
      out.push(byDay[day] || fill(day));
    }
    return out;
  }

  // A time axis labelled in the page's language (ECharts alone writes English month names).
  function timeAxis() {
    var ja = lang().indexOf('ja') === 0;
    var en = new Intl.DateTimeFormat(lang(), { month: 'short', day: 'numeric' });
    return { type: 'time', axisLabel: { hideOverlap: true, formatter: function (v) {
      var d = new Date(v);
      return ja ? (d.getMonth() + 1) + '月' + d.getDate() + '日' : en.format(d);
    } } };
  }

  // A month 'YYYY-MM' as every page writes it (Formats.month): 2026年7月, Jul 2026; anything else as it came.
  function monthText(month) {
    var m = /^(\d{4})-(\d{2})$/.exec(String(month));
    if (!m) { return month; }
    if (lang().indexOf('ja') === 0) { return m[1] + '年' + Number(m[2]) + '月'; }
    return new Intl.DateTimeFormat(lang(), { month: 'short', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
  }

  // Money axes: short labels that fit (ja: 万/億, en and others: K/M/B), from minor units.
  function lang() { return document.documentElement.lang || 'en'; }
  function currencyOf(el) { return el.getAttribute('data-currency') || 'JPY'; }
  function digitsOf(el) {
    var d = el.getAttribute('data-digits');
    if (d !== null && d !== '') { return parseInt(d, 10); }
    return new Intl.NumberFormat('en', { style: 'currency', currency: currencyOf(el) }).resolvedOptions().maximumFractionDigits;
  }
  function axisMoney(el) {
    var currency = currencyOf(el), digits = digitsOf(el);
    var ja = lang().indexOf('ja') === 0;
    var plain = new Intl.NumberFormat(lang(), { style: 'currency', currency: currency, maximumFractionDigits: digits,
      minimumFractionDigits: 0 });
    var scaled = new Intl.NumberFormat(lang(), { style: 'currency', currency: currency, maximumFractionDigits: 1,
      minimumFractionDigits: 0 });
    var compact = new Intl.NumberFormat(lang(), { style: 'currency', currency: currency, notation: 'compact',
      maximumFractionDigits: 1 });
    return function (major) {
      var abs = Math.abs(major);
      if (!ja) { return abs < 1000 ? plain.format(major) : compact.format(major); }
      if (abs >= 1e8) { return scaled.format(major / 1e8) + '億'; }
      if (abs >= 1e4) { return scaled.format(major / 1e4) + '万'; }
      return plain.format(major);
    };
  }
  function major(el) { var f = Math.pow(10, digitsOf(el)); return function (minor) { return minor / f; }; }

  // A bar per {label, value}: LTV by plan, customers by RFM segment.
  function bars(el, color) {
    var d = data(el), l = labels(el);
    render(el, {
      tooltip: {}, grid: { containLabel: true, left: 8, right: 8 },
      xAxis: { type: 'category', data: d.map(function (b) { return b.label; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{ name: l[0], type: 'bar', barMaxWidth: 48, data: d.map(function (b) { return b.value; }), itemStyle: { color: color } }]
    });
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
      var d = data(el), l = labels(el), m = major(el), money = axisMoney(el), exact = moneyFormat(el);
      render(el, {
        tooltip: { trigger: 'axis', valueFormatter: exact.text }, legend: { data: l },
        grid: { containLabel: true, left: 8, right: 16 },
        xAxis: { type: 'category', data: d.map(function (p) { return monthText(p.month); }) },
        yAxis: { type: 'value', axisLabel: { formatter: money } },
        series: [
          { name: l[0], type: 'line', data: d.map(function (p) { return m(p.closing); }), itemStyle: { color: colors.blue } },
          { name: l[1], type: 'bar', stack: 'm', data: d.map(function (p) { return m(p['new']); }), itemStyle: { color: colors.green } },
          { name: l[2], type: 'bar', stack: 'm', data: d.map(function (p) { return m(p.expansion); }), itemStyle: { color: '#7fb77e' } },
          { name: l[3], type: 'bar', stack: 'm', data: d.map(function (p) { return -m(p.contraction); }), itemStyle: { color: colors.yellow } },
          { name: l[4], type: 'bar', stack: 'm', data: d.map(function (p) { return -m(p.churn); }), itemStyle: { color: colors.red } }]
      }, exact.text);
    },
    'health-chart': function (el) {
      // A day without a score is a gap in the line, not a straight line to the next score.
      var d = everyDay(data(el), function (day) { return { day: day, score: '' }; }), l = labels(el);
      render(el, {
        tooltip: { trigger: 'axis' },
        xAxis: timeAxis(),
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [{ name: l[0], type: 'line', connectNulls: false, showSymbol: false,
          data: d.map(function (p) { return [p.day, p.score === '' || p.score === null ? null : p.score]; }),
          itemStyle: { color: colors.blue }, markArea: { silent: true, data: [
            [{ yAxis: 0, itemStyle: { color: 'rgba(192,57,43,0.08)' } }, { yAxis: 40 }],
            [{ yAxis: 70, itemStyle: { color: 'rgba(46,139,87,0.08)' } }, { yAxis: 100 }]] } }]
      });
    },
    'ltv-plan-chart': function (el) { bars(el, colors.blue); },
    'rfm-chart': function (el) { bars(el, colors.green); },
    'usage-chart': function (el) {
      // The server sends every day of the window; a day missing all the same is drawn as zero usage.
      var d = everyDay(data(el), function (day) { return { day: day, users: 0, events: 0 }; }), l = labels(el);
      render(el, {
        tooltip: { trigger: 'axis' }, legend: { data: l },
        xAxis: timeAxis(),
        yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1 }],
        series: [
          { name: l[0], type: 'line', showSymbol: false, data: d.map(function (p) { return [p.day, p.users]; }), itemStyle: { color: colors.blue } },
          { name: l[1], type: 'bar', yAxisIndex: 1, data: d.map(function (p) { return [p.day, p.events]; }), itemStyle: { color: colors.grey } }]
      });
    }
  };


  // Revenue dashboard: money arrives in minor units with the currency and its digits; percentages as shares.
  function moneyFormat(el) {
    var digits = digitsOf(el);
    var format = new Intl.NumberFormat(lang(), { style: 'currency', currency: el.getAttribute('data-currency') || 'JPY',
      maximumFractionDigits: digits, minimumFractionDigits: digits });
    return { major: function (minor) { return minor / Math.pow(10, digits); }, text: function (v) { return format.format(v); } };
  }
  var percent = new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 1 });
  function pct(v) { return v === null || v === undefined ? '—' : percent.format(v); }

  function waterfall(el, month) {
    var d = data(el)[month], l = labels(el), money = moneyFormat(el);
    if (!d) { return; }
    var steps = [[d.opening, 1, colors.blue], [d['new'], 1, colors.green], [d.expansion, 1, '#7fb77e'],
      [d.reactivation, 1, '#5b9aa0'], [d.contraction, -1, colors.yellow], [d.churn, -1, colors.red]];
    var base = [], value = [], running = 0;
    steps.forEach(function (s, i) {
      var v = money.major(s[0]);
      if (i === 0) { base.push(0); running = v; }
      else if (s[1] > 0) { base.push(running); running += v; }
      else { running -= v; base.push(running); }
      value.push({ value: v, itemStyle: { color: s[2] } });
    });
    base.push(0);
    value.push({ value: money.major(d.closing), itemStyle: { color: colors.blue } });
    var option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (p) { var b = p[p.length - 1]; return b.name + ': ' + money.text(b.value); } },
      grid: { containLabel: true, left: 8, right: 16 },
      xAxis: { type: 'category', data: l, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', splitNumber: 4, axisLabel: { formatter: axisMoney(el) } },
      series: [
        { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: base },
        { type: 'bar', stack: 'w', data: value,
          label: { show: true, position: 'top', formatter: function (p) { return money.text(p.value); } } }]
    };
    var existing = window.echarts.getInstanceByDom(el);
    if (existing) { option.animation = false; existing.setOption(option, true); describe(el, option, money.text); }
    else { render(el, option, money.text); }
  }

  function heatmap(el) {
    var d = data(el), l = labels(el);
    if (!d.length) { return; }
    var rows = d.map(function (c) { return monthText(c.cohort) + (c.segment === null ? '' : ' · ' + c.segment) + ' (' + c.accounts + ')'; });
    var width = 0, max = 1, cells = [];
    d.forEach(function (c, y) {
      width = Math.max(width, c.values.length);
      c.values.forEach(function (v, x) { cells.push([x, y, v]); max = Math.max(max, v); });
    });
    el.style.height = (90 + 24 * rows.length) + 'px';
    render(el, {
      tooltip: { formatter: function (p) { return rows[p.value[1]] + ' · ' + l[0] + ' ' + p.value[0] + ': ' + pct(p.value[2]); } },
      grid: { left: 170, right: 16, top: 10, bottom: 60 },
      xAxis: { type: 'category', name: l[0], nameLocation: 'middle', nameGap: 28,
        data: Array.apply(null, Array(width)).map(function (_, i) { return String(i); }) },
      yAxis: { type: 'category', data: rows, inverse: true },
      visualMap: { min: 0, max: max, show: false, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
      series: [{ type: 'heatmap', data: cells,
        label: { show: true, fontSize: 10, formatter: function (p) { return Math.round(p.value[2] * 100); } } }]
    });
  }

  charts['waterfall-chart'] = function (el) {
    var select = document.getElementById('waterfall-month');
    waterfall(el, select ? parseInt(select.value, 10) : data(el).length - 1);
    if (select) { select.addEventListener('change', function () { waterfall(el, parseInt(select.value, 10)); }); }
  };
  charts['retention-chart'] = function (el) {
    var d = data(el), l = labels(el);
    render(el, {
      tooltip: { trigger: 'axis', valueFormatter: pct }, legend: { data: l },
      xAxis: { type: 'category', data: d.map(function (m) { return monthText(m.month); }) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: pct } },
      series: [
        { name: l[0], type: 'line', data: d.map(function (m) { return m.nrr; }), itemStyle: { color: colors.blue } },
        { name: l[1], type: 'line', data: d.map(function (m) { return m.grr; }), itemStyle: { color: colors.yellow } }]
    }, pct);
  };
  charts['logo-cohort-chart'] = heatmap;
  charts['revenue-cohort-chart'] = heatmap;

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

// A redirect to a section (e.g. #notes after saving a note) moves the focus there too, not only the scroll: a keyboard
// or screen-reader user carries on where the page says the change is, instead of at the top (<body>).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    if (location.hash.length < 2) { return; }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.getAttribute('tabindex') === '-1') { target.focus(); }
  });
})();
