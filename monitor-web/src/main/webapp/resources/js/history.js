/*
 * The History page's charts (history.xhtml): labels in the page's language and the viewer's time
 * zone, the min–max band as one legend entry, drag-to-zoom that asks the server for the narrower
 * range (a new address, so at a finer resolution), and the PNG export of the charts shown.
 * Text that comes from hosts reaches the canvas only, never the DOM as HTML.
 */
var VigiaHistory = (function () {
  'use strict';

  var MINUTE = 60000;

  function lang() {
    return document.documentElement.lang || 'en';
  }

  function number(v, digits) {
    return new Intl.NumberFormat(lang(), {maximumFractionDigits: digits}).format(v);
  }

  var bytes = VigiaUnits.bytes;

  /** A value as its chart's unit reads (pct, kib, bytes, num). */
  function value(unit, v) {
    if (v === null || v === undefined || isNaN(v)) {
      return '\u2013';
    }
    switch (unit) {
      case 'pct': return number(v, 1) + '\u00a0%';
      case 'kib': return bytes(v * 1024);
      case 'bytes': return bytes(v);
      default: return number(v, 2);
    }
  }

  /**
   * A tick of the time axis: hours and minutes, with the day once the range spans days; over
   * several days a tick at midnight is just its date.
   */
  function tick(ms, span) {
    var date = new Date(ms);
    var midnight = date.getHours() === 0 && date.getMinutes() === 0;
    var options = span > 2 * 86400000
      ? (midnight
        ? {month: 'short', day: 'numeric'}
        : {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'})
      : span > 86400000
        ? {weekday: 'short', hour: '2-digit', minute: '2-digit'}
        : span <= 3 * MINUTE
          ? {hour: '2-digit', minute: '2-digit', second: '2-digit'}
          : {hour: '2-digit', minute: '2-digit'};
    return new Intl.DateTimeFormat(lang(), options).format(date);
  }

  function when(ms) {
    return new Intl.DateTimeFormat(lang(), {dateStyle: 'medium', timeStyle: 'medium'})
      .format(new Date(ms));
  }

  /** Shows the range [min, max) (epoch ms): a new address, at least a minute long. */
  function zoomTo(min, max) {
    var charts = document.querySelector('.history-charts');
    if (!charts || !(max > min)) {
      return;
    }
    if (max - min < MINUTE) {
      var middle = (min + max) / 2;
      min = middle - MINUTE / 2;
      max = middle + MINUTE / 2;
    }
    // Whole seconds: 2026-11-29T21:42:35Z reads better in an address than ...35.000Z.
    var from = new Date(Math.floor(min / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    var to = new Date(Math.ceil(max / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    window.location.href = charts.getAttribute('data-zoom-href')
      .replace('{from}', encodeURIComponent(from))
      .replace('{to}', encodeURIComponent(to));
  }

  /**
   * Ticks of a size axis at round binary amounts (256 KiB, 1.5 GiB), not at decimal ones that
   * read as "819 B"; an axis of nothing but zeros goes up to 1 MiB. {@code factor} turns the
   * chart's values into bytes.
   */
  function binarySteps(config, factor) {
    var max = 0;
    config.data.datasets.forEach(function (d) {
      d.data.forEach(function (p) { max = Math.max(max, p.y); });
    });
    var bytesMax = max > 0 ? max * factor : 1048576;
    var unit = 1;
    while (bytesMax / unit >= 1024) {
      unit *= 1024;
    }
    var rough = bytesMax / unit / 4;
    var magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    var n = rough / magnitude;
    var nice = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
    var y = config.options.scales.y;
    y.ticks.stepSize = nice * magnitude * unit / factor;
    if (max === 0) {
      y.suggestedMax = 1048576 / factor;
    }
  }

  /** The p:chart extender: `this` is the widget, before its Chart.js instance is made. */
  function extend() {
    var config = this.cfg.config;
    var vigia = config.vigia;
    var options = config.options;
    var x = options.scales.x;
    var span = x.max - x.min;
    x.ticks = {maxRotation: 0, autoSkipPadding: 12, callback: function (v) { return tick(v, span); }};
    options.scales.y.ticks = {callback: function (v) { return value(vigia.unit, v); }};
    // Lines without dots read best, but an isolated point (data after a gap) is then invisible.
    var average = config.data.datasets[2];
    average.pointRadius = average.data.length < 60 ? 2 : 0;
    if (vigia.unit === 'kib' || vigia.unit === 'bytes') {
      binarySteps(config, vigia.unit === 'kib' ? 1024 : 1);
    }
    options.plugins.tooltip = {
      callbacks: {
        title: function (items) { return items.length ? when(items[0].parsed.x) : ''; },
        label: function (item) {
          return vigia.names[item.datasetIndex] + ': ' + value(vigia.unit, item.parsed.y);
        }
      }
    };
    options.plugins.legend = {
      labels: {
        boxWidth: 14,
        // The band is drawn by two datasets (min, then max filled down to it): one entry, "max"'s.
        filter: function (item) { return item.datasetIndex !== 0; }
      },
      onClick: function (e, item, legend) {
        var chart = legend.chart;
        var indexes = item.datasetIndex === 1 ? [0, 1] : [item.datasetIndex];
        var show = !chart.isDatasetVisible(item.datasetIndex);
        indexes.forEach(function (i) { chart.setDatasetVisibility(i, show); });
        chart.update();
      }
    };
    options.plugins.zoom.zoom.onZoomComplete = function (context) {
      var scale = context.chart.scales.x;
      zoomTo(scale.min, scale.max);
    };
  }

  /** The charts shown, one under the other on white, as a PNG download; answers its data URL. */
  function png(name) {
    var canvases = Array.prototype.slice.call(document.querySelectorAll('.history-chart canvas'));
    if (!canvases.length) {
      return null;
    }
    var width = Math.max.apply(null, canvases.map(function (c) { return c.width; }));
    var height = canvases.reduce(function (sum, c) { return sum + c.height; }, 0);
    var out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    var ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    var y = 0;
    canvases.forEach(function (c) {
      ctx.drawImage(c, 0, y);
      y += c.height;
    });
    var url = out.toDataURL('image/png');
    var a = document.createElement('a');
    a.href = url;
    a.download = name + '.png';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return url;
  }

  /**
   * The date pickers' calendar buttons are named by their aria-label but hold the hidden text
   * "ui-button", which screen readers' voice-control users cannot say: give them one name.
   */
  function nameCalendarButtons() {
    document.querySelectorAll('.history-custom .ui-datepicker-trigger').forEach(function (b) {
      var text = b.querySelector('.ui-button-text');
      var name = b.getAttribute('aria-label');
      if (text && name && text.textContent !== name) {
        text.textContent = name;
      }
    });
  }

  // The pickers make their buttons when their widgets start, after this script has run.
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('.history-custom');
    if (form) {
      nameCalendarButtons();
      new MutationObserver(nameCalendarButtons)
        .observe(form, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label']});
    }
  });

  return {extend: extend, png: png, zoomTo: zoomTo, value: value};
})();

/** The name p:chart's extender attribute refers to. */
function vigiaHistoryChart() {
  VigiaHistory.extend.call(this);
}
