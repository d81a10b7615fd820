/*
 * The containers page's refresh (containers.xhtml), as the fleet page's: every few seconds (while
 * the tab is shown) it asks for the figures of the rows on screen and writes them into those rows
 * (VigiaRows: textContent only; container names and images are host data). Only when the rows
 * should show other containers (one started or removed, a new order, a new total) is the table
 * asked for again.
 */
var VigiaContainers = {
  poll: {waiting: false},

  start: function () {
    var controls = document.querySelector('.ctrs-controls');
    var every = controls ? Number(controls.getAttribute('data-refresh-ms')) : 0;
    if (every > 0) {
      this.poll = VigiaRows.poll(every, function () {
        vigiaContainersRefresh();
      });
    }
  },

  apply: function (xhr, status, args) {
    this.poll.waiting = false;
    if (!args || !args.containers) {
      return;
    }
    var shown = JSON.parse(args.containers);
    var rows = document.querySelectorAll('[id="containers:table_data"] > tr[data-ri]');
    // the same containers in the same order (keys: host id and container id), and as many
    var keys = Array.prototype.map.call(rows, function (r) {
      var name = r.querySelector('a.ctr-history');
      return name ? name.getAttribute('data-key') : '';
    });
    var wanted = shown.rows.map(function (c) { return c.key; });
    if (keys.join('\n') !== wanted.join('\n') || shown.total !== VigiaRows.total('ctrs', rows)) {
      this.poll.waiting = true;
      vigiaContainersTable();
      return;
    }
    for (var i = 0; i < rows.length; i++) {
      this.write(rows[i], shown.rows[i]);
    }
  },

  tableShown: function () {
    this.poll.waiting = false;
  },

  write: function (row, c) {
    var state = VigiaRows.text(row, '.ctr-state', c.state);
    if (state) {
      state.className = 'ctr-state ' + c.stateClass;
    }
    VigiaRows.text(row, '.ctr-cpu', c.cpu);
    VigiaRows.text(row, '.ctr-cpu-limit', c.cpuLimit);
    VigiaRows.text(row, '.ctr-cpu-peak', c.cpuPeak);
    VigiaRows.text(row, '.ctr-mem', c.mem);
    VigiaRows.text(row, '.ctr-mem-peak', c.memPeak);
    var bar = row.querySelector('.ctr-bar');
    if (bar) {
      bar.setAttribute('aria-label', c.memPct);
      bar.firstElementChild.style.width = c.memBar + '%';
    }
  }
};

document.addEventListener('DOMContentLoaded', function () {
  VigiaContainers.start();
});
