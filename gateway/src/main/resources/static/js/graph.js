// The network page: draws the graph the exchange answers (/ui/graph/data), expands a node in place by asking for the
// graph around it, and offers to open a notice or pin an entity into a watchlist. Every ask is one audited graph on the
// server; this script only draws what came back. Text is set with textContent, never as HTML.
(function () {
  'use strict';
  var el = document.getElementById('graph');
  if (!el || !window.echarts) {
    return;
  }
  var data = el.dataset;
  var status = document.getElementById('graph-status');
  var nodes = new Map();
  var edges = new Map();
  var truncated = false;
  var start = null;
  var chart = echarts.init(el, null, {renderer: 'canvas'});
  var categories = [{name: data.labelNotice}, {name: data.labelEntity}, {name: data.labelPointer}];
  var CATEGORY = {NOTICE: 0, ENTITY: 1, POINTER: 2};
  // What a watchlist matches by value as the graph links it: not a person (a watchlist would match the name alone, the
  // graph links by name and birth date), not an asset (its identifiers are not its label).
  var WATCHABLE = ['PHONE', 'EMAIL', 'IBAN', 'CRYPTO_WALLET', 'VESSEL', 'IDENTITY_DOCUMENT'];

  function load(entity, depth) {
    status.textContent = '…';
    var url = data.data + '?entity=' + encodeURIComponent(entity) + '&depth=' + encodeURIComponent(depth);
    return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          throw new Error(body.reason || String(response.status));
        }
        return body;
      });
    }).then(function (graph) {
      start = start || (graph.nodes.length ? graph.nodes[0].id : null);
      graph.nodes.forEach(function (n) {
        var known = nodes.get(n.id);
        // A node seen again keeps "more" only while some answer still says it has more.
        nodes.set(n.id, known && n.id !== graph.nodes[0].id ? Object.assign(n, {more: known.more && n.more}) : n);
      });
      graph.edges.forEach(function (e) { edges.set(e.from + '|' + e.to + '|' + e.type + '|' + (e.notice || ''), e); });
      truncated = truncated || graph.truncated;
      draw();
    }).catch(function (error) {
      status.textContent = data.labelFailed + ' ' + error.message;
    });
  }

  function draw() {
    var list = Array.from(nodes.values());
    chart.setOption({
      tooltip: {show: false},
      legend: [{data: categories.map(function (c) { return c.name; }), bottom: 0}],
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: {repulsion: 420, edgeLength: [90, 180], gravity: 0.06}, zoom: 1.2,
        label: {show: true, position: 'right', fontSize: 13,
          formatter: function (p) { return short(p.data.text) + (p.data.more ? ' +' : ''); }},
        categories: categories,
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
        lineStyle: {color: 'source', curveness: 0.1},
        data: list.map(function (n) {
          return {name: n.id, text: n.label, more: n.more, category: CATEGORY[n.type],
            symbol: n.type === 'NOTICE' ? 'rect' : n.type === 'POINTER' ? 'triangle' : 'circle',
            symbolSize: n.id === start ? 24 : n.type === 'NOTICE' ? 18 : 14,
            itemStyle: n.more ? {borderColor: '#000', borderWidth: 3} : {}};
        }),
        links: Array.from(edges.values()).map(function (e) {
          return {source: e.from, target: e.to, lineStyle: e.type === 'HELD_BY' ? {type: 'dashed'} : {}};
        })
      }]
    });
    var counts = data.labelCounts.replace('{0}', String(list.filter(function (n) { return n.type === 'NOTICE'; }).length))
      .replace('{1}', String(list.filter(function (n) { return n.type === 'ENTITY'; }).length))
      .replace('{2}', String(list.filter(function (n) { return n.type === 'POINTER'; }).length));
    status.textContent = counts + (truncated ? ' ' + data.labelTruncated : '');
    // The same nodes as a list: what a keyboard or a screen reader uses, since the canvas is neither's.
    var items = document.getElementById('graph-nodes');
    items.replaceChildren.apply(items, list.map(function (n) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'node node-' + n.type.toLowerCase();
      button.dataset.node = n.id;
      button.textContent = (n.type === 'POINTER' ? data.labelHeld + ' ' : '') + n.label + (n.more ? ' (+)' : '');
      button.onclick = function () { select(n.id); };
      li.append(button);
      return li;
    }));
  }

  function short(text) {
    return text.length > 32 ? text.substring(0, 31) + '…' : text;
  }

  function select(id) {
    var n = nodes.get(id);
    if (!n) {
      return;
    }
    document.getElementById('panel-hint').hidden = true;
    document.getElementById('panel-label').textContent = n.label;
    document.getElementById('panel-kind').textContent = n.type === 'POINTER' ? data.labelHeld
      : (n.kind || '') + (n.key ? ' · ' + n.key : '');
    var details = document.getElementById('panel-details');
    details.replaceChildren();
    Object.keys(n.details).sort().forEach(function (k) {
      var dt = document.createElement('dt');
      dt.textContent = k;
      var dd = document.createElement('dd');
      dd.textContent = n.details[k];
      details.append(dt, dd);
    });
    document.getElementById('panel-more').hidden = !n.more;
    var expand = document.getElementById('panel-expand');
    expand.hidden = !n.key;
    expand.onclick = function () { load(n.key, 1); };
    var open = document.getElementById('panel-open');
    open.hidden = n.type !== 'NOTICE';
    if (n.type === 'NOTICE') {
      open.href = data.notice + encodeURIComponent(n.details.noticeId);
    }
    var pin = document.getElementById('panel-pin');
    var kind = (n.kind || '').split('/')[0];
    pin.hidden = n.type !== 'ENTITY' || WATCHABLE.indexOf(kind) < 0 || !n.key;
    document.getElementById('pin-name').value = n.label.substring(0, 80);
    document.getElementById('pin-kind').value = kind;
    document.getElementById('pin-values').value = n.label;
  }

  chart.on('click', function (p) {
    if (p.dataType === 'node') {
      select(p.data.name);
    }
  });
  window.addEventListener('resize', function () { chart.resize(); });
  if (data.entity) {
    load(data.entity, data.depth);
  }
})();
