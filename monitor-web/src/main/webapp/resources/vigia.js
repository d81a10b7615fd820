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
