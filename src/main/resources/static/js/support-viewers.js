// Support's ticket page: the heartbeat (an htmx form polling every 5 s) says whether the agent typed in the reply or
// chat box since the last beat, and says goodbye when the page is left, so the others' notice goes at once rather
// than at expiry. A file of our own, so the page's CSP needs no inline script.
(function () {
  'use strict';
  var typedAt = 0;
  document.addEventListener('input', function (event) {
    if (event.target.closest && event.target.closest('#reply-form, #chat-form')) { typedAt = Date.now(); }
  });
  document.addEventListener('htmx:configRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'ticket-viewers') {
      event.detail.parameters.typing = String(Date.now() - typedAt < 6000);
    }
  });
  window.addEventListener('pagehide', function () {
    var form = document.getElementById('ticket-viewers');
    if (!form || !navigator.sendBeacon) { return; }
    var data = new URLSearchParams(new FormData(form));
    data.set('typing', 'false');
    navigator.sendBeacon(form.getAttribute('data-leave'), data);
  });
})();
