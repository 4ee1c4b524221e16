// @rudderstack/rudder-sdk-node at its default settings (gzip, batching, retries), pointed at Kizuna.
// Env: SDK_DIR, HOST, WRITE_KEY, RUN. Prints what it sent as JSON.
const path = require('path');
const Analytics = require(path.join(process.env.SDK_DIR, 'node_modules/@rudderstack/rudder-sdk-node'));
const version = require(path.join(process.env.SDK_DIR, 'node_modules/@rudderstack/rudder-sdk-node/package.json')).version;
const run = process.env.RUN;
const userId = 'user-' + run, groupId = 'acct-' + run, anonymousId = 'anon-' + run;
const client = new Analytics(process.env.WRITE_KEY, { dataPlaneUrl: process.env.HOST });
const failures = [];
let sent = 0, acknowledged = 0;
const done = (err) => { acknowledged++; if (err) failures.push(String(err && (err.message || err))); };
// RudderStack's identify carries the traits in context.traits.
client.identify({ userId, traits: { email: run + '@example.jp', name: '佐藤 花子' } }, done); sent++;
client.group({ userId, groupId, traits: { name: '株式会社テスト ' + run, website: 'test.example.jp' } }, done); sent++;
for (let i = 0; i < 50; i++) {
  client.track({ userId, event: 'Report Created', properties: { i, title: '月次レポート' } }, done); sent++;
}
client.page({ userId, name: 'Dashboard' }, done); sent++;
client.alias({ previousId: anonymousId, userId }, done); sent++;
// flush() sends one batch of flushAt events; the SDK's timer would send the rest after flushInterval (10 s).
(async () => {
  const deadline = Date.now() + 60000;
  while (acknowledged < sent && Date.now() < deadline) {
    try { await client.flush(); } catch (err) { failures.push(String(err && (err.message || err))); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  console.log(JSON.stringify({ client: '@rudderstack/rudder-sdk-node', version, sent, acknowledged, userId, groupId, failures }));
  process.exit(failures.length || acknowledged < sent ? 1 : 0);
})();
