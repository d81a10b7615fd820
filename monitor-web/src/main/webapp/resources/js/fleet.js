/*
 * The fleet page's refresh. Every 2 s (while the tab is shown) it asks the server for the figures
 * of the rows on screen and writes them into those rows: text with textContent only (host names
 * and all else are text, never markup), sparklines by replacing their points. Rendering the table
 * again each time cost the browser most of a second per refresh with 25 rows of charts; this costs
 * a few milliseconds. Only when the rows should show other hosts (new host, changed order under a
 * sort, total changed) is the table asked for again.
 */
var VigiaFleet = {
  INTERVAL_MS: 2000,
  SPAN_MS: 590000, // a sparkline's ten minutes: 60 steps of 10 s, first to last
  poll: {waiting: false},

  start: function () {
    this.poll = VigiaRows.poll(this.INTERVAL_MS, function () {
      vigiaFleetRefresh();
    });
  },

  rows: function () {
    return document.querySelectorAll('[id="fleet:hosts_data"] > tr[data-ri]');
  },

  apply: function (xhr, status, args) {
    this.poll.waiting = false;
    if (!args || !args.fleet) {
      return;
    }
    var fleet = JSON.parse(args.fleet);
    for (var card in fleet.cards) {
      var n = document.querySelector('[data-card="' + card + '"]');
      if (n) {
        n.textContent = fleet.cards[card];
      }
    }
    var rows = this.rows();
    var same = rows.length === fleet.hosts.length && fleet.total === VigiaRows.total('hosts', rows);
    for (var i = 0; same && i < rows.length; i++) {
      var link = rows[i].querySelector('a.fleet-host');
      same = link !== null && link.textContent === fleet.hosts[i].name;
    }
    if (!same) {
      this.poll.waiting = true;
      vigiaFleetTable();
      return;
    }
    for (var j = 0; j < rows.length; j++) {
      this.write(rows[j], fleet.hosts[j]);
    }
  },

  tableShown: function () {
    this.poll.waiting = false;
    if (this.seen) {
      this.seen.disconnect(); // the rows, and their charts, are new
      this.seen = null;
    }
  },

  text: function (row, selector, value) {
    return VigiaRows.text(row, selector, value);
  },

  write: function (row, h) {
    var state = this.text(row, '.vigia-state', h.state);
    if (state) {
      state.classList.toggle('online', h.online);
      state.classList.toggle('offline', !h.online);
    }
    this.text(row, '.host-cpu', h.cpu);
    this.text(row, '.host-ram', h.ram);
    this.text(row, '.fleet-load', h.load);
    this.text(row, '.fleet-processes', h.processes);
    this.text(row, '.fleet-containers', h.containers);
    var alerts = this.text(row, '.fleet-alerts', h.alertsText);
    if (alerts) {
      alerts.hidden = h.alerts === 0;
      row.querySelector('.fleet-no-alerts').hidden = h.alerts !== 0;
    }
    var seen = this.text(row, '.fleet-seen', h.seen);
    if (seen) {
      seen.title = h.seenTitle;
    }
    if (!h.cpuSpark) {
      return; // its points are the ones it shows (the server sends them when they change)
    }
    var canvas = row.querySelector('.fleet-spark canvas');
    var chart = canvas && window.Chart ? Chart.getChart(canvas) : null;
    // redrawn when a new 10 s step begins (or a step gains its first sample), not on every
    // refresh: the newest step's average moves a little with each sample, and redrawing 25 charts
    // every 2 s cost ~270 ms of main thread a refresh with 500 hosts pushing
    var filled = 0;
    for (var k = 0; k < h.cpuSpark.length; k++) {
      if (h.cpuSpark[k].y !== null) {
        filled++;
      }
    }
    var key = h.xMin + ':' + filled;
    if (chart && canvas.getAttribute('data-drawn') !== key) {
      canvas.setAttribute('data-drawn', key);
      canvas.setAttribute('aria-label', h.sparkLabel);
      chart.data.datasets[0].data = h.cpuSpark;
      chart.data.datasets[1].data = h.ramSpark;
      if (h.xMin) {
        chart.options.scales.x.min = h.xMin;
        chart.options.scales.x.max = h.xMin + this.SPAN_MS;
      }
      this.draw(chart, canvas);
    }
  },

  // Charts scrolled out of sight are drawn when they come into sight, not on every new step:
  // of 25 rows (100) a laptop screen shows about 10, and drawing them all cost most of a refresh.
  seen: null,

  draw: function (chart, canvas) {
    if (!window.IntersectionObserver) {
      chart.update('none');
      return;
    }
    if (!this.seen) {
      this.seen = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          e.target.vigiaInSight = e.isIntersecting;
          if (e.isIntersecting && e.target.vigiaStale) {
            e.target.vigiaStale = false;
            var c = Chart.getChart(e.target);
            if (c) {
              c.update('none');
            }
          }
        });
      });
    }
    if (!canvas.vigiaObserved) {
      canvas.vigiaObserved = true;
      this.seen.observe(canvas); // reports at once whether it is in sight
      canvas.vigiaStale = true;
      return;
    }
    if (canvas.vigiaInSight) {
      chart.update('none');
    } else {
      canvas.vigiaStale = true;
    }
  }
};

document.addEventListener('DOMContentLoaded', function () {
  VigiaFleet.start();
});
