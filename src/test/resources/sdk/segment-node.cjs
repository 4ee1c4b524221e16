// @segment/analytics-node at its default settings (batching, concurrency, retries), pointed at Kizuna.
// Env: SDK_DIR (the npm prefix it was installed into), HOST, WRITE_KEY, RUN. Prints what it sent as JSON.
const path = require('path');
const { Analytics } = require(path.join(process.env.SDK_DIR, 'node_modules/@segment/analytics-node'));
const version = require(path.join(process.env.SDK_DIR, 'node_modules/@segment/analytics-node/package.json')).version;
const run = process.env.RUN;
const userId = 'user-' + run, groupId = 'acct-' + run, anonymousId = 'anon-' + run;
const analytics = new Analytics({ writeKey: process.env.WRITE_KEY, host: process.env.HOST });
const failures = [];
analytics.on('error', (err) => failures.push(String(err && (err.reason || err.message || err))));
let sent = 0;
const done = (err) => { if (err) failures.push(String(err)); };
analytics.identify({ userId, traits: { email: run + '@example.jp', name: '佐藤 花子' } }, done); sent++;
analytics.group({ userId, groupId, traits: { name: '株式会社テスト ' + run, website: 'test.example.jp' } }, done); sent++;
for (let i = 0; i < 50; i++) {
  analytics.track({ userId, event: 'Report Created', properties: { i, title: '月次レポート' } }, done); sent++;
}
analytics.page({ userId, name: 'Dashboard' }, done); sent++;
analytics.alias({ previousId: anonymousId, userId }, done); sent++;
analytics.closeAndFlush({ timeout: 30000 }).then(() => {
  console.log(JSON.stringify({ client: '@segment/analytics-node', version, sent, userId, groupId, failures }));
  process.exit(failures.length ? 1 : 0);
});
