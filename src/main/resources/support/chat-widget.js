/*
 * Kizuna chat widget. One tag on the customer's site, no build step:
 *   <script src="https://kizuna.example.com/chat/WORKSPACE/widget.js" data-lang="ja" async></script>
 * It talks only to the Kizuna that served it (fetch with CORS, no cookies); the visitor's conversation token stays in
 * this site's localStorage, with two random ids (no person) that tie its article suggestions to the conversation for
 * the help center's deflection figures. While the first message is typed, it suggests help articles. It adds no inline script or style attribute, so it runs under a strict CSP that allows
 * script-src and connect-src for the Kizuna origin (see README, "Support: web form, chat, CSAT").
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__kizunaChat) { return; }
  window.__kizunaChat = true;
  var src = new URL(script.src);
  var workspace = src.pathname.split('/')[2];
  var api = src.origin + '/chat/' + workspace;
  var lang = script.getAttribute('data-lang') || ((navigator.language || 'ja').slice(0, 2) === 'en' ? 'en' : 'ja');
  var T = {
    ja: { open: 'チャットで問い合わせる', title: 'お問い合わせ', name: 'お名前（任意）', email: 'メールアドレス（任意）',
      placeholder: 'メッセージを入力してください', send: '送信', close: '閉じる', you: 'あなた', agent: '担当者',
      system: 'お知らせ', error: '送信できませんでした。時間をおいてもう一度お試しください。', tooLong: 'メッセージは2,000文字以内で入力してください。',
      empty: 'メッセージを入力してください。', closed: 'この会話は終了しました。新しい会話を始めてください。', hint: 'Ctrl+Enterでも送信できます',
      suggested: 'こちらの記事で解決するかもしれません', newTab: '（新しいタブで開きます）' },
    en: { open: 'Chat with us', title: 'Contact us', name: 'Your name (optional)', email: 'E-mail (optional)',
      placeholder: 'Type your message', send: 'Send', close: 'Close', you: 'You', agent: 'Support',
      system: 'Notice', error: 'Could not send. Please try again in a moment.', tooLong: 'A message has at most 2,000 characters.',
      empty: 'Please type a message.', closed: 'This conversation has ended. Please start a new one.', hint: 'Ctrl+Enter sends too',
      suggested: 'These articles may answer your question', newTab: '(opens in a new tab)' }
  }[lang];
  var key = 'kizuna-chat:' + workspace;
  var state = load();
  var visitor = id('localStorage', 'kizuna-visitor:' + workspace);
  var session = id('sessionStorage', 'kizuna-visit:' + workspace);
  var shown = {};
  var streaming = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function id(storage, name) {
    var value = null;
    try { value = window[storage].getItem(name); } catch (e) { /* storage blocked */ }
    if (!value || !/^[A-Za-z0-9_-]{16,64}$/.test(value)) {
      var bytes = new Uint8Array(18);
      window.crypto.getRandomValues(bytes);
      value = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      try { window[storage].setItem(name, value); } catch (e) { /* this page only */ }
    }
    return value;
  }
  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: this page only */ }
  }
  function el(tag, styles, text) {
    var node = document.createElement(tag);
    for (var k in styles) { if (Object.prototype.hasOwnProperty.call(styles, k)) { node.style[k] = styles[k]; } }
    if (text != null) { node.textContent = text; }
    return node;
  }

  var host = el('div', { position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000' });
  host.id = 'kizuna-chat';
  var root = host.attachShadow({ mode: 'open' });
  var font = '"Hiragino Sans","Noto Sans JP","Yu Gothic UI",Meiryo,sans-serif';
  var button = el('button', { font: '15px ' + font, background: '#1d4ed8', color: '#fff', border: '0', borderRadius: '24px',
    padding: '12px 20px', cursor: 'pointer', boxShadow: '0 2px 8px rgba(0,0,0,.25)' }, T.open);
  button.id = 'open';
  var panel = el('section', { display: 'none', width: '340px', maxWidth: 'calc(100vw - 32px)', height: '460px', background: '#fff',
    color: '#1f2933', font: '14px/1.6 ' + font, borderRadius: '8px', boxShadow: '0 4px 16px rgba(0,0,0,.3)',
    flexDirection: 'column', overflow: 'hidden' });
  panel.id = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', T.title);
  panel.setAttribute('lang', lang);
  var head = el('div', { background: '#1d4ed8', color: '#fff', padding: '8px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' });
  head.appendChild(el('strong', {}, T.title));
  var close = el('button', { background: 'transparent', color: '#fff', border: '0', cursor: 'pointer', font: '14px ' + font }, T.close);
  head.appendChild(close);
  var log = el('ol', { listStyle: 'none', margin: '0', padding: '8px 12px', flex: '1', overflowY: 'auto' });
  log.id = 'lines';
  log.setAttribute('aria-live', 'polite');
  var form = el('form', { borderTop: '1px solid #ccd', padding: '8px 12px', display: 'flex', flexDirection: 'column', gap: '4px' });
  var name = el('input', { font: '14px ' + font, padding: '4px' });
  name.id = 'name'; name.maxLength = 200; name.placeholder = T.name; name.setAttribute('aria-label', T.name); name.autocomplete = 'name';
  var email = el('input', { font: '14px ' + font, padding: '4px' });
  email.id = 'email'; email.type = 'email'; email.maxLength = 320; email.placeholder = T.email; email.setAttribute('aria-label', T.email); email.autocomplete = 'email';
  var text = el('textarea', { font: '14px ' + font, padding: '4px', resize: 'none' });
  text.id = 'text'; text.rows = 3; text.maxLength = 2000; text.placeholder = T.placeholder; text.setAttribute('aria-label', T.placeholder);
  var row = el('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center' });
  var hint = el('span', { color: '#52606d', fontSize: '12px' }, T.hint);
  var send = el('button', { font: '14px ' + font, background: '#1d4ed8', color: '#fff', border: '0', borderRadius: '4px', padding: '4px 16px', cursor: 'pointer' }, T.send);
  send.id = 'send'; send.type = 'submit';
  var error = el('p', { color: '#b91c1c', margin: '0', fontSize: '13px' });
  error.id = 'error'; error.setAttribute('role', 'alert');
  var tips = el('div', { fontSize: '13px', maxHeight: '140px', overflowY: 'auto' });
  tips.id = 'suggestions';
  tips.setAttribute('aria-live', 'polite');
  row.appendChild(hint); row.appendChild(send);
  if (!state.token) { form.appendChild(name); form.appendChild(email); }
  form.appendChild(text);
  if (!state.token) { form.appendChild(tips); }
  form.appendChild(error); form.appendChild(row);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(form);
  root.appendChild(button); root.appendChild(panel);

  function show(line) {
    if (shown[line.id]) { return; }
    shown[line.id] = true;
    state.after = Math.max(state.after || 0, line.id);
    save();
    var mine = line.from === 'visitor';
    var item = el('li', { margin: '6px 0', textAlign: mine ? 'right' : 'left' });
    item.className = 'line ' + line.from;
    var who = el('div', { color: '#52606d', fontSize: '12px' }, mine ? T.you : line.from === 'agent' ? (line.name || T.agent) : T.system);
    var body = el('div', { display: 'inline-block', background: mine ? '#dbeafe' : line.from === 'agent' ? '#f1f5f9' : '#fef9c3',
      borderRadius: '8px', padding: '4px 10px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', textAlign: 'left', maxWidth: '85%' }, line.text);
    item.appendChild(who); item.appendChild(body);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  var asked = '';
  var timer = null;
  function suggest() {
    var q = text.value.trim().slice(0, 200);
    if (state.token || q === asked) { return; }
    asked = q;
    if (q.length < 2) { tips.textContent = ''; return; }
    fetch(api + '/suggestions?q=' + encodeURIComponent(q) + '&session=' + session, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : { articles: [] }; })
      .then(function (found) {
        if (q !== asked || state.token) { return; }
        tips.textContent = '';
        if (!found.articles.length) { return; }
        tips.appendChild(el('div', { color: '#52606d', margin: '4px 0 2px' }, T.suggested));
        var list = el('ul', { margin: '0', paddingLeft: '18px' });
        found.articles.forEach(function (article) {
          var item = el('li', { margin: '2px 0' });
          var link = el('a', { color: '#1d4ed8' }, article.title);
          link.href = article.url; link.target = '_blank'; link.rel = 'noopener';
          link.className = 'suggested-article';
          link.setAttribute('aria-label', article.title + ' ' + T.newTab);
          item.appendChild(link);
          list.appendChild(item);
        });
        tips.appendChild(list);
      }, function () { /* suggestions are a help, never an error */ });
  }

  function authorized(headers) {
    headers.Authorization = 'Bearer ' + state.token;
    return headers;
  }

  function stream(delay) {
    if (!state.token || streaming) { return; }
    streaming = true;
    fetch(api + '/conversations/' + state.id + '/events?after=' + (state.after || 0),
      { headers: authorized({ Accept: 'text/event-stream' }), cache: 'no-store' })
      .then(function (response) {
        if (response.status === 404) { state = {}; save(); throw new Error('gone'); }
        if (!response.ok || !response.body) { throw new Error('stream ' + response.status); }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { return; }
            buffer += decoder.decode(chunk.value, { stream: true });
            var events = buffer.split('\n\n');
            buffer = events.pop();
            events.forEach(function (event) {
              var data = event.split('\n').filter(function (l) { return l.indexOf('data:') === 0; })
                .map(function (l) { return l.slice(5); }).join('\n');
              if (data) { show(JSON.parse(data)); }
            });
            return pump();
          });
        }
        return pump();
      })
      .then(function () { streaming = false; stream(500); },
        function () { streaming = false; if (state.token) { setTimeout(function () { stream(Math.min((delay || 500) * 2, 10000)); }, delay || 500); } });
  }

  function submit(event) {
    if (event) { event.preventDefault(); }
    var message = text.value.trim();
    error.textContent = '';
    if (!message) { error.textContent = T.empty; return; }
    if (message.length > 2000) { error.textContent = T.tooLong; return; }
    send.disabled = true;
    var request = state.token
      ? fetch(api + '/conversations/' + state.id + '/messages', { method: 'POST',
          headers: authorized({ 'Content-Type': 'application/json' }), body: JSON.stringify({ text: message }) })
      : fetch(api + '/conversations', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: name.value, email: email.value, message: message, session: session, visitor: visitor }) });
    request.then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
    }).then(function (answer) {
      send.disabled = false;
      if (!answer.ok) {
        var errors = (answer.body && answer.body.errors) || [];
        error.textContent = errors.indexOf('closed') >= 0 ? T.closed : errors.indexOf('message') >= 0 ? T.tooLong : T.error;
        if (errors.indexOf('closed') >= 0 || answer.status === 404) { state = {}; save(); }
        return;
      }
      text.value = '';
      if (!state.token) {
        state = { id: answer.body.conversation, token: answer.body.token, after: 0 };
        save();
        if (name.parentNode) { form.removeChild(name); form.removeChild(email); }
        if (tips.parentNode) { form.removeChild(tips); }
        answer.body.lines.forEach(show);
        stream(500);
      } else {
        show(answer.body);
      }
    }, function () { send.disabled = false; error.textContent = T.error; });
  }

  function resume() {
    if (!state.token) { return; }
    fetch(api + '/conversations/' + state.id + '/messages?after=0', { headers: authorized({}) })
      .then(function (response) {
        if (response.status === 404) { state = {}; save(); return []; }
        return response.ok ? response.json() : [];
      })
      .then(function (lines) { state.after = 0; lines.forEach(show); stream(500); }, function () { stream(1000); });
  }

  form.addEventListener('submit', submit);
  text.addEventListener('input', function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(suggest, 400);
  });
  text.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) { submit(e); }
  });
  button.addEventListener('click', function () {
    panel.style.display = 'flex'; button.style.display = 'none'; text.focus();
    if (state.token && !streaming && !Object.keys(shown).length) { resume(); }
  });
  close.addEventListener('click', function () { panel.style.display = 'none'; button.style.display = 'inline-block'; });
  (document.body || document.documentElement).appendChild(host);
})();
