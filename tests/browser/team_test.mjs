// A team server's dashboard in a real browser (Debian's chromium, driven by
// playwright-core): two users signed in at once, in two browser contexts, each sees
// only the accounts granted to them; an operator withdraws with the keyboard and the
// change is shown with their name; a viewer's write is refused with the server's
// words; a wrong password gets the login form back. Screenshots land in ARTIFACTS.
//
// Run: node team_test.mjs BINARY DEMO_DIR ARTIFACTS
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { checks, failed, finish, startServer, waitFor } from './support.mjs';

const [binary, demo, artifacts] = process.argv.slice(2).map((p) => resolve(p));
const chromiumPath = process.env.IK_CHROMIUM || '/usr/bin/chromium';
const NOW = '2026-11-26T09:00:00Z';
const EXPORT = 'Basic_LinkedInDataExport_11-24-2026.zip';
const PASSWORD = 'a long passphrase here';

const { failures, check } = checks();
const tmp = mkdtempSync(join(tmpdir(), 'ik-team-'));
const db = join(tmp, 'ledger.db');
mkdirSync(artifacts, { recursive: true });
const env = { PATH: process.env.PATH, HOME: tmp };
const ik = (args, input) => execFileSync(binary, ['--db', db, '--now', NOW, ...args],
  { encoding: 'utf8', env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
const ikJson = (...args) => JSON.parse(ik(['--json', ...args]));

// Three members' accounts; dana works two of them, zoe reads the third.
for (const account of ['maya', 'lee', 'sam']) {
  ik(['init', '--name', account, '--tz', 'UTC']);
  ik(['--account', account, 'import', join(demo, EXPORT)]);
}
ik(['user', 'add', 'dana', '--role', 'operator', '--accounts', 'maya,lee'], `${PASSWORD}\n`);
ik(['user', 'add', 'zoe', '--role', 'viewer', '--accounts', 'sam'], `${PASSWORD}\n`);

const { server, base: basePromise, log: serverLog } = startServer(binary, db, NOW, env);
let browser;
try {
  const base = await basePromise;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });

  // A user in a browser of their own: the page, its errors, and a login.
  async function user(name) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('https://www.linkedin.com/**', (route) => route.fulfill({ status: 200, body: 'LinkedIn (stub)' }));
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && !/status of 40[134]/.test(m.text()) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/`);
    await page.waitForSelector('input[name=password]', { timeout: 30000 });
    return { name, context, page, errors };
  }
  async function logIn(u, password) {
    await u.page.fill('input[name=name]', u.name);
    await u.page.fill('input[name=password]', password);
    const [response] = await Promise.all([u.page.waitForNavigation(), u.page.click('button[type=submit]')]);
    return response;
  }
  const loaded = (u, n = 1) => waitFor(u.page, (k) => Number(document.body.dataset.loads ?? 0) >= k, n, `${u.name}'s page load ${n}`);
  const accountsShown = (u) => u.page.$$eval('#account-select option', (os) => os.map((o) => o.value));

  const dana = await user('dana');
  const zoe = await user('zoe');
  check(await dana.page.locator('input[name=token]').count() === 0, 'a team server asks for a name and password, not a token');

  let res = await logIn(dana, 'not the passphrase');
  check(res.status() === 401 && (await dana.page.textContent('.message')).includes('not a user'),
    'a wrong password gets the login form back with a message');
  await dana.page.screenshot({ path: join(artifacts, 'team-login.png') });
  await dana.page.goto(`${base}/login`);
  // Both sign in at once.
  const [danaIn, zoeIn] = await Promise.all([logIn(dana, PASSWORD), logIn(zoe, PASSWORD)]);
  check(danaIn.ok() && zoeIn.ok() && new URL(dana.page.url()).pathname === '/' && new URL(zoe.page.url()).pathname === '/',
    'two users are signed in at once');
  await Promise.all([loaded(dana), loaded(zoe)]);

  check(JSON.stringify(await accountsShown(dana)) === JSON.stringify(['maya', 'lee']),
    `dana sees maya and lee only (${await accountsShown(dana)})`);
  const zoeAccount = (await zoe.page.textContent('#account-name')).trim();
  check(zoeAccount === 'sam' && await zoe.page.isHidden('#account-pick'), `zoe sees sam only ("${zoeAccount}")`);
  check((await dana.page.textContent('#me')).trim() === 'dana (operator)', 'the page names the user and role');
  check((await zoe.page.textContent('#me')).trim() === 'zoe (viewer)', 'and for the other user too');
  check(await dana.page.isHidden('#create') && await zoe.page.isHidden('#create'), 'neither is offered to create an account');

  // dana withdraws the first row of maya's list with the keyboard.
  const plan = ikJson('--account', 'maya', 'plan', 'withdraw');
  const first = plan.items[0];
  const pendingBefore = ikJson('--account', 'maya', 'status').pending;
  await dana.page.locator('#withdraw-title').click();
  await dana.page.keyboard.press('w');
  await waitFor(dana.page, () => document.querySelectorAll('#worklist > li.done').length === 1, null, 'the row marked');
  check(ikJson('--account', 'maya', 'status').pending === pendingBefore - 1, 'dana\'s withdrawal is recorded');
  const recent = ikJson('--account', 'maya', 'history').recent[0];
  check(recent.what === 'withdrawn' && recent.by === 'user:dana' && recent.id === first.id,
    `the ledger records dana as its author (${JSON.stringify(recent)})`);
  await dana.page.reload();
  await loaded(dana);
  const change = (await dana.page.textContent('#change-list > li:first-child')).replace(/\s+/g, ' ').trim();
  check(change.startsWith(`withdrawn ${first.name} by dana,`), `the page shows who withdrew it ("${change}")`);
  await dana.page.locator('#changes').screenshot({ path: join(artifacts, 'team-changes.png') });

  // zoe may read sam's list but not change it: the page offers no write, and a key
  // pressed anyway gets the server's refusal.
  check(await zoe.page.locator('#worklist > li').count() > 0 && await zoe.page.locator('#worklist button.mark:visible').count() === 0 &&
    await zoe.page.isHidden('#import'), 'a viewer sees the worklist without its buttons or the import');
  check(await dana.page.locator('#worklist button.mark:visible').count() > 0, 'an operator sees them');
  const samBefore = ik(['--json', '--account', 'sam', 'pending', '--limit', '5000']);
  await zoe.page.locator('#withdraw-title').click();
  await zoe.page.keyboard.press('w');
  await waitFor(zoe.page, () => document.querySelector('#alert').textContent.length > 0, null, 'zoe\'s refusal');
  const alert = (await zoe.page.textContent('#alert')).trim();
  check(alert.includes('zoe is a viewer'), `a viewer's withdrawal is refused in the server's words ("${alert}")`);
  check(ik(['--json', '--account', 'sam', 'pending', '--limit', '5000']) === samBefore, 'and nothing of sam\'s changed');
  await zoe.page.screenshot({ path: join(artifacts, 'team-viewer.png'), fullPage: true });

  // Each sees only their own: dana's session cannot read sam through the API either.
  const status = await dana.page.evaluate(async () => (await fetch('/api/status?account=sam')).status);
  check(status === 404, `an account not granted answers 404 to dana's session (${status})`);

  for (const u of [dana, zoe])
    check(u.errors.length === 0, `no console or page errors for ${u.name} (${u.errors.join(' | ') || 'none'})`);
} catch (e) {
  failed(failures, e, serverLog);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}

finish(failures, `team dashboard checks passed; screenshots in ${artifacts}`);
