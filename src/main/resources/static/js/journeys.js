// The journey Sankey (ADR 0080): nodes are a stage at a step ("2 · Adoption"), so the graph has no cycles. Its text
// alternative is the per-pair table beside it; the chart's label says what it draws.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('journey-sankey');
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart') || '{}');
    var ja = (document.documentElement.lang || 'en') === 'ja';
    var number = new Intl.NumberFormat(ja ? 'ja-JP' : 'en-US');
    el.style.height = Math.max(320, Math.min(720, 40 * d.nodes.length)) + 'px';
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) {
        return p.dataType === 'edge' ? p.data.source + ' → ' + p.data.target + ': ' + number.format(p.data.value) + ' ' + d.unit
          : p.name + ': ' + number.format(p.value) + ' ' + d.unit;
      } },
      series: [{ type: 'sankey', data: d.nodes, links: d.links, nodeAlign: 'left', layoutIterations: 32,
        emphasis: { focus: 'adjacency' }, label: { fontSize: 12 }, lineStyle: { color: 'gradient', curveness: 0.5 } }]
    });
    var total = d.links.reduce(function (s, l) { return s + l.value; }, 0);
    el.setAttribute('aria-label', el.getAttribute('aria-label') + (ja ? '：' : ': ') + d.links.map(function (l) {
      return l.source + ' → ' + l.target + ' ' + number.format(l.value);
    }).slice(0, 20).join(ja ? '、' : ', ') + (ja ? '（計 ' : ' (total ') + number.format(total) + ')');
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
