/*
 * admin.xhtml: the Copy buttons of a password or key shown once, and where the focus goes after a
 * change (keyboard and screen-reader users land on what they must copy, or on what happened).
 */
var VigiaAdmin = (function () {
  function status(button, text) {
    var panel = button.closest('.admin-secret');
    var out = panel ? panel.querySelector('.admin-copy-status') : null;
    if (out) {
      out.textContent = text;
    }
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    var text = source.textContent;
    var done = function () { status(button, button.getAttribute('data-copied')); };
    var fallback = function () {
      // No Clipboard API (a plain-http page on another host): copy the selection instead.
      selectText(source);
      var copied = false;
      try {
        copied = document.execCommand('copy');
      } catch (e) {
        copied = false;
      }
      status(button, button.getAttribute(copied ? 'data-copied' : 'data-failed'));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('.admin-copy') : null;
    if (button) {
      copy(button);
    }
  });

  return {
    /*
     * After a change: the focus goes to what it produced, a secret to copy or else the message
     * saying what happened (the button that was pressed has been replaced by the update).
     */
    afterAction: function () {
      var target = document.getElementById('secret-panel') || document.getElementById('admin-messages');
      if (target) {
        target.focus();
        target.scrollIntoView({ block: 'start' });
      }
    }
  };
})();
