// Support's ticket page: "insert link" puts a suggested article's title and address into the reply box, "insert text"
// its plain text (fetched when asked, so the list stays small); the chat's
// answer box empties once its line is stored. A file of our own, so the page's CSP needs no inline script.
function insertIntoReply(text) {
  var box = document.querySelector('#reply-form textarea[name=body]');
  if (!box) { return; }
  box.value = box.value + (box.value && !/\n$/.test(box.value) ? '\n' : '') + text + '\n';
  box.focus();
}
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('.insert-link');
  if (link) { insertIntoReply(link.getAttribute('data-insert')); return; }
  var text = event.target.closest && event.target.closest('.insert-text');
  if (!text) { return; }
  text.disabled = true;
  fetch(text.getAttribute('data-text-url'), { credentials: 'same-origin', headers: { Accept: 'text/plain' } })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (body) { insertIntoReply(body); },
      function () { text.textContent = text.getAttribute('data-failed'); text.classList.add('failed'); })
    .then(function () { text.disabled = false; });
});
document.addEventListener('htmx:afterRequest', function (event) {
  var form = event.detail.elt;
  if (form && form.id === 'chat-form' && event.detail.successful) { form.reset(); }
});
