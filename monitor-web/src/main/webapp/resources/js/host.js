/*
 * The host page, live. Each batch of the host arrives over the page's WebSocket as one small JSON
 * point (io.vigia.web.ui.HostPush): the charts append it (the last 5 minutes kept), the figures
 * show it, and the process tree and containers are re-rendered by the server at most every
 * REFRESH_MS, and only while the tab is visible. Everything from the host is written with textContent, never as HTML.
 *
 * Kill and container actions: the tree is re-read and re-sorted after pushes, so a row can hold
 * another process by the time the operator confirms. The dialog names the process whose button was
 * clicked, and the confirmation sends that process's pid and start time, never a row number.
 */
var VigiaHost = (function () {
  var WINDOW_MS = 5 * 60 * 1000;
  var REFRESH_MS = 3000;
  var lang = document.documentElement.lang || undefined;
  var minute = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  var time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  var oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var twoDecimals = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var whole = new Intl.NumberFormat(lang);
  var upToOneDecimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  var NONE = '\u2013';

  var lastRefresh = Date.now();
  var refreshing = false;
  var paused = false;
  var trailing = null;
  var kill = { pid: null, startTicks: null };
  var container = { id: null, action: null };

  /** When each pushed point was drawn: {ts: the sample's time, at: now}; for bench/ui-latency. */
  var shown = [];

  function pct(v) {
    return v == null ? NONE : oneDecimal.format(v) + ' %';
  }

  function setLive(key, text) {
    var el = document.querySelector('[data-live="' + key + '"]');
    if (el) {
      el.textContent = text;
    }
  }

  /** Fills {0}, {1}, ... of a page text with values, as text (a value's own braces stay). */
  function fill(template, values) {
    return template.replace(/\{(\d)\}/g, function (m, i) {
      return values[+i] == null ? m : String(values[+i]);
    });
  }

  function chartOf(widgetVar) {
    var w = PrimeFaces.widgets[widgetVar];
    return w && w.chart ? w.chart : null;
  }

  function coreColor(core, cores) {
    return 'hsl(' + ((200 + Math.floor(160 * core / Math.max(1, cores))) % 360) + ' 60% 60%)';
  }

  /** Appends {x: ts, y: y} to a line's data unless it is null or already drawn. */
  function appendPoint(data, y, ts) {
    if (y != null && !(data.length && data[data.length - 1].x >= ts)) {
      data.push({ x: ts, y: y }); // (history and the first push can overlap)
    }
  }

  /** Drops what left the window, moves the axis to end at ts, redraws without animation. */
  function slide(chart, ts) {
    chart.data.datasets.forEach(function (set) {
      while (set.data.length && set.data[0].x < ts - WINDOW_MS) {
        set.data.shift();
      }
    });
    chart.options.scales.x.min = ts - WINDOW_MS;
    chart.options.scales.x.max = ts;
    chart.update('none');
  }

  /** Appends values[i] at ts to dataset i. */
  function append(chart, values, ts) {
    if (!chart) {
      return false;
    }
    for (var i = 0; i < values.length && i < chart.data.datasets.length; i++) {
      appendPoint(chart.data.datasets[i].data, values[i], ts);
    }
    slide(chart, ts);
    return true;
  }

  /**
   * Appends each pushed container's figure (key: cpu or mem) to its line, found by the container's
   * id; a container new to the chart gets a line in the first colour free. A line whose container
   * is no longer pushed (gone, or no longer among the busiest) stays until its points leave the
   * window. Names reach the canvas only.
   */
  function appendContainers(chart, ctrs, key, ts) {
    if (!chart) {
      return;
    }
    var sets = chart.data.datasets;
    var pushed = {};
    ctrs.forEach(function (c) {
      pushed[c.id] = true;
      var set = sets.find(function (s) { return s.vigiaId === c.id; });
      if (!set) {
        var color = freeColor(sets);
        set = {
          label: c.name, vigiaId: c.id, data: [], borderColor: color, backgroundColor: color,
          borderWidth: 2, pointRadius: 0, pointHitRadius: 4, tension: 0
        };
        sets.push(set);
      }
      set.label = c.name;
      set.vigiaLimit = c.limit;
      appendPoint(set.data, c[key], ts);
    });
    slide(chart, ts);
    for (var i = sets.length - 1; i >= 0; i--) {
      if (!sets[i].data.length && !pushed[sets[i].vigiaId]) {
        sets.splice(i, 1);
      }
    }
  }

  function freeColor(sets) {
    var colors = containerCharts().getAttribute('data-colors').split(' ');
    var used = sets.map(function (s) { return s.borderColor; });
    return colors.find(function (c) { return used.indexOf(c) < 0; }) || colors[sets.length % colors.length];
  }

  /** Size ticks at round binary amounts (64 MiB, 1.5 GiB), not decimal ones that read 47.7 MiB. */
  function binaryTicks(scale) {
    var unit = 1;
    while (scale.max / unit >= 1024) {
      unit *= 1024;
    }
    var rough = Math.max(scale.max / unit / 5, 1e-9);
    var magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    var n = rough / magnitude;
    var step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude * unit;
    scale.ticks = [];
    for (var v = 0; v <= scale.max; v += step) {
      scale.ticks.push({ value: v });
    }
  }

  function containerCharts() {
    return document.querySelector('.host-ctr-charts');
  }

  /** Adds a dataset per core the chart does not have yet (a page opened before the first batch). */
  function ensureCores(chart, cores) {
    if (!chart || !cores) {
      return;
    }
    var label = document.querySelector('.host-charts').getAttribute('data-core-label');
    for (var i = chart.data.datasets.length - 1; i < cores.length; i++) {
      var color = coreColor(i, cores.length);
      chart.data.datasets.push({
        label: fill(label, [i]), data: [], borderColor: color, backgroundColor: color,
        borderWidth: 1, pointRadius: 0, pointHitRadius: 4, tension: 0
      });
    }
  }

  function onPush(message) {
    var p = typeof message === 'string' ? JSON.parse(message) : message;
    var cpu = chartOf('cpuChart');
    ensureCores(cpu, p.cores);
    var drawn = append(cpu, [p.cpu].concat(p.cores || []), p.ts);
    append(chartOf('memoryChart'), [p.ram, p.swap], p.ts);
    append(chartOf('loadChart'), p.load || [], p.ts);
    var ctrs = p.ctrs || [];
    appendContainers(chartOf('ctrCpuChart'), ctrs, 'cpu', p.ts);
    appendContainers(chartOf('ctrMemoryChart'), ctrs, 'mem', p.ts);
    if (ctrs.length && containerCharts()) {
      containerCharts().classList.remove('host-ctr-none');
    }
    if (drawn) {
      shown.push({ ts: p.ts, at: Date.now() });
      if (shown.length > 3600) {
        shown.shift();
      }
    }

    setLive('cpu', pct(p.cpu));
    setLive('ram', pct(p.ram));
    setLive('swap', pct(p.swap));
    setLive('load', p.load ? p.load.map(function (v) { return v == null ? NONE : twoDecimals.format(v); }).join(' \u00b7 ') : NONE);
    setLive('processes', p.processes == null ? NONE : whole.format(p.processes));
    setLive('containers', p.containers == null ? NONE : whole.format(p.containers));
    ['R', 'S', 'D', 'T', 'Z', 'I'].forEach(function (s) {
      setLive('count-' + s, p.counts ? whole.format(p.counts[s]) : NONE);
    });
    var last = document.getElementById('host-last');
    if (last) {
      last.textContent = dateTime.format(new Date(p.ts));
    }
    lastPush = Date.now();
    showState(true);
    maybeRefresh();
  }

  /** The badge: online while batches arrive, offline once none came for the monitor's threshold. */
  function showState(online) {
    var state = document.getElementById('host-state');
    if (state && state.classList.contains('online') !== online) {
      state.classList.replace(online ? 'offline' : 'online', online ? 'online' : 'offline');
      state.textContent = state.getAttribute(online ? 'data-online' : 'data-offline');
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) {
      lastRefresh = 0;
      maybeRefresh();
    }
  });

  var lastPush = Date.now();
  setInterval(function () {
    var state = document.getElementById('host-state');
    var after = state ? +state.getAttribute('data-offline-after') : 0;
    if (after > 0 && Date.now() - lastPush > after) {
      showState(false);
    }
  }, 1000);

  function dialogOpen() {
    return [PrimeFaces.widgets.killDialog, PrimeFaces.widgets.containerDialog].some(function (d) {
      return d && d.isVisible();
    });
  }

  /** The tree and containers again, from the server, at most every REFRESH_MS and never under a dialog. */
  function maybeRefresh() {
    // A tab nobody looks at costs the server nothing but the push (see bench/RESULTS.md): its
    // tree catches up when it is shown again.
    if (paused || refreshing || document.hidden || typeof vigiaRefresh !== 'function') {
      return;
    }
    var wait = REFRESH_MS - (Date.now() - lastRefresh);
    if (wait > 0) {
      // Too soon after the last one: once more when the interval is over, so a host's last batch
      // (one that stopped pushing, or a single pushed batch) still reaches the tree.
      if (!trailing) {
        trailing = setTimeout(function () {
          trailing = null;
          maybeRefresh();
        }, wait);
      }
      return;
    }
    if (dialogOpen()) {
      return;
    }
    refreshing = true;
    lastRefresh = Date.now();
    vigiaRefresh();
  }

  return {
    shown: shown,

    /** What the page's refresh is doing, for tests that report a failed wait. */
    state: function () {
      return {
        refreshing: refreshing, paused: paused, dialog: dialogOpen(), lastRefresh: lastRefresh,
        now: Date.now(), shown: shown.length
      };
    },

    /** p:chart extender: time ticks and tooltips in the viewer's zone and language. */
    extend: function () {
      var options = this.cfg.config.options;
      // Ticks on whole minutes (epoch ms are multiples of 60,000 there, in every zone but a few
      // with odd offsets), labelled in the viewer's zone; tooltips to the second.
      options.scales.x.ticks.stepSize = 60000;
      options.scales.x.ticks.callback = function (v) { return minute.format(v); };
      options.plugins.tooltip = {
        callbacks: {
          title: function (items) { return items.length ? time.format(items[0].parsed.x) : ''; }
        }
      };
      // Many cores: the legend names the total only (the lines stay).
      options.plugins.legend.labels.filter = function (item, data) {
        return data.datasets.length <= 9 || item.datasetIndex === 0;
      };
    },

    /** p:chart extender of the container charts: every line named, values in their unit. */
    extendContainers: function () {
      VigiaHost.extend.call(this);
      var options = this.cfg.config.options;
      var memory = this.id.indexOf('ctrMemoryChart') >= 0;
      var ofLimit = containerCharts().getAttribute('data-of-limit');
      options.plugins.legend.labels.filter = function () { return true; };
      options.scales.y.ticks = {
        callback: function (v) { return memory ? VigiaUnits.bytes(v) : upToOneDecimal.format(v) + ' %'; }
      };
      if (memory) {
        options.scales.y.afterBuildTicks = binaryTicks;
      }
      options.plugins.tooltip.callbacks.label = function (item) {
        var v = item.parsed.y;
        var limit = item.dataset.vigiaLimit;
        return item.dataset.label + ': ' + (!memory ? pct(v)
          : limit ? fill(ofLimit, [VigiaUnits.bytes(v), VigiaUnits.bytes(limit)]) : VigiaUnits.bytes(v));
      };
    },

    onPush: onPush,

    refreshed: function () {
      refreshing = false;
      lastRefresh = Date.now();
    },

    /** Stops (or restarts) re-rendering the tree after pushes; the charts keep moving. */
    pauseRefresh: function (pause) {
      paused = pause !== false;
    },

    askKill: function (button) {
      kill.pid = button.getAttribute('data-pid');
      kill.startTicks = button.getAttribute('data-start-ticks');
      var what = document.getElementById('kill-what');
      what.textContent = fill(what.getAttribute('data-template'), [button.getAttribute('data-name'), kill.pid]);
      PF('killDialog').show();
    },

    confirmKill: function () {
      PF('killDialog').hide();
      vigiaKill([
        { name: 'pid', value: kill.pid },
        { name: 'startTicks', value: kill.startTicks }
      ]);
    },

    askContainer: function (button) {
      container.id = button.getAttribute('data-id');
      container.action = button.getAttribute('data-action');
      var what = document.getElementById('container-what');
      what.textContent = fill(what.getAttribute('data-template'),
        [button.getAttribute('data-verb'), button.getAttribute('data-name')]);
      PF('containerDialog').show();
    },

    confirmContainer: function () {
      PF('containerDialog').hide();
      vigiaContainer([
        { name: 'container', value: container.id },
        { name: 'action', value: container.action }
      ]);
    }
  };
})();
