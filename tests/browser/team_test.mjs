// A team server's dashboard in a real browser (Debian's chromium, driven by
// playwright-core): two users signed in at once, in two browser contexts, each sees
// only the accounts granted to them; an operator withdraws with the keyboard and the
// change is shown with their name; a viewer's write is refused with the server's
// words; a wrong password gets the login form back. Screenshots land in ARTIFACTS.
//
// Run: node team_test.mjs BINARY DEMO_DIR ARTIFACTS
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { checks, failed, finish, ledgerCli, startServer, waitFor } from './support.mjs';

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
const { ik, ikJson, ikFed } = ledgerCli(binary, db, NOW, env);

// Three members' accounts; dana works two of them, zoe reads the third.
for (const account of ['maya', 'lee', 'sam']) {
  ik('init', '--name', account, '--tz', 'UTC');
  ik('--account', account, 'import', join(demo, EXPORT));
}
ikFed(`${PASSWORD}\n`, 'user', 'add', 'dana', '--role', 'operator', '--accounts', 'maya,lee');
ikFed(`${PASSWORD}\n`, 'user', 'add', 'zoe', '--role', 'viewer', '--accounts', 'sam');

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

  // The overview: dana's two accounts, in the order the CLI gives (what needs attention
  // first), each with the CLI's numbers; zoe, with one account, is not offered one.
  const glance = ikJson('overview').accounts.filter((a) => ['maya', 'lee'].includes(a.account));
  const rows = await dana.page.$$eval('#overview-rows > tr', (trs) => trs.map((tr) => ({
    account: tr.dataset.account, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()) })));
  check(JSON.stringify(rows.map((r) => r.account)) === JSON.stringify(glance.map((a) => a.account)),
    `dana's overview lists her two accounts in the server's order (${rows.map((r) => r.account)})`);
  const n = (x) => x.toLocaleString('en-US');
  check(rows.every((r, i) => r.cells[0] === `${n(glance[i].pending)} / ${n(glance[i].pending_cap)}` &&
    r.cells[1] === `${n(glance[i].sent_7d)} / ${n(glance[i].weekly_limit)}` && r.cells[2].startsWith(`${glance[i].withdraw_today} left`) &&
    r.cells[3] === `${glance[i].health.score} ${glance[i].health.grade}`),
  `each row shows the account's pending, week, withdrawals left and health (${JSON.stringify(rows)})`);
  check(await zoe.page.isHidden('#overview'), 'a user with one account is not shown an overview');
  await dana.page.locator('#overview').screenshot({ path: join(artifacts, 'team-overview.png') });

  // The key 2 opens the second account's worklist, with the keyboard on it: w then
  // withdraws that account's first row.
  const second = glance[1].account;
  const secondPlan = ikJson('--account', second, 'plan', 'withdraw');
  await dana.page.locator('#overview-title').click();
  await dana.page.keyboard.press('2');
  await loaded(dana, 2);
  check(new URL(dana.page.url()).searchParams.get('account') === second &&
    await dana.page.$eval('#account-select', (s) => s.value) === second, `the key 2 opens ${second}`);
  check(await dana.page.evaluate(() => document.activeElement?.id) === 'withdraw', 'with the keyboard on its withdrawals');
  const firstRow = (await dana.page.textContent('#worklist > li:first-child')).replace(/\s+/g, ' ');
  check(firstRow.includes(secondPlan.items[0].name), `${second}'s own list is shown ("${firstRow.slice(0, 60)}")`);
  await dana.page.keyboard.press('w');
  await waitFor(dana.page, () => document.querySelectorAll('#worklist > li.done').length === 1, null, `${second}'s row marked`);
  check(ikJson('--account', second, 'history').recent[0]?.id === secondPlan.items[0].id, `the withdrawal lands on ${second}`);
  const doneNow = `${glance[1].withdrawn_today + 1} done`;
  await waitFor(dana.page, ([a, done]) => document.querySelector(`#overview-rows > tr[data-account="${a}"] td:nth-of-type(3)`)?.textContent.includes(done),
    [second, doneNow], `the overview counting the withdrawal (${doneNow})`);
  check(await dana.page.getAttribute(`#overview-rows > tr[data-account="${second}"]`, 'aria-current') === 'true',
    'the open account is the current row');
  // One click opens the other.
  const other = glance[0].account;
  await dana.page.click(`#overview-rows > tr[data-account="${other}"] button.open`);
  await loaded(dana, 3);
  check(await dana.page.$eval('#account-select', (s) => s.value) === other &&
    await dana.page.evaluate(() => document.activeElement?.id) === 'withdraw', `one click opens ${other}'s withdrawals`);

  // zoe may read sam's list but not change it: the page offers no write, and a key
  // pressed anyway gets the server's refusal.
  check(await zoe.page.locator('#worklist > li').count() > 0 && await zoe.page.locator('#worklist button.mark:visible').count() === 0 &&
    await zoe.page.isHidden('#import'), 'a viewer sees the worklist without its buttons or the import');
  check(await dana.page.locator('#worklist button.mark:visible').count() > 0, 'an operator sees them');
  const samBefore = ik('--json', '--account', 'sam', 'pending', '--limit', '5000');
  await zoe.page.locator('#withdraw-title').click();
  await zoe.page.keyboard.press('w');
  await waitFor(zoe.page, () => document.querySelector('#alert').textContent.length > 0, null, 'zoe\'s refusal');
  const alert = (await zoe.page.textContent('#alert')).trim();
  check(alert.includes('zoe is a viewer'), `a viewer's withdrawal is refused in the server's words ("${alert}")`);
  check(ik('--json', '--account', 'sam', 'pending', '--limit', '5000') === samBefore, 'and nothing of sam\'s changed');
  check(await zoe.page.getAttribute('#worklist > li:first-child', 'aria-current') === 'true', 'the refused row stays the current one');
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
