// The trends chart: each charted series' counts per period, a rise's threshold as a dashed line. The numbers come
// from the page (data-chart), computed by the exchange over what the analyst may read; this only draws them.
(function () {
  'use strict';
  var el = document.getElementById('trend-chart');
  if (!el || !window.echarts) {
    return;
  }
  var data = JSON.parse(el.dataset.chart);
  if (!data.series.length) {
    el.hidden = true;
    return;
  }
  var chart = echarts.init(el, null, {renderer: 'canvas'});
  chart.setOption({
    animation: false,
    legend: {type: 'scroll', bottom: 0},
    grid: {left: 40, right: 90, top: 20, bottom: 60},
    xAxis: {type: 'category', data: data.labels},
    yAxis: {type: 'value', minInterval: 1},
    series: data.series.map(function (s) {
      var line = {name: s.name, type: 'line', data: s.counts, symbolSize: s.rise ? 8 : 4,
        lineStyle: {width: s.rise ? 3 : 1.5}};
      if (s.rise) {
        line.markLine = {symbol: 'none', silent: true, label: {formatter: el.dataset.labelThreshold + ' {c}'},
          lineStyle: {type: 'dashed'}, data: [{yAxis: s.threshold}]};
      }
      return line;
    })
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
