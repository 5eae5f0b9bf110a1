// The dashboard of `invitekeeper serve`. It only presents: every number, date, reason
// and limit shown comes from the API (docs/api.md), which answers with the CLI's own
// --json documents. No rule is computed here.
import uPlot from './uplot.esm.js';

const SENT_PAGE = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
const $ = (sel, root = document) => root.querySelector(sel);

const state = {
  account: new URLSearchParams(location.search).get('account'),
  status: null,
  worklist: [],  // today's withdrawal items, each {item, done}
  doneBefore: 0,  // withdrawals recorded today before the list was loaded
  cursor: 0,
  marks: [],     // withdrawals marked on this page, newest last: {kind, target}
  accountTz: undefined,
  charts: new Map(),
  me: null,  // GET /api/me: {team, user, role}
  overview: [],  // account names in the overview's order: the keys 1-9 open them
};

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

function withAccount(path) {
  if (!state.account) return path;
  const url = new URL(path, location.origin);
  url.searchParams.set('account', state.account);
  return url.pathname + url.search;
}

function toLogin() {
  location.assign('/login');
  return new ApiError('unauthorized', 'Signed out: opening the sign-in page', 401);
}

// The API's error document, else a line naming the HTTP status.
function errorFrom(status, statusText, text) {
  try {
    const e = JSON.parse(text).error;
    if (e && e.message) return new ApiError(e.code, e.message, status);
  } catch { /* not JSON: fall through */ }
  return new ApiError('http', `${status} ${statusText}`.trim(), status);
}

// `scoped`: the route acts on one account (every route but /api/accounts).
async function api(path, { method = 'GET', body, scoped = true } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(scoped ? withAccount(path) : path, init);
  if (r.status === 401) throw toLogin();
  const text = await r.text();
  if (!r.ok) throw errorFrom(r.status, r.statusText, text);
  return JSON.parse(text);
}

// ---------------------------------------------------------------- messages

function flash(text) {
  const el = $('#flash');
  el.textContent = text;
}

function showError(err) {
  if (err && err.status === 401) return;
  $('#alert').textContent = err instanceof ApiError || err instanceof Error ? err.message : String(err);
}

function clearError() {
  $('#alert').textContent = '';
}

// ---------------------------------------------------------------- formatting

const fmtCount = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'));
const fmtShare = (x, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);
const fmtDate = (d) => d ?? '–';
// A calendar day (YYYY-MM-DD, already in the account's zone) as "Thu 26 Nov".
const dayName = (d) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
  .format(new Date(`${d}T12:00:00Z`));

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const newTab = (href, text, label) =>
  el('a', { href, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label, text });

// ---------------------------------------------------------------- accounts

async function loadAccounts() {
  const doc = await api('/api/accounts', { scoped: false });
  const list = Array.isArray(doc) ? doc : doc.accounts ?? doc.items ?? [];
  const names = list.map((a) => (typeof a === 'string' ? a : a.name));
  // Only an admin (or a lone member) makes accounts; a team's operator or viewer
  // without one granted is told whom to ask.
  const mayCreate = !state.me || state.me.role === 'admin';
  const create = $('#create');
  create.hidden = names.length > 0 || !mayCreate;
  document.body.classList.toggle('has-account', names.length > 0);
  $('#account-views').hidden = names.length === 0;
  if (names.length === 0) {
    if (mayCreate) prepareCreateForm();
    $('#account-name').textContent = mayCreate ? 'No account yet' : 'No account is granted to you yet: ask an admin';
    return 0;
  }
  if (!state.account || !names.includes(state.account)) state.account = names[0];
  const chosen = list.find((a) => a && a.name === state.account);
  state.accountTz = chosen?.timezone;
  const pick = $('#account-pick');
  pick.hidden = names.length < 2;
  const select = $('#account-select');
  select.replaceChildren(...names.map((n) => el('option', { value: n, text: n, selected: n === state.account })));
  $('#account-name').textContent = names.length < 2 ? state.account : '';
  return names.length;
}

// ---------------------------------------------------------------- every account at a glance

// The accounts the caller may see, in the server's order (what needs attention first);
// shown only when there is more than one to choose from.
async function refreshOverview(accountCount) {
  const card = $('#overview');
  if (accountCount < 2) {
    card.hidden = true;
    return;
  }
  const doc = await api('/api/overview', { scoped: false });
  state.overview = doc.accounts.map((a) => a.account);
  $('#overview-rows').replaceChildren(...doc.accounts.map(overviewRow));
  card.hidden = false;
}

function overviewRow(a, index) {
  const key = index < 9 ? String(index + 1) : null;
  const open = el('button', {
    type: 'button', class: 'open linklike', 'aria-keyshortcuts': key,
    'aria-label': `Open ${a.account}'s withdrawals`,
    onclick: () => openAccount(a.account, { toWorklist: true }),
  }, key ? el('kbd', { text: key }) : null, a.account);
  const over = (n, bound) => (n >= bound ? 'num full' : 'num');
  const done = a.withdrawn_today > 0 ? `, ${fmtCount(a.withdrawn_today)} done` : '';
  return el('tr', { 'aria-current': a.account === state.account ? 'true' : null, 'data-account': a.account },
    el('th', { scope: 'row' }, open),
    el('td', { class: over(a.pending, a.pending_target), text: `${fmtCount(a.pending)} / ${fmtCount(a.pending_cap)}` }),
    el('td', { class: over(a.sent_7d, a.weekly_limit), text: `${fmtCount(a.sent_7d)} / ${fmtCount(a.weekly_limit)}` }),
    el('td', { class: 'num', text: `${fmtCount(a.withdraw_today)} left${done}` }),
    el('td', { class: 'num' }, `${a.health.score} `, el('span', { class: `grade grade-${a.health.grade}`, text: a.health.grade })),
    el('td', { class: 'needs', title: a.needs?.advice, text: a.needs ? a.needs.label : '–' }));
}

// After a mark, the overview's counts once the marking pauses.
let overviewTimer;
function overviewSoon() {
  if ($('#overview').hidden) return;
  clearTimeout(overviewTimer);
  overviewTimer = setTimeout(() => refreshOverview(state.overview.length).catch(showError), 400);
}

// Shows another account; `toWorklist` then puts the keyboard on its withdrawals.
async function openAccount(name, { toWorklist = false } = {}) {
  state.account = name;
  state.marks = [];
  const url = new URL(location.href);
  url.searchParams.set('account', name);
  history.replaceState(null, '', url);
  await refresh();
  if (toWorklist && state.account === name) {
    const list = $('#withdraw');
    list.scrollIntoView({ block: 'start' });
    list.focus({ preventScroll: true });
  }
}

let zonesFilled = false;
function prepareCreateForm() {
  const tz = $('#create-tz');
  if (!tz.value) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (!zonesFilled && Intl.supportedValuesOf) {
    $('#zones').replaceChildren(...Intl.supportedValuesOf('timeZone').map((z) => el('option', { value: z })));
    zonesFilled = true;
  }
}

async function createAccount(event) {
  event.preventDefault();
  clearError();
  const form = event.currentTarget;
  const body = { name: form.name.value.trim(), tier: form.tier.value, tz: form.tz.value.trim() };
  const button = $('button', form);
  button.disabled = true;
  try {
    const doc = await api('/api/accounts', { method: 'POST', body, scoped: false });
    state.account = doc.account ?? body.name;
    flash(`Account ${state.account} created. Now drop your LinkedIn export on the page.`);
    await refresh();
  } catch (e) {
    showError(e);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- status and health

function fillStatus(s) {
  const shown = {
    pending: fmtCount(s.pending),
    pending_cap: fmtCount(s.pending_cap),
    pending_target: fmtCount(s.pending_target),
    stale: fmtCount(s.stale),
    oldest_pending_days: fmtCount(s.oldest_pending_days),
    sent_7d: fmtCount(s.sent_7d),
    weekly_limit: fmtCount(s.weekly_limit),
    weekly_remaining: fmtCount(s.weekly_remaining),
    sent_today: fmtCount(s.sent_today),
    daily_limit: fmtCount(s.daily_limit),
    accepted_total: fmtCount(s.accepted_total),
    acceptance_rate: fmtShare(s.acceptance_rate),
    withdraw_today: fmtCount(s.withdraw_today),
    withdraw_planned: fmtCount(s.withdraw_planned),
    next_cleanup: fmtDate(s.next_cleanup),
  };
  for (const node of document.querySelectorAll('[data-status]')) {
    node.textContent = shown[node.dataset.status] ?? '–';
  }
  $('#now').textContent = `as of ${s.now}`;

  // Gauges: bar lengths are the numbers themselves, drawn against the cap and the limit.
  const ratio = (a, b) => (b > 0 ? Math.min(1, a / b) : 0);
  const pending = $('#gauge-pending');
  $('.fill', pending).style.width = `${ratio(s.pending, s.pending_cap) * 100}%`;
  $('.marker', pending).style.left = `${ratio(s.pending_target, s.pending_cap) * 100}%`;
  $('.track', pending).setAttribute('aria-label', `${s.pending} pending of a cap of ${s.pending_cap}, target ${s.pending_target}`);
  const week = $('#gauge-week');
  $('.fill', week).style.width = `${ratio(s.sent_7d, s.weekly_limit) * 100}%`;

  const f = s.forecast;
  const forecast = $('#forecast');
  if (!f) forecast.textContent = '–';
  else {
    forecast.textContent =
      `${f.pace_per_day} sends a day lately (${f.pace_basis?.sent ?? '–'} in ${f.pace_basis?.days ?? '–'} days). ` +
      `Target reached: ${f.target_on ?? `not within ${f.horizon_days} days`}; ` +
      `cap reached: ${f.cap_on ?? `not within ${f.horizon_days} days`}. ` +
      `Withdraw about ${f.withdrawals_per_week} a week to stay under the target.`;
  }
}

function fillHealth(h) {
  $('#health-score').textContent = h.score;
  $('#health-grade').textContent = h.grade;
  $('#health-grade').className = `grade grade-${h.grade}`;
  const rows = h.factors.map((f) => {
    const shown = (x) => (f.share ? fmtShare(x) : fmtCount(x));
    const lostBar = el('span', { class: 'lost-bar', 'aria-hidden': 'true' }, el('span'));
    lostBar.firstChild.style.width = `${f.weight > 0 ? (f.lost / f.weight) * 100 : 0}%`;
    return el('tr', { class: f.lost > 0 ? 'costs' : null },
      el('th', { scope: 'row', text: f.label }),
      el('td', { class: 'num', text: f.value === null ? 'too few' : shown(f.value) }),
      el('td', { class: 'num', text: shown(f.threshold) }),
      el('td', { class: 'num' }, lostBar, `${f.lost} of ${f.weight}`));
  });
  $('#health-factors').replaceChildren(...rows);
  $('#health-advice').replaceChildren(
    ...h.factors.filter((f) => f.advice).map((f) => el('li', { text: f.advice })));
}

// ---------------------------------------------------------------- withdrawal worklist

function fillWorklist(plan, today) {
  const items = plan.items.filter((i) => i.day === today);
  state.worklist = items.map((item) => ({ item, done: false }));
  // Withdrawals recorded earlier today (on this page before a reload, or the CLI)
  // count toward today's list: the plan already left them out.
  state.doneBefore = plan.withdrawn_today ?? 0;
  state.cursor = 0;
  $('#sent-page').href = plan.withdraw_page || SENT_PAGE;
  const list = $('#worklist');
  list.replaceChildren(...state.worklist.map((w, i) => worklistRow(w, i, plan.withdraw_page || SENT_PAGE)));
  $('#withdraw-empty').hidden = items.length > 0;
  updateProgress();
  updateCursor(false);
}

function worklistRow(w, index, sentPage) {
  const it = w.item;
  const row = el('li', { class: 'work', tabindex: '-1', 'data-id': String(it.id) },
    el('div', { class: 'who' },
      newTab(it.profile_url, it.name, `${it.name}: open the profile in a new tab`),
      el('span', { class: 'muted', text: ` #${it.id}` })),
    el('div', { class: 'why' },
      it.sent_earliest
        ? el('span', { text: it.age, title: 'Dated by the Sent page alone; an export gives the exact day' })
        : el('span', { text: `${it.age_days} days` }),
      el('span', { class: 'muted', text: ` · chance of acceptance ${fmtShare(it.p_accept)}` }),
      el('span', { class: 'reasons' }, ...it.reasons.map((r) => el('span', { class: 'reason', text: r })))),
    el('div', { class: 'acts' },
      newTab(sentPage, 'Sent invitations', `LinkedIn's sent invitations page, to withdraw ${it.name}`),
      el('button', { type: 'button', class: 'mark', text: 'Mark withdrawn', 'aria-keyshortcuts': 'w',
                     onclick: () => { state.cursor = index; markWithdrawn(index); } }),
      el('button', { type: 'button', class: 'undo', text: 'Undo', hidden: true,
                     onclick: () => undoTarget(String(it.id)) })),
    el('span', { class: 'state', text: '' }));
  row.addEventListener('click', (e) => {
    if (e.target.closest('a,button')) return;
    state.cursor = index;
    updateCursor(true);
  });
  // Tabbing into a row's link or button makes it the current row for the keys.
  row.addEventListener('focusin', () => {
    if (state.cursor === index) return;
    state.cursor = index;
    updateCursor(false);
  });
  return row;
}

function rowAt(i) {
  return $('#worklist').children[i];
}

function updateCursor(focus) {
  const rows = $('#worklist').children;
  for (let i = 0; i < rows.length; i++) {
    const current = i === state.cursor;
    rows[i].classList.toggle('current', current);
    if (current) rows[i].setAttribute('aria-current', 'true');
    else rows[i].removeAttribute('aria-current');
  }
  const row = rowAt(state.cursor);
  if (row && focus) {
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }
}

function updateProgress() {
  const total = state.doneBefore + state.worklist.length;
  const done = state.doneBefore + state.worklist.filter((w) => w.done).length;
  const p = $('#withdraw-progress');
  p.max = Math.max(total, 1);
  p.value = done;
  $('#withdraw-count').textContent = `${done} of ${total} done`;
}

function showDone(index, done) {
  const w = state.worklist[index];
  w.done = done;
  const row = rowAt(index);
  row.classList.toggle('done', done);
  $('.mark', row).hidden = done;
  $('.undo', row).hidden = !done;
  $('.state', row).textContent = done ? 'withdrawn' : '';
  updateProgress();
}

// Marks the row withdrawn; the cursor moves on at once so the keys never wait for
// the server, and the row shows done when the server says so.
async function markWithdrawn(index) {
  const w = state.worklist[index];
  if (!w || w.done || w.busy) return;
  clearError();
  w.busy = true;
  const movedOn = index === state.cursor && index + 1 < state.worklist.length;
  if (movedOn) moveCursor(1);
  const target = String(w.item.id);
  try {
    const doc = await api('/api/marks/withdrawn', { method: 'POST', body: { targets: [target] } });
    const marked = (doc.items ?? []).find((i) => String(i.id) === target);
    showDone(index, !marked || marked.status === 'withdrawn');
    state.marks.push({ kind: 'withdrawn', target });
    flash(`${w.item.name} marked withdrawn (${$('#withdraw-count').textContent}).`);
    overviewSoon();
  } catch (e) {
    showError(e);
    // Refused: back to the row that is still to do, unless the member moved since.
    if (movedOn && state.cursor === index + 1) {
      state.cursor = index;
      updateCursor(true);
    }
  } finally {
    w.busy = false;
  }
}

function moveCursor(delta) {
  const n = state.worklist.length;
  if (n === 0) return;
  state.cursor = Math.max(0, Math.min(n - 1, state.cursor + delta));
  updateCursor(true);
}

function openCurrent() {
  const w = state.worklist[state.cursor];
  if (w) window.open(w.item.profile_url, '_blank', 'noopener,noreferrer');
}

// ---------------------------------------------------------------- undo

async function undoTarget(target) {
  clearError();
  try {
    await api('/api/marks/undo', { method: 'POST', body: { targets: [target] } });
  } catch (e) {
    showError(e);
    return;
  }
  overviewSoon();
  const at = state.marks.map((m) => m.target).lastIndexOf(target);
  if (at >= 0) state.marks.splice(at, 1);
  const index = state.worklist.findIndex((w) => String(w.item.id) === target);
  if (index >= 0) {
    showDone(index, false);
    state.cursor = index;
    updateCursor(true);
    flash(`${state.worklist[index].item.name} is pending again (${$('#withdraw-count').textContent}).`);
  }
}

function undoLast() {
  const last = state.marks[state.marks.length - 1];
  if (!last) {
    flash('Nothing to undo on this page.');
    return;
  }
  undoTarget(last.target);
}

// ---------------------------------------------------------------- send slots

function fillSends(plan, tz) {
  let time;
  try {
    time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: tz || undefined, timeZoneName: 'short' });
  } catch {
    time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  }
  // The plan looks 14 days ahead, so that a person left out today is left out for a
  // real reason; the list holds only the sends of today, the account's calendar day.
  const today = plan.today.date;
  const later = plan.slots.filter((s) => s.day > today);
  $('#sends-date').dateTime = today;
  $('#sends-date').textContent = dayName(today);
  const slots = plan.slots.filter((s) => s.day === today).map((s) => {
    const theirs = s.local ? s.local.slice(11, 16) : '';
    const noteText = s.note_withheld ? 'note withheld: send without a note' : s.note || 'no note';
    return el('li', { class: 'slot', 'data-url': s.profile_url },
      el('div', { class: 'when' },
        el('time', { datetime: s.at, text: time.format(new Date(s.at)) }),
        theirs && s.local.slice(19) !== '' ? el('span', { class: 'muted', text: ` their time ${theirs} (${s.local.slice(19)})` }) : null),
      el('div', { class: 'who' }, newTab(s.profile_url, s.name || s.profile_url, `${s.name}: open the profile in a new tab`),
        s.template ? el('span', { class: 'muted', text: ` template ${s.template}` }) : null),
      el('p', { class: s.note && !s.note_withheld ? 'note' : 'note muted', text: noteText }),
      el('div', { class: 'acts' },
        s.note && !s.note_withheld
          ? el('button', { type: 'button', class: 'copy', text: 'Copy note', onclick: () => copyNote(s) })
          : null,
        el('button', { type: 'button', class: 'sent', text: 'Mark sent', onclick: (e) => markSent(s, e.currentTarget) })));
  });
  $('#send-slots').replaceChildren(...slots);
  const next = later.length
    ? ` Next: ${dayName(later[0].day)} at ${time.format(new Date(later[0].at))}` +
      `${later.length > 1 ? `, and ${fmtCount(later.length - 1)} more in the next 14 days` : ''}.`
    : '';
  $('#sends-summary').textContent = slots.length
    ? `${fmtCount(slots.length)} to send today.${next}`
    : `${plan.today.nothing_because ?? 'Nothing to send today.'}${next}`;
  const blocked = plan.blocked ?? [];
  $('#send-blocked').replaceChildren(...(blocked.length
    ? [el('h3', { text: `Not scheduled (${blocked.length})` }),
       el('ul', { class: 'blocked' }, ...blocked.map((b) => el('li', {},
         newTab(b.profile_url, b.name || b.profile_url),
         el('span', { class: 'reason', text: b.reason }),
         b.until ? el('span', { class: 'muted', text: ` until ${b.until}` }) : null,
         b.detail ? el('span', { class: 'muted', text: ` ${b.detail}` }) : null)))]
    : []));
}

async function copyNote(slot) {
  try {
    await navigator.clipboard.writeText(slot.note);
    flash(`Note for ${slot.name} copied.`);
  } catch (e) {
    showError(new Error(`Could not copy the note: ${e.message}`));
  }
}

async function markSent(slot, button) {
  clearError();
  button.disabled = true;
  try {
    // Not on the undo stack: undo takes back marks, and a send is the invitation itself.
    await api('/api/marks/sent', { method: 'POST', body: { targets: [slot.profile_url] } });
    flash(`Request to ${slot.name} recorded as sent.`);
    await Promise.all([refreshSends(), refreshStatus()]);
    overviewSoon();
  } catch (e) {
    showError(e);
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- charts

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function plotWidth(figure) {
  return Math.max(260, $('.plot', figure).clientWidth || figure.clientWidth);
}

function drawChart(id, opts, data, table) {
  const figure = document.getElementById(id);
  const holder = $('.plot', figure);
  state.charts.get(id)?.destroy();
  holder.replaceChildren();
  const plot = new uPlot({ ...opts, width: plotWidth(figure), height: 220 }, data, holder);
  state.charts.set(id, plot);
  // The numbers behind the chart, for screen readers and for reading exact values.
  let details = $('details', figure);
  if (!details) {
    details = el('details', {}, el('summary', { text: 'The numbers' }));
    figure.append(details);
  }
  details.replaceChildren(details.firstChild, table);
}

function dataTable(headers, rows) {
  return el('table', { class: 'numbers' },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: String(c) }))))));
}

function chartError(id, err) {
  const holder = $('.plot', document.getElementById(id));
  state.charts.get(id)?.destroy();
  state.charts.delete(id);
  holder.replaceChildren(el('p', { class: 'error', text: err.message }));
}

// A category axis: one label per bar, thinned out so labels never overlap.
function barsAxis(labels, labelWidth = 48) {
  return {
    values: (u, splits) => splits.map((i) => labels[i] ?? ''),
    splits: (u) => {
      const room = Math.max(1, Math.floor((u.width - 60) / labelWidth));
      const step = Math.ceil(labels.length / room);
      return labels.map((_, i) => i).filter((i) => i % step === 0);
    },
  };
}

// Bars stand on zero, with a little headroom above the tallest.
const fromZero = { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] };

function drawAges(history) {
  const buckets = history.pending_age;
  const labels = buckets.map((b) => b.label);
  drawChart('chart-ages', {
    legend: { show: false },
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: fromZero },
    axes: [{ ...barsAxis(labels), label: 'days pending' }, { label: 'pending' }],
    series: [{}, {
      label: 'pending',
      fill: css('--chart-1'),
      stroke: css('--chart-1'),
      paths: uPlot.paths.bars({ size: [0.7, 80] }),
      points: { show: false },
    }],
    cursor: { show: false },
  }, [labels.map((_, i) => i), buckets.map((b) => b.count)],
  dataTable(['age (days)', 'pending'], buckets.map((b) => [b.label, fmtCount(b.count)])));
}

function drawAccept(stats) {
  const own = stats.curve ?? [];
  const prior = stats.prior?.points ?? [];
  const tables = [
    [own.map((p) => p.t), own.map((p) => p.survival), own.map((p) => p.lower), own.map((p) => p.upper)],
    [prior.map((p) => p.t), prior.map((p) => p.survival)],
  ].filter((t) => t[0].length > 0);
  const series = [{ label: 'days' }];
  const step = uPlot.paths.stepped({ align: 1 });
  if (own.length) {
    series.push(
      { label: 'your requests', stroke: css('--chart-1'), width: 2, paths: step, points: { show: false } },
      { label: '95% low', stroke: css('--chart-band'), dash: [4, 4], paths: step, points: { show: false } },
      { label: '95% high', stroke: css('--chart-band'), dash: [4, 4], paths: step, points: { show: false } });
  }
  if (prior.length) {
    series.push({ label: 'prior (real exports)', stroke: css('--chart-2'), width: 2, spanGaps: true, points: { size: 5 } });
  }
  const data = tables.length ? uPlot.join(tables) : [[], []];
  drawChart('chart-accept', {
    // Most acceptances come in the first days: an asinh scale shows them and the long tail.
    scales: { x: { time: false, distr: 4, asinh: 1, range: (u, min, max) => [0, Math.max(max, 1)] },
              y: { range: [0, 1] } },
    axes: [{ label: 'days since sent (stretched near 0)',
             splits: (u) => [0, 1, 2, 3, 7, 14, 30, 60, 90, 180, 365].filter((d) => d <= u.scales.x.max),
             filter: (u, splits) => splits,
             values: (u, splits) => splits.map(String) },
           { label: 'not yet accepted', values: (u, v) => v.map((x) => fmtShare(x, 0)) }],
    series,
  }, data,
  dataTable(['days', 'not yet accepted', '95% band'],
    own.map((p) => [p.t, fmtShare(p.survival), `${fmtShare(p.lower)} – ${fmtShare(p.upper)}`])));
  const pct = stats.percentiles_of_accepted ?? {};
  $('#chart-accept .note').textContent =
    `Plans use ${stats.curve_source === 'own' ? 'your own curve' : 'the prior'} ` +
    `(${fmtCount(stats.accepted_total)} accepted; ${fmtCount(stats.min_accepted)} needed for your own). ` +
    `Of those accepted, half were accepted within ${pct.p50 ?? '–'} days and 90% within ${pct.p90 ?? '–'} days.`;
}

function drawWeeks(history) {
  const w = history.weekly_sends;
  const labels = w.weeks.map((x) => x.monday.slice(5));
  drawChart('chart-weeks', {
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: fromZero },
    axes: [{ ...barsAxis(labels), label: 'week starting' }, { label: 'sent' }],
    series: [{ label: 'week', value: (u, i) => (i === null ? '' : w.weeks[i]?.monday ?? '') },
      { label: 'sent', fill: css('--chart-1'), stroke: css('--chart-1'),
        paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
      { label: `limit (${w.limit} in any 7 days)`, stroke: css('--chart-limit'), width: 2, dash: [6, 4], points: { show: false } }],
  }, [labels.map((_, i) => i), w.weeks.map((x) => x.sent), w.weeks.map(() => w.limit)],
  dataTable(['week starting', 'sent'], w.weeks.map((x) => [x.monday, fmtCount(x.sent)])));
}

let resizeTimer = 0;
function resizeCharts() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const [id, plot] of state.charts) {
      plot.setSize({ width: plotWidth(document.getElementById(id)), height: 220 });
    }
  }, 100);
}

// ---------------------------------------------------------------- loading

async function refreshStatus() {
  const s = await api('/api/status');
  state.status = s;
  fillStatus(s);
  if (s.health) fillHealth(s.health);
  return s;
}

async function refreshSends() {
  const plan = await api('/api/plan/send');
  fillSends(plan, state.accountTz);
}

// ---------------------------------------------------------------- who did what

// Who made a change, as a sentence ends.
function actor(by) {
  if (by.startsWith('user:')) return `by ${by.slice(5)}`;
  if (by === 'cli') return 'from the command line';
  if (by === 'api') return 'from the dashboard or the API';
  return `by ${by}`;
}

const DONE = { keep: 'kept', unkeep: 'unkept', undo: 'undone' };

function fillChanges(history, tz) {
  let time;
  try {
    time = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: tz || undefined });
  } catch {
    time = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }
  const changes = history.recent ?? [];
  $('#changes-empty').hidden = changes.length > 0;
  $('#change-list').replaceChildren(...changes.map((c) => {
    const who = c.name ? [c.profile_url ? newTab(c.profile_url, c.name, `${c.name} on LinkedIn (new tab)`) : c.name, ' '] : [];
    return el('li', {},
      el('span', { class: 'what', text: DONE[c.what] ?? c.what }), ' ', ...who,
      el('span', { class: 'muted', text: `${actor(c.by)}, ` }),
      el('time', { dateTime: c.recorded_at, class: 'muted', text: time.format(new Date(c.recorded_at)) }));
  }));
}

async function refreshMe() {
  const me = await api('/api/me', { scoped: false });
  state.me = me;
  const label = $('#me');
  label.hidden = !me.team;
  if (me.team) label.textContent = `${me.user} (${me.role})`;
  document.body.classList.toggle('viewer', me.role === 'viewer');
  return me;
}

async function refreshCharts() {
  const [history, stats] = await Promise.allSettled([api('/api/history'), api('/api/stats')]);
  if (history.status === 'fulfilled') {
    try { drawAges(history.value); } catch (e) { chartError('chart-ages', e); }
    try { drawWeeks(history.value); } catch (e) { chartError('chart-weeks', e); }
    fillChanges(history.value, state.accountTz);
  } else {
    chartError('chart-ages', history.reason);
    chartError('chart-weeks', history.reason);
  }
  if (stats.status === 'fulfilled') {
    try { drawAccept(stats.value); } catch (e) { chartError('chart-accept', e); }
  } else chartError('chart-accept', stats.reason);
}

async function refresh() {
  try {
    if (!state.me) await refreshMe();
    const accountCount = await loadAccounts();
    if (!accountCount) return;
    const [s] = await Promise.all([refreshStatus(), refreshOverview(accountCount)]);
    if (!s.health) fillHealth(await api('/api/health'));
    const [withdraw] = await Promise.all([api('/api/plan/withdraw'), refreshSends()]);
    fillWorklist(withdraw, s.today);
    state.marks = [];  // the rows they were made on are gone
    await refreshCharts();
  } catch (e) {
    showError(e);
  } finally {
    // How many times the page has loaded its data: tests wait on it.
    document.body.dataset.loads = String(Number(document.body.dataset.loads ?? 0) + 1);
  }
}

// ---------------------------------------------------------------- import

// What the server reads a file as comes from its content, never this type: it only has
// to be one the server takes.
function contentType(name) {
  if (/\.zip$/i.test(name)) return 'application/zip';
  if (/\.csv$/i.test(name)) return 'text/csv';
  if (/\.html?$/i.test(name)) return 'text/html';
  if (/\.txt$/i.test(name)) return 'text/plain';
  return 'application/octet-stream';
}

function upload(file, { complete = false } = {}) {
  clearError();
  const box = $('#upload');
  const bar = $('#upload-progress');
  box.hidden = false;
  bar.removeAttribute('value');
  $('#upload-label').textContent = `Uploading ${file.name}`;
  $('#import-summary').hidden = true;
  const xhr = new XMLHttpRequest();
  const query = `filename=${encodeURIComponent(file.name)}${complete ? '&complete=true' : ''}`;
  xhr.open('POST', withAccount(`/api/import?${query}`));
  xhr.withCredentials = true;
  xhr.setRequestHeader('Content-Type', contentType(file.name));
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.addEventListener('progress', (e) => {
    if (!e.lengthComputable) return;
    bar.max = e.total;
    bar.value = e.loaded;
    $('#upload-label').textContent =
      `Uploading ${file.name}: ${Math.round((e.loaded / e.total) * 100)}%`;
  });
  xhr.upload.addEventListener('load', () => {
    bar.removeAttribute('value');
    $('#upload-label').textContent = `Importing ${file.name}…`;
  });
  xhr.addEventListener('load', async () => {
    box.hidden = true;
    if (xhr.status === 401) return void toLogin();
    if (xhr.status < 200 || xhr.status >= 300) {
      showError(errorFrom(xhr.status, xhr.statusText, xhr.responseText));
      return;
    }
    let doc;
    try { doc = JSON.parse(xhr.responseText); } catch (e) { showError(e); return; }
    showSummary(doc);
    if (file === state.pasted) $('#paste-text').value = '';
    flash(`Imported ${file.name}: ${fmtCount(doc.pending)} pending now.`);
    await refresh();
  });
  xhr.addEventListener('error', () => {
    box.hidden = true;
    showError(new Error(`The upload of ${file.name} failed: the server could not be reached.`));
  });
  xhr.send(file);
}

// An import's warnings, the first few of each kind and how many more like them.
function warningList(warnings) {
  const byCode = new Map();
  for (const w of warnings) {
    if (!byCode.has(w.code)) byCode.set(w.code, []);
    byCode.get(w.code).push(w);
  }
  const items = [];
  for (const group of byCode.values()) {
    for (const w of group.slice(0, 3)) items.push(el('li', { text: w.message, 'data-code': w.code }));
    if (group.length > 3) {
      items.push(el('li', { class: 'muted', 'data-code': group[0].code, text: `and ${fmtCount(group.length - 3)} more like these` }));
    }
  }
  return [el('p', { text: `${fmtCount(warnings.length)} warning${warnings.length === 1 ? '' : 's'}:` }), el('ul', {}, ...items)];
}

// What a saved Sent page told: the cards, whether it was the whole list, and what changed.
function sentPageRows(p) {
  const saved = new Date(p.saved_at).toLocaleString();
  const of = p.people_count == null ? '' : ` of ${fmtCount(p.people_count)}`;
  const rows = [
    ['Sent page', `${p.file} (${p.layout}), saved ${saved}`],
    ['Cards', `${fmtCount(p.cards)}${of}: ${p.complete ? 'the whole list, so what it leaves out is no longer pending' : 'not the whole list, so nothing is marked gone'}`],
    ['Matched', `${fmtCount(p.matched)} already in the ledger; ${fmtCount(p.new)} new pending`],
  ];
  if (p.complete) rows.push(['Gone', `${fmtCount(p.gone)} pending not on the page: accepted, withdrawn or declined elsewhere`]);
  if (p.seen_again) rows.push(['Seen again', `${fmtCount(p.seen_again)} thought gone are on the page: pending`]);
  return rows;
}

function showSummary(doc) {
  const inv = doc.invitations ?? {};
  const pages = (doc.sources ?? []).filter((s) => s.sent_page).map((s) => s.sent_page);
  if (pages.length) return void showSummaryRows(doc, [
    ...pages.flatMap(sentPageRows),
    ['Pending', `${fmtCount(doc.pending)} of your invitations pending now`]]);
  const files = (doc.sources ?? []).flatMap((s) => s.files ?? []);
  const rows = [
    ['Files', files.map((f) => `${f.file} (${f.kind}, ${fmtCount(f.rows)} rows)`).join('; ') || '–'],
    ['Invitations', `${fmtCount(inv.outgoing)} sent, ${fmtCount(inv.incoming)} received: ${fmtCount(inv.new)} new, ${fmtCount(inv.unchanged)} already in the ledger`],
    ['Connections', `${fmtCount(doc.connections)} (${fmtCount(doc.connections_new)} new)`],
    ['Accepted', `${fmtCount(doc.accepted)} of your invitations found accepted by this import`],
    ['Gone', `${fmtCount(doc.gone)} withdrawn or declined outside invitekeeper`],
    ['Pending', `${fmtCount(doc.pending)} of your invitations pending now`],
  ];
  showSummaryRows(doc, rows);
}

function showSummaryRows(doc, rows) {
  const keys = { Invitations: 'new', Accepted: 'accepted', Gone: 'gone', Pending: 'pending', Connections: 'connections',
                 Cards: 'cards', Matched: 'matched' };
  const box = $('#import-summary');
  box.replaceChildren(
    el('h3', { text: doc.changed === false ? 'Import summary: nothing new, the ledger is unchanged' : 'Import summary' }),
    el('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [
      el('dt', { text: k }), el('dd', { text: v, 'data-import': keys[k] })])),
    ...(doc.warnings?.length ? warningList(doc.warnings) : []),
    ...(doc.skipped?.length
      ? [el('p', { text: `${doc.skipped.length} skipped:` }),
         el('ul', {}, ...doc.skipped.map((s) => el('li', { text: typeof s === 'string' ? s : JSON.stringify(s) })))]
      : []));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function setupDrop() {
  const overlay = $('#drop-overlay');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer?.files?.[0];
    if (file) upload(file);
  });
  for (const b of document.querySelectorAll('.choose-file')) b.addEventListener('click', () => $('#file-input').click());
  $('#paste-import').addEventListener('click', () => {
    const text = $('#paste-text').value;
    if (!text.trim()) return void showError(new Error('Paste the Sent invitations page into the box first.'));
    state.pasted = new File([text], 'pasted Sent page.txt', { type: 'text/plain' });
    upload(state.pasted, { complete: $('#paste-complete').checked });
  });
  $('#file-input').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) upload(file);
    e.target.value = '';
  });
}

// ---------------------------------------------------------------- keys

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest('input, textarea, select, [contenteditable]')) return;
  if ($('#account-views').hidden) return;
  if (/^[1-9]$/.test(e.key) && !$('#overview').hidden) {
    const name = state.overview[Number(e.key) - 1];
    if (name === undefined) return;
    e.preventDefault();
    openAccount(name, { toWorklist: true });
    return;
  }
  const actions = {
    j: () => moveCursor(1),
    k: () => moveCursor(-1),
    o: () => openCurrent(),
    w: () => markWithdrawn(state.cursor),
    u: () => undoLast(),
  };
  const act = actions[e.key];
  if (!act) return;
  e.preventDefault();
  act();
}

// ---------------------------------------------------------------- start

function start() {
  $('#create-form').addEventListener('submit', createAccount);
  $('#account-select').addEventListener('change', (e) => openAccount(e.target.value));
  document.addEventListener('keydown', onKey);
  window.addEventListener('resize', resizeCharts);
  setupDrop();
  refresh();
}

start();
