// Support's ticket page: "insert link" puts a suggested article's title and address into the reply box; the chat's
// answer box empties once its line is stored. A file of our own, so the page's CSP needs no inline script.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('.insert-link');
  if (!button) { return; }
  var box = document.querySelector('#reply-form textarea[name=body]');
  if (!box) { return; }
  var text = button.getAttribute('data-insert');
  box.value = box.value + (box.value && !/\n$/.test(box.value) ? '\n' : '') + text + '\n';
  box.focus();
});
document.addEventListener('htmx:afterRequest', function (event) {
  var form = event.detail.elt;
  if (form && form.id === 'chat-form' && event.detail.successful) { form.reset(); }
});
