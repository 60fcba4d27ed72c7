// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// What every browser suite in tests/browser shares: the paths and constants, the test harness
// (check, test, the closing "LABEL: N passed, N failed" line), a temporary database and the
// fkigov server on a free port, headless Chromium (Debian's, driven by playwright-core), and
// the helpers to log in, submit, move with the keyboard and look at a page (the page basics,
// a screenshot in build/screenshots/, axe-core with the WCAG 2.1 A and AA rules).
//
// lib.mjs is not a suite; each suite imports it and runs in a process of its own:
//
//   import { suite, runSuite, test, check, initDemo, addUser, startServer, launchBrowser,
//   	newContext, login, look } from './lib.mjs';
//   suite({ label: 'browser (sager)', name: 'cases', env: { FKIGOV_TODAY: '2026-11-27' } });
//   await runSuite(async () => {
//   	initDemo();
//   	addUser('admin', 'admin');
//   	const BASE = await startServer();
//   	await launchBrowser();
//   	await test('et navn', async () => { ... check(cond, 'what went wrong'); ... });
//   });
//
// runSuite prints the closing line and ends the process (exit status 1 when anything
// failed), which tests/browser/run.sh reads. Every suite takes the same arguments:
//   --keep         keep the temporary directory (database, server log, files)
//   --filter TEXT  run only the tests whose name contains TEXT
//   --verbose      also print axe's "needs review" results
// Environment: FKIGOV (the binary; default build/fkigov in the repository), CHROMIUM
// (default /usr/bin/chromium).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- constants

/** The repository. */
export const ROOT = resolve(HERE, '..', '..');
/** The fkigov binary under test: $FKIGOV, else build/fkigov. */
export const BIN = resolve(process.env.FKIGOV || join(ROOT, 'build', 'fkigov'));
/** Debian's Chromium: $CHROMIUM, else /usr/bin/chromium. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Where the screenshots go. */
export const SHOTS = join(ROOT, 'build', 'screenshots');
/** The password of every user addUser makes. */
export const PASSWORD = 'correct horse battery staple';
/** The window of every new context unless the suite says otherwise. */
export const VIEWPORT = { width: 1280, height: 900 };
/** How Chromium is started: headless, no sandbox, nothing fetched from the net. */
export const LAUNCH = {
	executablePath: CHROMIUM,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync',
		'--disable-dev-shm-usage'],
};
/** axe-core's rules: WCAG 2.0 and 2.1, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// ---------------------------------------------------------------- the suite

/** Command-line options (see the top of this file). */
export const opt = { filter: '', keep: false, verbose: false };

const cfg = {
	label: 'browser',
	env: {},
	shotPrefix: '',
	pageRules: null,
	figures: false,
	countChecks: false,
	serverLogCheck: false,
};
let tmp = null;
let DB = null;

/**
 * The page basics look() checks, by name; a suite picks its set with suite({ pageRules }).
 * Each takes the facts pageFacts() gathers and the page's name for the message.
 */
export const PAGE_RULES = {
	lang: (f, n) => check(f.lang === 'da', `${n}: <html lang="da"> mangler`),
	title: (f, n) => check(/ – fkigov$/.test(f.title), `${n}: titlen er »${f.title}«`),
	h1: (f, n) => check(f.h1 === 1, `${n}: ${f.h1} h1-overskrifter`),
	landmarks: (f, n) => check(f.skip && f.main, `${n}: springlink eller <main id="indhold"> mangler`),
	scripts: (f, n) => check(f.scripts === 0, `${n}: siden har ${f.scripts} <script>`),
	styles: (f, n) => check(f.styles === 0, `${n}: ${f.styles} elementer med style=""`),
	ids: (f, n) => {
		const dup = f.ids.filter((id, i) => f.ids.indexOf(id) !== i);
		return check(dup.length === 0, `${n}: id'er bruges flere gange: ${[...new Set(dup)].join(', ')}`);
	},
	describedby: (f, n) => {
		const dangling = f.described.filter((id) => !f.ids.includes(id));
		return check(dangling.length === 0, `${n}: aria-describedby peger på id'er, der ikke findes: ${dangling.join(', ')}`);
	},
	labels: (f, n) => check(f.unlabelled.length === 0, `${n}: felter uden label: ${f.unlabelled.join(', ')}`),
};
/** The rules every page must pass: Danish, one h1, no script, no style="". */
export const BASIC_RULES = ['lang', 'h1', 'scripts', 'styles'];

/**
 * Sets the suite up; call once, at the top of the suite, before anything else here.
 *   label          the name on the closing line, "LABEL: N passed, N failed"
 *   name           short name: the temporary directory is fkigov-NAME-…, the screenshots
 *                  NAME-PAGE.png (name '' for the main suite: PAGE.png, fkigov-browser-…)
 *   actor          FKIGOV_ACTOR of the CLI and the server (default browser-test)
 *   env            more environment for the CLI and the server, e.g. FKIGOV_TODAY;
 *                  startServer({ env }) may change it later
 *   shotPrefix     screenshot names start with this (default `${name}-`)
 *   pageRules      the names in PAGE_RULES look() checks (default BASIC_RULES)
 *   figures        also screenshot each chart (main svg) on its own, PAGE-figurN.png
 *   countChecks    no tests: each check counts as one passed or failed (ical.mjs)
 *   serverLogCheck at the end, fail once if the server's log has ERROR, AddressSanitizer
 *                  or "runtime error" in it
 * Returns { tmp, DB }: the temporary directory (removed at exit unless --keep) and the
 * database in it.
 */
export function suite({ label, name = '', actor = 'browser-test', env = {}, shotPrefix, pageRules = BASIC_RULES,
	figures = false, countChecks = false, serverLogCheck = false }) {
	Object.assign(cfg, {
		label, shotPrefix: shotPrefix ?? (name ? `${name}-` : ''), pageRules, figures, countChecks, serverLogCheck,
		env: { ...process.env, FKIGOV_ACTOR: actor, ...env },
	});
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--filter') opt.filter = argv[++i] || '';
		else if (argv[i] === '--keep') opt.keep = true;
		else if (argv[i] === '--verbose') opt.verbose = true;
		else {
			console.error(`${process.argv[1]}: unknown argument ${argv[i]}`);
			console.log(`${label}: 0 passed, 1 failed`);
			process.exit(2);
		}
	}
	tmp = mkdtempSync(join(os.tmpdir(), `fkigov-${name || 'browser'}-`));
	DB = join(tmp, 'fkigov.db');
	process.on('exit', () => {
		killServer();
		if (!opt.keep) rmSync(tmp, { recursive: true, force: true });
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.on(sig, () => { killServer(); process.exit(130); });
	return { tmp, DB };
}

// ---------------------------------------------------------------- results

const results = { passed: 0, failed: 0, failedNames: [] };
let current = null; // the failures of the running test, or null between tests
const loose = []; // failed checks made outside any test
const axeReport = []; // {page, id, impact, help, nodes}
const focusWarnings = new Map(); // focus outline on background -> an example

/**
 * Records a failure when cond is false (printed at once, "FEJL: what"); returns !!cond, so
 * `if (!check(...)) return;` stops a test at a failure the rest depends on. Inside test()
 * the failures make the test fail; outside, they fail the suite once (or, with
 * countChecks, every check counts by itself).
 */
export function check(cond, what) {
	if (current) {
		if (!cond) current.push(what);
	} else if (cfg.countChecks) {
		if (cond) results.passed++;
		else results.failed++;
	} else if (!cond) {
		loose.push(what);
	}
	if (!cond) console.log(`    FEJL: ${what}`);
	return !!cond;
}

/**
 * Runs one test: passed when fn returns without an exception and no check in it failed.
 * Prints "ok   NAME (N ms)" or "FAIL NAME (N ms)"; returns whether it passed. With
 * --filter, tests whose name does not contain the text are skipped (and return true).
 */
export async function test(name, fn) {
	if (opt.filter && !name.includes(opt.filter)) return true;
	const failures = current = [];
	const t0 = Date.now();
	try {
		await fn();
	} catch (e) {
		failures.push(String(e && e.stack || e));
		console.log(`    FEJL (undtagelse): ${String(e && e.message || e).split('\n').slice(0, 6).join('\n      ')}`);
	}
	current = null;
	const ms = Date.now() - t0;
	if (failures.length === 0) {
		results.passed++;
		console.log(`ok   ${name} (${ms} ms)`);
	} else {
		results.failed++;
		results.failedNames.push(name);
		console.log(`FAIL ${name} (${ms} ms)`);
	}
	return failures.length === 0;
}

/**
 * Runs the suite's body and ends the process. An exception from the body (outside a test)
 * counts as one failure, "opsætning"; so do failed checks outside tests, and with
 * serverLogCheck a sanitizer report or error in the server's log. Then Chromium is closed,
 * the server stopped (waiting for it, so a sanitizer's report at exit is in the log), a
 * summary printed (axe violations, weak focus outlines, the failed tests, the server's log
 * when something failed) and last the line "LABEL: N passed, N failed". Exit status 0
 * only when nothing failed.
 */
export async function runSuite(body) {
	try {
		if (!existsSync(BIN)) throw new Error(`${BIN} findes ikke: byg med make, eller sæt FKIGOV`);
		await body();
	} catch (e) {
		results.failed++;
		results.failedNames.push('opsætning');
		console.log(`FAIL opsætning: ${e && e.stack || e}`);
	} finally {
		if (browser) await browser.close().catch(() => {});
		await stopServer();
	}
	if (loose.length) {
		results.failed++;
		results.failedNames.push('tjek uden for en test');
	}
	if (cfg.serverLogCheck && /ERROR|AddressSanitizer|runtime error/.test(serverLog)) {
		results.failed++;
		results.failedNames.push('serverens log');
		console.log('FEJL: serverens log har ERROR, AddressSanitizer eller runtime error');
	}
	if (axeReport.length) {
		console.log('\naxe-core: overtrædelser (WCAG 2.1 A/AA)');
		for (const v of axeReport)
			console.log(`  ${v.page}: ${v.id} (${v.impact}) ${v.help} – ${v.nodes.length} element(er)`);
	}
	if (focusWarnings.size) {
		console.log('\nFokusrammer med for lav kontrast (WCAG 1.4.11, advarsel):');
		for (const [k, v] of focusWarnings) console.log(`  ${k}: fx ${v}`);
	}
	if (results.failedNames.length) console.log(`\nFejlede: ${results.failedNames.join(', ')}`);
	if (results.failed && serverLog) console.log(`\nServerlog (sidste del):\n${serverLog.slice(-3000)}`);
	if (opt.keep && tmp) console.log(`Midlertidig mappe: ${tmp}`);
	console.log(`${cfg.label}: ${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed ? 1 : 0);
}

// ---------------------------------------------------------------- the CLI and the server

let server = null;
let serverLog = '';
let base = '';

/**
 * Runs the fkigov CLI on the suite's database with the suite's environment (plus extra,
 * for this call only); input goes to its stdin. Returns stdout; throws when it fails.
 */
export function fk(args, input, extra = {}) {
	const p = spawnSync(BIN, ['--db', DB, ...args], { input, encoding: 'utf8', env: { ...cfg.env, ...extra } });
	if (p.error || p.status !== 0)
		throw new Error(`fkigov ${args.join(' ')}: ${p.error || p.status}\n${p.stdout}${p.stderr}`);
	return p.stdout;
}

/** A new database with the demo register (data/demo/appointments.csv). */
export function initDemo() {
	fk(['init']);
	fk(['import', 'appointments', join(ROOT, 'data', 'demo', 'appointments.csv')]);
}

/** Adds a user with PASSWORD; person ties a member to a person of the register. */
export function addUser(login, role, person) {
	fk(['user', 'add', login, '--role', role, ...(person ? ['--person', person] : [])], PASSWORD + '\n');
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort() {
	return new Promise((res, rej) => {
		const s = net.createServer();
		s.on('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => res(port));
		});
	});
}

function running() {
	return server && server.exitCode === null && server.signalCode === null;
}

function killServer() {
	if (running()) {
		try { server.kill('SIGTERM'); } catch { /* already gone */ }
	}
}

/** Stops the server, if it runs, and waits (at most 10 s) until it has exited. */
export async function stopServer() {
	if (!running()) return;
	const exited = new Promise((r) => server.once('exit', r));
	killServer();
	await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
}

/**
 * Starts `fkigov serve` on the suite's database on a free port and waits until it answers;
 * a server already running is stopped first (to restart it on another day). env is merged
 * into the suite's environment for the server and later fk() calls (e.g. a new
 * FKIGOV_TODAY); args are more arguments to serve (e.g. --trusted-header X-User).
 * Returns the base URL, http://127.0.0.1:PORT, which login() then uses.
 */
export async function startServer({ env = {}, args = [] } = {}) {
	await stopServer();
	Object.assign(cfg.env, env);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	server = spawn(BIN, ['--db', DB, 'serve', '--listen', `127.0.0.1:${port}`, ...args], {
		env: cfg.env, stdio: ['ignore', 'pipe', 'pipe'],
	});
	const collect = (d) => { serverLog = (serverLog + d).slice(-100000); };
	server.stdout.on('data', collect);
	server.stderr.on('data', collect);
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline && server.exitCode === null) {
		try {
			const r = await fetch(`${url}/static/app.css`);
			await r.arrayBuffer();
			if (r.ok) return (base = url);
		} catch { /* not yet */ }
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`fkigov serve svarer ikke:\n${serverLog}`);
}

// ---------------------------------------------------------------- the browser

let browser = null;

/** Starts Chromium (LAUNCH) and makes build/screenshots; returns the browser. */
export async function launchBrowser() {
	mkdirSync(SHOTS, { recursive: true });
	const { chromium } = await import('playwright-core');
	browser = await chromium.launch(LAUNCH);
	return browser;
}

/** axe-core's version, for the suite's opening line. */
export function axeVersion() {
	return JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;
}

/** A new context: VIEWPORT, Danish locale, 10 s timeout; extra overrides (e.g. javaScriptEnabled). */
export async function newContext(extra = {}) {
	const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'da-DK', ...extra });
	ctx.setDefaultTimeout(10000);
	return ctx;
}

/** A page in a new context of its own, logged in as user (with login()) unless user is null. */
export async function newPage(user = null, extra = {}) {
	const page = await (await newContext(extra)).newPage();
	if (user) await login(page, user);
	return page;
}

/**
 * Logs in through the form on /login with PASSWORD and waits to leave /login. With verify,
 * also checks that the header says "Logget ind som USER".
 */
export async function login(page, user, { verify = false } = {}) {
	await page.goto(`${base}/login`);
	await page.getByLabel('Brugernavn').fill(user);
	await page.getByLabel('Adgangskode').fill(PASSWORD);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.getByRole('button', { name: 'Log ind' }).click()]);
	if (verify)
		check(await page.locator('.who').innerText().then((t) => t.includes(user)), `login ${user}: »Logget ind som ${user}« vises ikke`);
}

/** Clicks locator and waits for the page it leads to; returns that response. */
export async function submit(page, locator) {
	const [resp] = await Promise.all([page.waitForNavigation(), locator.click()]);
	return resp;
}

/** The text of sel (default main) on the page. */
export const text = (page, sel = 'main') => page.locator(sel).innerText();

// ---------------------------------------------------------------- the keyboard

/**
 * What has focus: { tag, id, type, cls, text, href, visible, onScreen, outline, contrast,
 * bg, matches } ({ tag: 'body', matches } when nothing has). visible: an outline, a box
 * shadow, or in an SVG link a thick stroke on its shape; contrast: the outline's against
 * the background around the element (WCAG 1.4.11 asks 3:1); matches: whether the element
 * matches selector, when one is given.
 */
export async function focused(page, selector = null) {
	return page.evaluate((sel) => {
		const e = document.activeElement;
		const matches = sel ? !!e && e.matches(sel) : undefined;
		if (!e || e === document.body) return { tag: 'body', matches };
		const cs = getComputedStyle(e);
		let visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) ||
			(cs.boxShadow && cs.boxShadow !== 'none');
		// SVG links draw their focus on a child shape (.org-box).
		if (!visible && e.closest('svg')) {
			const box = e.querySelector('rect, .org-box');
			if (box) {
				const bs = getComputedStyle(box);
				visible = parseFloat(bs.strokeWidth) >= 3;
			}
		}
		const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
		const lum = ([r, g, b]) => {
			const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
			return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
		};
		let bg = 'rgb(255, 255, 255)';
		for (let a = e.parentElement; a; a = a.parentElement) {
			const c = getComputedStyle(a).backgroundColor;
			const v = rgb(c);
			if (v.length >= 3 && (v.length < 4 || v[3] > 0)) { bg = c; break; }
		}
		let contrast = null;
		if (cs.outlineStyle !== 'none') {
			const l1 = lum(rgb(cs.outlineColor)), l2 = lum(rgb(bg));
			contrast = Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 100) / 100;
		}
		const r = e.getBoundingClientRect();
		return {
			contrast, bg, matches,
			tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '',
			cls: String(e.className && e.className.baseVal !== undefined ? e.className.baseVal : e.className),
			text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60),
			href: e.getAttribute('href'), visible, onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
			outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
		};
	}, selector);
}

/**
 * Presses Tab until the focus is on target, a predicate on focused()'s answer or a CSS
 * selector; returns focused()'s answer there. Throws "Tab nåede aldrig WHAT" after max
 * presses. With checkFocus (the default), checks at every stop that the focus is visible
 * and on the screen, and warns (once per outline and background) of an outline with less
 * than 3:1 contrast.
 */
export async function tabTo(page, target, what = String(target), max = 60, { checkFocus = true } = {}) {
	const sel = typeof target === 'string' ? target : null;
	const pred = sel ? (f) => f.matches : target;
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const f = await focused(page, sel);
		if (checkFocus && f.tag !== 'body' && f.tag !== 'main') {
			check(f.visible, `fokus er ikke synligt på ${f.tag}#${f.id}.${f.cls} »${f.text}« (outline ${f.outline})`);
			check(f.onScreen, `fokuseret element ligger uden for skærmen: ${f.tag} »${f.text}«`);
			if (f.contrast !== null && f.contrast < 3 && f.href !== '#indhold') {
				const key = `${f.outline} på ${f.bg}`;
				if (!focusWarnings.has(key)) {
					focusWarnings.set(key, `${f.tag} »${f.text}« på ${new URL(page.url()).pathname}`);
					console.log(`    ADVARSEL: fokusrammen ${f.outline} har kun kontrast ${f.contrast}:1 mod baggrunden ${f.bg} (WCAG 1.4.11 kræver 3:1), fx ${f.tag} »${f.text}«`);
				}
			}
		}
		if (pred(f)) return f;
	}
	throw new Error(`Tab nåede aldrig ${what}`);
}

// ---------------------------------------------------------------- looking at a page

/** The pages (routes) axe has been run on with look(page, name, { route }). */
export const axeSeen = new Set();
let axeSource = null;

/**
 * Injects axe-core through the DevTools protocol (page.evaluate is not subject to the
 * page's Content-Security-Policy), runs the AXE_TAGS rules, prints each violation with its
 * elements and checks there are none. With --verbose also prints what axe could not decide.
 * Returns axe's results.
 */
export async function axe(page, name) {
	axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${axeSource}\n;void 0`);
	const options = {
		runOnly: { type: 'tag', values: AXE_TAGS },
		resultTypes: opt.verbose ? ['violations', 'incomplete'] : ['violations'],
	};
	const r = await page.evaluate((o) => window.axe.run(document, o), options);
	for (const v of r.violations) {
		const nodes = v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary }));
		axeReport.push({ page: name, id: v.id, impact: v.impact, help: v.help, nodes });
		console.log(`    axe ${name}: ${v.id} (${v.impact}): ${v.help}\n      ${v.helpUrl}`);
		for (const n of nodes) {
			console.log(`      - ${n.target}\n        ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
			if (n.summary) console.log(`        ${n.summary.replace(/\n\s*/g, ' | ').slice(0, 400)}`);
		}
	}
	if (opt.verbose)
		for (const v of r.incomplete)
			console.log(`    axe ${name} (skal tjekkes af et menneske): ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
	check(r.violations.length === 0, `${name}: ${r.violations.length} axe-overtrædelse(r): ${r.violations.map((v) => v.id).join(', ')}`);
	return r;
}

/** What PAGE_RULES look at, from the page as it stands. */
export function pageFacts(page) {
	return page.evaluate(() => ({
		lang: document.documentElement.lang,
		title: document.title,
		h1: document.querySelectorAll('h1').length,
		skip: !!document.querySelector('a.skip[href="#indhold"]'),
		main: !!document.querySelector('main#indhold'),
		scripts: document.querySelectorAll('script').length,
		styles: document.querySelectorAll('[style]').length,
		ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
		described: [...document.querySelectorAll('[aria-describedby]')].flatMap((e) => e.getAttribute('aria-describedby').split(/\s+/)),
		unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
			.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name),
	}));
}

/** Checks the suite's page rules (suite({ pageRules })) on the page. */
export async function basics(page, name) {
	const f = await pageFacts(page);
	for (const rule of cfg.pageRules) PAGE_RULES[rule](f, name);
}

const shotNames = new Set();
/**
 * A full-page screenshot, build/screenshots/PREFIXNAME.png (-2, -3 … when the name was
 * taken earlier in the run); with suite({ figures }) also each chart on its own at full
 * size, PREFIXNAME-figurN.png, to read the text in it.
 */
export async function screenshot(page, name) {
	const stem = cfg.shotPrefix + name;
	let n = stem, k = 2;
	while (shotNames.has(n)) n = `${stem}-${k++}`;
	shotNames.add(n);
	await page.screenshot({ path: join(SHOTS, `${n}.png`), fullPage: true });
	if (!cfg.figures) return;
	const charts = page.locator('main svg:not([aria-hidden="true"])');
	const count = await charts.count();
	for (let i = 0; i < count; i++)
		await charts.nth(i).screenshot({ path: join(SHOTS, `${n}-figur${i + 1}.png`) }).catch(() => {});
}

/**
 * Looks at the page as it stands: the page basics, a screenshot, axe. With js false (a
 * context without JavaScript, where neither can run in the page) only the screenshot.
 * route names the page for axeSeen.
 */
export async function look(page, name, { js = true, route = null } = {}) {
	if (js) await basics(page, name);
	await screenshot(page, name);
	if (!js) return;
	await axe(page, name);
	if (route) axeSeen.add(route);
}
