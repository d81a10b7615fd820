/*
 * The host page's Kill. The table is re-read and re-sorted every 2 s, so a row can hold another
 * process by the time the operator confirms: the dialog names the process whose button was
 * clicked, and the confirmation sends that process's pid and start time, never a row number.
 */
var VigiaKill = {
  pid: null,
  startTicks: null,

  ask: function (button) {
    this.pid = button.getAttribute('data-pid');
    this.startTicks = button.getAttribute('data-start-ticks');
    document.getElementById('kill-what').textContent =
      'Send SIGKILL to ' + button.getAttribute('data-name') + ' (pid ' + this.pid + ')?';
    PF('killDialog').show();
  },

  confirm: function () {
    PF('killDialog').hide();
    vigiaKill([
      { name: 'pid', value: this.pid },
      { name: 'startTicks', value: this.startTicks }
    ]);
  }
};
