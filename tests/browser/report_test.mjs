// `report --html` in a real browser: Debian's chromium, driven by playwright-core
// (no browser downloaded). Imports the demo exports into a fresh database, writes
// the report, opens it from disk and checks that it loads nothing from anywhere,
// logs no console error, draws every chart, is not blank, and lays out for print.
// Screenshots and a PDF are left in ARTIFACTS for a person to look at.
//
// Run: node report_test.mjs BINARY DEMO_DIR ARTIFACTS
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { checks, finish, ledgerCli } from './support.mjs';

const [binary, demo, artifacts] = process.argv.slice(2).map((p) => resolve(p));
const chromiumPath = process.env.IK_CHROMIUM || '/usr/bin/chromium';
const { failures, check } = checks();

const tmp = mkdtempSync(join(tmpdir(), 'ik-report-'));
mkdirSync(artifacts, { recursive: true });
const { ik } = ledgerCli(binary, join(tmp, 'ledger.db'), '2026-11-25T08:30:00Z', { PATH: process.env.PATH, HOME: tmp });
ik('init', '--name', 'Avery Quinlan (demo)', '--tz', 'Europe/London');
const zips = readdirSync(demo).filter((f) => f.endsWith('.zip')).sort().map((f) => join(demo, f));
ik('import', ...zips);
const html = join(tmp, 'report.html');
ik('report', '--html', html);
const status = JSON.parse(ik('--json', 'status'));

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${html}`, { waitUntil: 'load' });

  check(errors.length === 0, `no console or page errors (${errors.join(' | ') || 'none'})`);
  const elsewhere = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'));
  check(elsewhere.length === 0, `loads nothing from the network (${elsewhere.join(', ') || 'none'})`);
  check(requests.length === 1, `loads no file beside itself (${requests.length} request(s))`);
  check((await page.title()).includes('Avery Quinlan (demo)'), 'the title names the account');

  const pendingShown = await page.locator('table tr', { hasText: 'Pending' }).first().textContent();
  check(pendingShown.includes(status.pending.toLocaleString('en-US')), `pending shown matches status --json (${status.pending})`);

  // Every chart is drawn: a visible SVG with marks in it.
  const charts = await page.$$eval('svg', (svgs) =>
    svgs.map((s) => ({
      title: s.querySelector('title')?.textContent ?? '',
      width: s.getBoundingClientRect().width,
      height: s.getBoundingClientRect().height,
      marks: s.querySelectorAll('rect, path, polygon, line').length,
    })),
  );
  const expected = 2 + status.health.factors.length + 7;  // 2 gauges, a gauge per health factor, 7 charts
  check(charts.length === expected, `${charts.length} charts and gauges (${expected} expected)`);
  const sections = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
  for (const want of ['Where you stand', 'Account health', 'How old the pending requests are', 'Requests sent each week',
                      'Time to accept', 'What gets accepted', 'Where pending is heading', 'Strategies compared'])
    check(sections.includes(want), `section "${want}"`);
  const score = await page.textContent('.score');
  check(Number(score) === status.health.score, `health score shown matches status --json (${status.health.score})`);
  const band = await page.locator('polygon.band').count();
  check(band > 0, 'the time-to-accept curve has its confidence band');
  for (const c of charts) check(c.width > 100 && c.height > 30 && c.marks > 0, `drawn: ${c.title}`);

  // Not blank: the screenshot, decoded by the browser itself, has ink on it.
  const shot = await page.screenshot({ fullPage: true, path: join(artifacts, 'report.png') });
  const inked = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
    return ink / (d.length / 4);
  }, shot.toString('base64'));
  check(inked > 0.01 && inked < 0.6, `the screenshot is not blank (${(inked * 100).toFixed(1)}% ink)`);

  // A phone-width screen: nothing wider than the page.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `fits a 390 px wide screen (overflow ${overflow} px)`);
  await page.screenshot({ fullPage: true, path: join(artifacts, 'report-phone.png') });

  // Print: A4, nothing overflowing the printed width.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  const printOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(printOverflow <= 0, `prints within an A4 width (overflow ${printOverflow} px)`);
  await page.pdf({ path: join(artifacts, 'report.pdf'), format: 'A4' });
  check(statSync(join(artifacts, 'report.pdf')).size > 10000, 'the PDF has content');
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}

finish(failures, `report checks passed; screenshots and PDF in ${artifacts}`);
