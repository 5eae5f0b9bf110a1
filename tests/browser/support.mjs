// What the dashboard's browser tests share: a pass/fail log, the CLI on the test's
// ledger, `serve` on a free port, and waits that poll from Node (the dashboard's CSP
// forbids the strings page.waitForFunction would evaluate in the page, as it should).
import { execFileSync, spawn } from 'node:child_process';

export function checks() {
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
    return ok;
  };
  return { failures, check };
}

// The CLI on one ledger at a pinned clock, as the checks compare against it:
// `ik(...args)` its output, `ikJson` its --json document, `ikError` the JSON error of
// a command expected to fail, `ikFed(input, ...args)` with `input` on standard input.
export function ledgerCli(binary, db, now, env) {
  const ikFed = (input, ...args) => execFileSync(binary, ['--db', db, '--now', now, ...args],
    { encoding: 'utf8', env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const ik = (...args) => ikFed(undefined, ...args);
  const ikJson = (...args) => JSON.parse(ik('--json', ...args));
  const ikError = (...args) => {
    try {
      ik('--json', ...args);
    } catch (e) {
      return JSON.parse(e.stdout).error;
    }
    throw new Error(`invitekeeper ${args.join(' ')} succeeded; a failure was expected`);
  };
  return { ik, ikJson, ikError, ikFed };
}

// `serve` on 127.0.0.1:0 with `args`; `base` resolves to its address once its first
// line says where.
export function startServer(binary, db, now, env, args = []) {
  const server = spawn(binary, ['--db', db, '--now', now, 'serve', '--listen', '127.0.0.1:0', ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  const base = new Promise((resolveBase, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s:\n${out}${log}`)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolveBase(m[1].replace(/\/$/, ''));
      }
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}${log}`)));
  });
  return { server, base, log: () => log };
}

// Polls fn(arg) in the page until it is true.
export async function waitFor(page, fn, arg, what, timeout = 30000) {
  for (const end = Date.now() + timeout; ;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A check that threw: recorded with the server's log, which says what it saw.
export function failed(failures, e, serverLog) {
  failures.push(String(e.stack || e));
  console.log(`FAIL ${e.stack || e}`);
  console.log(serverLog());
}

// The verdict: exit 1 when any check failed.
export function finish(failures, passed) {
  if (failures.length) {
    console.log(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log(passed);
}
