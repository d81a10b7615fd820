/*
 * Loaded by every page. Tells the server the browser's time zone (the vigia-tz cookie), so dates
 * written by the server are in the viewer's zone, as the charts' time axes are.
 */
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = 'vigia-tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (e) {
    // No Intl: dates stay in UTC, which the pages say.
  }
})();

/*
 * For pages that refresh a table's rows in place (js/fleet.js, js/containers.js): a poll that
 * asks the server while the tab is shown, one answer at a time, and text written into rows with
 * textContent only (host data is text, never markup).
 */
var VigiaRows = {
  /**
   * Calls ask() every `every` ms while the tab is shown and no answer is awaited; answers the
   * poll, whose `waiting` the page clears when the answer (or the table it asked for) is in.
   */
  poll: function (every, ask) {
    var poll = {waiting: false};
    setInterval(function () {
      if (!document.hidden && !poll.waiting) {
        poll.waiting = true;
        ask();
      }
    }, every);
    return poll;
  },

  /** Writes `value` as the text of the row's element `selector` if it differs; answers it. */
  text: function (row, selector, value) {
    var e = row.querySelector(selector);
    if (e && e.textContent !== String(value)) {
      e.textContent = value;
    }
    return e;
  },

  /** The row count a PrimeFaces data table's paginator knows, or the rows shown without one. */
  total: function (widget, rows) {
    var table = PF(widget);
    return table && table.paginator ? table.paginator.cfg.rowCount : rows.length;
  }
};

/** Sizes in binary units, at most one decimal: "96 MiB", "1.5 GiB" (axes and tooltips). */
var VigiaUnits = {
  bytes: function (v) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    var u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return new Intl.NumberFormat(document.documentElement.lang || 'en',
      {maximumFractionDigits: u === 0 ? 0 : 1}).format(v) + '\u00a0' + units[u];
  }
};

/*
 * The phone sort menu of reflowing tables (reflow="true"). PrimeFaces 15 marks the sorted column
 * in it by comparing option texts with the column's header squeezed to letters and digits, which
 * matches no option once a header has two words or punctuation ("CPU (mean)", "Memoria (media)"):
 * the menu then names the first column while the table is sorted by another. Here the option is
 * found by the column's key, which is what choosing an option sorts by. Options come in pairs per
 * column: data-sortorder 0 ascending, 1 descending; an unsorted table shows no choice.
 */
(function () {
  var DataTable = window.PrimeFaces && PrimeFaces.widget && PrimeFaces.widget.DataTable;
  if (!DataTable) {
    return;
  }
  DataTable.prototype.updateReflowDD = function (column, order) {
    if (!this.reflowDD || !this.reflowDD.length || !this.cfg.reflow) {
      return;
    }
    var key = column.attr('id');
    var wanted = order > 0 ? '0' : order < 0 ? '1' : null;
    var chosen = -1;
    this.reflowDD.children('option').each(function (i) {
      if (this.getAttribute('data-columnkey') === key && this.getAttribute('data-sortorder') === wanted) {
        chosen = i;
      }
    });
    this.reflowDD.prop('selectedIndex', chosen);
  };
})();
