// The `serve` dashboard in a real browser: Debian's chromium, driven by playwright-core
// (no browser downloaded). Starts `serve` on a fresh database, signs in through the
// login form, creates the account with the page's form, imports the demo export by
// dropping it on the page, checks the numbers shown against `status --json`, works
// through the withdrawal list with the keyboard (j/k/w, u to undo), reloads and finds
// those invitations withdrawn, marks a send, and checks the page logs no error and
// breaks no Content-Security-Policy rule. Screenshots land in ARTIFACTS.
//
// Run: node dashboard_test.mjs BINARY DEMO_DIR ARTIFACTS
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { checks, failed, finish, ledgerCli, startServer, waitFor as waitForIn } from './support.mjs';

const [binary, demo, artifacts] = process.argv.slice(2).map((p) => resolve(p));
const chromiumPath = process.env.IK_CHROMIUM || '/usr/bin/chromium';
const NOW = '2026-11-26T09:00:00Z';
const TOKEN = 'dashboard-test-token';
const EXPORT = 'Basic_LinkedInDataExport_11-24-2026.zip';

const { failures, check } = checks();

const tmp = mkdtempSync(join(tmpdir(), 'ik-dashboard-'));
const db = join(tmp, 'ledger.db');
mkdirSync(artifacts, { recursive: true });
const env = { PATH: process.env.PATH, HOME: tmp };
const { ik, ikJson, ikError } = ledgerCli(binary, db, NOW, env);

const { server, base: basePromise, log: serverLog } = startServer(binary, db, NOW, env, ['--token', TOKEN]);
let browser;
try {
  const base = await basePromise;
  console.log(`serve is at ${base}`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  // CSP violations are reported as console errors too; this names them plainly.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  // LinkedIn is never reached: a tab opened there gets a stub page.
  const linkedin = [];
  await context.route('https://www.linkedin.com/**', (route) => {
    linkedin.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'LinkedIn (stub)' });
  });
  const page = await context.newPage();
  const errors = [];
  const elsewhere = [];
  page.on('console', (m) => m.type() === 'error' && !/status of 40[19]/.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
  });
  // page.waitForFunction evaluates a string in the page, which the dashboard's CSP
  // forbids (as it should), so waits poll from here instead.
  const waitFor = (fn, arg, what, timeout) => waitForIn(page, fn, arg, what, timeout);
  const loads = () => page.evaluate(() => Number(document.body.dataset.loads ?? 0));
  const waitLoads = (n) => waitFor((k) => Number(document.body.dataset.loads ?? 0) >= k, n, `page load ${n}`);
  const shot = (name, target = page, opts = {}) => target.screenshot({ path: join(artifacts, name), ...opts });

  // ---- sign in: a wrong token is refused with a message, the right one lets us in.
  await page.goto(`${base}/`);
  await page.waitForSelector('input[name=token]', { timeout: 30000 });
  check(await page.locator('form[method=post][action="/login"] input[name=token][type=password]').count() === 1,
    'an unsigned visitor lands on the login form');
  // The browser's own form post: Chrome sends `Origin: null` here, because every page
  // carries `Referrer-Policy: no-referrer`, and `Sec-Fetch-Site: same-origin`.
  const submit = async (token) => {
    await page.fill('input[name=token]', token);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    return response;
  };
  let res = await submit('not-the-token');
  const body = await page.textContent('body');
  check(res.status() === 401 && (await page.locator('.message').count()) === 1,
    `a wrong token gets the login form back (${res.status()}${res.status() === 401 ? '' : `: ${body.trim().slice(0, 200)}`})`);
  const refused = (await page.locator('.message').count()) ? (await page.textContent('.message')).trim() : '';
  check(refused.length > 0, `with a message ("${refused}")`);
  await shot('login.png');
  if (!(await page.locator('input[name=token]').count())) await page.goto(`${base}/login`);
  res = await submit(TOKEN);
  check(new URL(page.url()).pathname === '/' && res.ok(),
    `the right token opens the dashboard (${res.status()} at ${page.url()}${res.ok() ? '' : `: ${(await page.textContent('body')).trim().slice(0, 200)}`})`);
  if (new URL(page.url()).pathname !== '/') throw new Error('cannot log in through the form; the remaining checks need a session');
  await waitLoads(1);

  // ---- a fresh database: the page offers to create the account first.
  check(await page.isVisible('#create'), 'a fresh database shows the create-account form');
  check(await page.isHidden('#account-views'), 'and no account views yet');
  await shot('create-account.png', page, { fullPage: true });
  await page.fill('#create-name', 'Demo');
  await page.selectOption('#create-tier', 'premium');
  await page.fill('#create-tz', 'UTC');
  let before = await loads();
  await page.click('#create-form button[type=submit]');
  await waitLoads(before + 1);
  const noAlert = async (when) => {
    const alert = (await page.textContent('#alert')).trim();
    check(alert === '', `no error shown ${when}${alert ? ` ("${alert}")` : ''}`);
  };
  await noAlert('after creating the account');
  check(await page.isHidden('#create'), 'the form goes once the account exists');
  check(ikJson('status').account === 'Demo', 'the account was created through the page');

  // ---- import: drop the export on the page, as a member would from a file manager.
  const zip = readFileSync(join(demo, EXPORT));
  const dataTransfer = await page.evaluateHandle(({ b64, name }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'application/zip' }));
    return dt;
  }, { b64: zip.toString('base64'), name: EXPORT });
  // A slow link (40 kB/s up), so the upload's progress can be seen on its way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 40 * 1024 });
  await page.evaluate(() => {
    window.ikUploadLabels = [];
    new MutationObserver(() => window.ikUploadLabels.push(document.querySelector('#upload-label').textContent))
      .observe(document.querySelector('#upload-label'), { childList: true, characterData: true, subtree: true });
  });
  before = await loads();
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  check(await page.isVisible('#drop-overlay'), 'dragging a file over the page shows where to drop it');
  await page.dispatchEvent('#stand', 'drop', { dataTransfer });
  await page.waitForSelector('#import-summary:not([hidden])', { timeout: 30000 });
  await waitLoads(before + 1);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const labels = await page.evaluate(() => window.ikUploadLabels);
  const partway = labels.map((l) => /: (\d+)%$/.exec(l)).filter((m) => m && +m[1] > 0 && +m[1] < 100);
  check(partway.length > 0, `the upload shows its progress on the way (${labels.join(' | ')})`);
  check(labels.some((l) => l.startsWith('Importing ')), 'then that the server is importing');
  check(await page.isHidden('#drop-overlay'), 'the drop hint goes after the drop');
  await noAlert('after the import');
  const status = ikJson('status');
  const summaryPending = await page.textContent('#import-summary [data-import=pending]');
  check(summaryPending.startsWith(status.pending.toLocaleString('en-US')),
    `the import summary shows ${status.pending} pending ("${summaryPending}")`);
  await shot('import.png', page.locator('#import'));
  check(await page.isHidden('#overview'), 'a member with one account is not shown the accounts overview');

  // ---- an import's warnings are shown: a CSV with a row about no one (no name, no URL).
  const odd = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n' +
    'Avery Quinlan,,"11/24/26, 9:00 AM",,OUTGOING,https://www.linkedin.com/in/avery-quinlan-7c3e91,\n';
  const csvTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'Invitations.csv', { type: 'text/csv' }));
    return dt;
  }, odd);
  before = await loads();
  await page.dispatchEvent('#stand', 'drop', { dataTransfer: csvTransfer });
  await page.locator('#import-summary', { hasText: 'left out' }).waitFor({ timeout: 30000 });
  await waitLoads(before + 1);
  check((await page.textContent('#import-summary')).includes(
    'Invitations.csv:2: an invitation with no name and no profile URL was left out'),
    'the import summary shows its warning, naming the file and line');

  // ---- the numbers shown are status --json's.
  const shown = async (field) => (await page.textContent(`[data-status=${field}]`)).replaceAll(',', '');
  for (const field of ['pending', 'pending_cap', 'pending_target', 'sent_7d', 'weekly_limit', 'weekly_remaining',
    'sent_today', 'daily_limit', 'stale', 'oldest_pending_days', 'accepted_total', 'withdraw_today', 'withdraw_planned']) {
    const got = await shown(field);
    check(got === String(status[field]), `${field} shown ${got}, status --json says ${status[field]}`);
  }
  check(await page.textContent('[data-status=next_cleanup]') === status.next_cleanup, 'next cleanup date matches');
  check(Number(await page.textContent('#health-score')) === status.health.score,
    `health score shown matches status --json (${status.health.score})`);
  check(await page.locator('#health-factors tr').count() === status.health.factors.length, 'every health factor is listed');
  const factorNames = await page.locator('#health-factors th').allTextContents();
  check(JSON.stringify(factorNames) === JSON.stringify(status.health.factors.map((f) => f.label)),
        `the factors carry the API's names: ${factorNames.join(', ')}`);
  const advice = status.health.factors.filter((f) => f.advice).map((f) => f.advice);
  check(JSON.stringify(await page.$$eval('#health-advice li', (li) => li.map((l) => l.textContent))) === JSON.stringify(advice),
    'the health advice is the API\'s, word for word');
  const pendingWidth = await page.$eval('#gauge-pending .fill', (e) => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width);
  check(Math.abs(pendingWidth - status.pending / status.pending_cap) < 0.01, `the pending gauge is ${(pendingWidth * 100).toFixed(1)}% full`);
  await shot('dashboard.png', page, { fullPage: true });
  await shot('where-you-stand.png', page.locator('#stand'));

  // ---- today's withdrawal worklist, in the plan's order.
  const plan = ikJson('plan', 'withdraw');
  const today = plan.items.filter((i) => i.day === status.today);
  const rowIds = () => page.$$eval('#worklist > li', (rows) => rows.map((r) => r.dataset.id));
  const ids = await rowIds();
  check(ids.length === today.length && ids.every((id, i) => id === String(today[i].id)),
    `the worklist is today's ${today.length} withdrawals in the plan's order`);
  const first = page.locator('#worklist > li').first();
  check(await first.locator(`a[href="${today[0].profile_url}"][target=_blank][rel="noopener noreferrer"]`).count() === 1,
    'a row links to the profile in a new tab');
  check(await first.locator(`a[href="${plan.withdraw_page}"][target=_blank][rel="noopener noreferrer"]`).count() === 1,
    'a row links to LinkedIn\'s sent-invitations page in a new tab');

  // o opens the current row's profile in a new tab.
  await page.locator('#withdraw-title').click();
  const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('o')]);
  await popup.waitForLoadState('load');
  check(popup.url() === today[0].profile_url, `o opens the current row's profile in a new tab (${popup.url()})`);
  check(await popup.evaluate(() => window.opener === null), 'the new tab has no opener');
  await popup.close();

  // Keyboard: w marks the current row and moves on; j/k move. Rows 0, 2, 1 get marked.
  const progress = () => page.textContent('#withdraw-count');
  const waitDone = (n) => waitFor((k) => document.querySelectorAll('#worklist > li.done').length === k, n, `${n} rows done`);
  await page.keyboard.press('w');
  await waitDone(1);
  await page.keyboard.press('j');
  await page.keyboard.press('w');
  await waitDone(2);
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await page.keyboard.press('w');
  await waitDone(3);
  const marked = [today[0].id, today[2].id, today[1].id].map(String);
  const doneIds = await page.$$eval('#worklist > li.done', (rows) => rows.map((r) => r.dataset.id));
  check(JSON.stringify(doneIds.sort()) === JSON.stringify([...marked].sort()), `j/k/w marked ${marked.join(', ')}`);
  check((await progress()).startsWith(`3 of ${today.length}`), `progress shows 3 of ${today.length} ("${await progress()}")`);
  const focused = await page.evaluate(() => document.activeElement?.dataset?.id);
  check(focused === String(today[2].id), 'the cursor row has the focus after marking');
  await shot('worklist.png', page.locator('#withdraw'));

  // u takes back the last mark (row 1): pending again, per the CLI.
  await page.keyboard.press('u');
  await waitDone(2);
  const pendingIds = () => new Set(ikJson('pending').items.map((i) => String(i.id)));
  let pending = pendingIds();
  check(pending.has(marked[2]), `u put ${marked[2]} back to pending`);
  check(!pending.has(marked[0]) && !pending.has(marked[1]), 'the other two stay withdrawn');
  check((await progress()).startsWith(`2 of ${today.length}`), `progress shows 2 after undo ("${await progress()}")`);
  // The cursor is back on the undone row: w marks it again.
  await page.keyboard.press('w');
  await waitDone(3);
  pending = pendingIds();
  check(marked.every((id) => !pending.has(id)), `pending --json no longer lists ${marked.join(', ')}`);

  // ---- reload: the three are gone from today's list.
  before = await loads();
  await page.reload();
  await waitLoads(1);
  const after = await rowIds();
  check(marked.every((id) => !after.includes(id)), 'after a reload the withdrawn rows are gone from the list');
  check(ikJson('status').pending === status.pending - 3, 'status --json counts three fewer pending');
  check((await shown('pending')) === String(status.pending - 3), 'and so does the page');
  check(after.length === today.length - 3, `today's list keeps the daily maximum: ${after.length} rows left`);
  check((await progress()).startsWith(`3 of ${today.length}`), `progress survives the reload ("${await progress()}")`);

  // ---- an API error is shown verbatim: withdraw the first row behind the page's back.
  const behind = after[0];
  ik('mark', 'withdrawn', behind);
  const expected = ikError('mark', 'withdrawn', behind).message;
  await page.locator('#withdraw-title').click();
  await page.keyboard.press('w');
  await waitFor(() => document.querySelector('#alert').textContent.length > 0, null, 'an error message');
  check(await page.textContent('#alert') === expected, `the API's error is shown verbatim ("${expected}")`);

  // ---- today's sends: copy the note, mark sent.
  const note = 'Hi Maya, your talk on rate limits at Acme stayed with me. Keen to compare notes.';
  ik('queue', 'add', 'https://www.linkedin.com/in/maya-patel-demo', '--name', 'Maya Patel', '--note', note, '--tz', 'America/New_York');
  await page.reload();
  await waitLoads(1);
  const slot = page.locator('#send-slots > li', { hasText: 'Maya Patel' });
  check(await slot.count() === 1, 'the queued person has a send slot today');
  check((await slot.locator('.note').textContent()) === note, 'the slot shows the note');
  await slot.locator('button.copy').click();
  await waitFor(() => document.querySelector('#flash').textContent.includes('copied'), null, 'the copy message');
  check(await page.evaluate(() => navigator.clipboard.readText()) === note, 'Copy note puts the note on the clipboard');
  await shot('sends.png', page.locator('#sends'));
  const sentBefore = ikJson('status').sent_today;
  await slot.locator('button.sent').click();
  await waitFor(() => document.querySelector('#flash').textContent.includes('recorded as sent'), null, 'the sent message');
  check(ikJson('status').sent_today === sentBefore + 1, 'Mark sent records the send');
  await waitFor(() => !document.querySelector('#send-slots').textContent.includes('Maya Patel'), null, 'the slot to go');
  check(true, 'the sent slot leaves today\'s list');
  check(await page.getAttribute('#sends-date', 'datetime') === '2026-11-26' && await page.textContent('#sends-date') === 'Thu 26 Nov',
    `the list is dated today ("${await page.textContent('#sends-date')}")`);

  // ---- nothing today: the pending target holds sends back. The page shows no slot
  // of a later day as today's, and says why, in the CLI's words, and when the next is.
  ik('import', ...readdirSync(demo).filter((f) => /^Basic_LinkedInDataExport_.*\.zip$/.test(f) && f !== EXPORT)
    .map((f) => join(demo, f)));
  ik('queue', 'add', 'https://www.linkedin.com/in/noor-haddad-demo', '--name', 'Noor Haddad');
  const held = ikJson('plan', 'send');
  check(held.today.sends === 0 && held.slots.length > 0 && held.today.nothing_because?.startsWith('Nothing today: pending'),
    `the plan holds today's sends back (${held.today.nothing_because})`);
  await page.reload();
  await waitLoads(1);
  check(await page.locator('#send-slots > li').count() === 0, 'a slot of a later day is not listed as today\'s');
  const summary = await page.textContent('#sends-summary');
  check(summary.startsWith(held.today.nothing_because), `the page says why nothing goes out today ("${summary}")`);
  const nextDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${held.slots[0].day}T12:00:00Z`));
  check(summary.includes(`Next: ${nextDay} at `), `and when the next send is (${nextDay})`);
  check(ik('plan', 'send').includes(held.today.nothing_because), 'in the same words as the CLI');

  // ---- charts: three uPlot canvases with ink on them.
  const charts = await page.$$eval('#charts figure', (figs) => figs.map((f) => {
    const c = f.querySelector('canvas');
    if (!c) return { id: f.id, drawn: false, error: f.textContent };
    const g = c.getContext('2d');
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
    return { id: f.id, drawn: true, width: c.getBoundingClientRect().width, ink: ink / (d.length / 4) };
  }));
  check(charts.length === 3, 'three charts');
  for (const c of charts) check(c.drawn && c.width > 200 && c.ink > 0.005, `chart ${c.id} is drawn (${c.error ?? `${(c.ink * 100).toFixed(1)}% ink`})`);
  await shot('charts.png', page.locator('#charts'));

  // ---- paste the Sent page: a member copies LinkedIn's Sent tab (select all, copy) and
  // pastes it. The copy is made up here from the ledger: every pending invitation but
  // the five oldest (withdrawn on LinkedIn meanwhile), and one the ledger never saw.
  const ageLine = (d) => d === 0 ? 'Sent today' : d === 1 ? 'Sent yesterday' : d < 7 ? `Sent ${d} days ago`
    : d < 28 ? `Sent ${Math.floor(d / 7)} week${d < 14 ? '' : 's'} ago`
      : `Sent ${Math.max(1, Math.floor(d / 30))} month${d < 60 ? '' : 's'} ago`;
  const pendingNow = ikJson('pending', '--limit', '100000');
  const listed = pendingNow.items.slice(5);
  const stranger = { name: 'Quinn Marlowe-Okafor', age_days: 15 };
  const card = (it) => [`${it.name}\u2019s profile picture`, it.name, 'Partner at a made-up firm', ageLine(it.age_days),
    'Withdraw'];
  const copied = ['Manage invitations', 'Received', 'Sent', `People (${listed.length + 1})`,
    ...card(stranger), ...listed.flatMap(card), ''].join('\n');
  await page.locator('#paste summary').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), copied);
  await page.focus('#paste-text');
  await page.keyboard.press('Control+V');
  check(await page.inputValue('#paste-text') === copied, 'Ctrl+V pastes the copied page into the box');
  before = await loads();
  await page.click('#paste-import');
  await page.locator('#import-summary', { hasText: 'Sent page' }).waitFor({ timeout: 30000 });
  await waitLoads(before + 1);
  await noAlert('after pasting the Sent page');
  const afterPaste = ikJson('status');
  check(afterPaste.pending === pendingNow.count - 5 + 1,
    `pending went from ${pendingNow.count} to ${afterPaste.pending}: five gone, one new`);
  check((await shown('pending')) === String(afterPaste.pending), 'the page shows the new pending count');
  const cards = await page.textContent('#import-summary [data-import=cards]');
  check(cards.startsWith(`${(listed.length + 1).toLocaleString('en-US')} of ${(listed.length + 1).toLocaleString('en-US')}: the whole list`),
    `the summary says the page is the whole list ("${cards}")`);
  const summaryText = await page.textContent('#import-summary');
  check(summaryText.includes('5 pending not on the page'), 'and that five are gone');
  check(summaryText.includes('1 new pending'), 'and one is new');
  check(await page.inputValue('#paste-text') === '', 'the box empties once imported');
  const quinn = ikJson('pending', '--limit', '100000').items.find((i) => i.name === stranger.name);
  check(quinn?.sent_earliest && quinn.age === '2w+', `the newcomer is dated by the page alone: ${quinn?.age}`);
  const gone = pendingNow.items.slice(0, 5).map((i) => String(i.id));
  const stillPending = pendingIds();
  check(gone.every((id) => !stillPending.has(id)), 'the five left off the page are no longer pending');
  await shot('sent-page.png', page.locator('#import'));

  // ---- a phone-width screen: nothing wider than the page.
  // The charts follow a resize after a pause of their own: wait until the page fits
  // rather than for a fixed time, which a busy machine can outlast.
  await page.setViewportSize({ width: 375, height: 812 });
  const overflowNow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await waitFor(() => document.documentElement.scrollWidth <= window.innerWidth, null, 'the page to fit 375 px')
    .catch(() => {});
  const overflow = await overflowNow();
  check(overflow <= 0, `fits a 375 px wide screen (overflow ${overflow} px)`);
  await shot('phone.png', page, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // ---- signed out behind the page's back: the next API call (a key) leads to the login form.
  await context.clearCookies();
  await page.locator('#withdraw-title').click();
  await page.keyboard.press('w');
  await page.waitForSelector('input[name=token]', { timeout: 30000 });
  check(new URL(page.url()).pathname === '/login', 'an API call answered 401 sends the member to /login');
  await page.fill('input[name=token]', TOKEN);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  await page.click('form.logout button');
  await page.waitForSelector('input[name=token]', { timeout: 30000 });
  check(true, 'Sign out leads back to the login form');

  check(elsewhere.length === 0, `loads nothing from anywhere else (${elsewhere.join(', ') || 'none'})`);
  check(errors.length === 0, `no console errors, page errors or CSP violations (${errors.join(' | ') || 'none'})`);
} catch (e) {
  failed(failures, e, serverLog);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}

finish(failures, `dashboard checks passed; screenshots in ${artifacts}`);
