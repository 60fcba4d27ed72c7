// Browser tests of the reference groups' status and the meeting's portfolio overview
// (porteføljeoverblik) in Debian's headless Chromium (playwright-core): a member of
// rg-forretning logs in and submits the group's status with the keyboard only — first a
// yellow status without a reason, which is refused with the error next to the field, then
// right — and sees it in the overview; the secretariat submits for another group after the
// deadline with JavaScript turned off and finds it marked late; both pages reflow at 320 px
// without horizontal scrolling of the page, and the overview prints without navigation.
// axe-core (WCAG 2.1 A and AA) on /meetings/{id}/status and /meetings/{id}/portfolio with
// zero violations, and a screenshot of each in build/screenshots/portfolio-*.png.
//
// Usage: node portfolio.mjs [--keep]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (porteføljeoverblik): N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const BIN = resolve(process.env.FKIGOV || join(ROOT, 'build', 'fkigov'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = join(ROOT, 'build', 'screenshots');
const PASSWORD = 'correct horse battery staple';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	resultTypes: ['violations'],
};
const keep = process.argv.includes('--keep');

let passed = 0, failed = 0, failures = null;
function check(cond, what) {
	if (!cond) {
		failures.push(what);
		console.log(`    FEJL: ${what}`);
	}
	return !!cond;
}
async function test(name, fn) {
	failures = [];
	try {
		await fn();
	} catch (e) {
		failures.push(String(e && e.stack || e));
		console.log(`    FEJL (undtagelse): ${String(e && e.message || e).split('\n').slice(0, 6).join('\n      ')}`);
	}
	if (failures.length) { failed++; console.log(`FAIL ${name}`); } else { passed++; console.log(`ok   ${name}`); }
}

// ---------------------------------------------------------------- server

const tmp = mkdtempSync(join(os.tmpdir(), 'fkigov-portfolio-browser-'));
const DB = join(tmp, 'fkigov.db');
let server = null, serverLog = '';
const env = { ...process.env, FKIGOV_ACTOR: 'browser-test', FKIGOV_TODAY: '2027-01-10', FKIGOV_NOW: '2027-01-10T09:00:00Z' };

function fk(args, input, extra = {}) {
	const p = spawnSync(BIN, ['--db', DB, ...args], { input, encoding: 'utf8', env: { ...env, ...extra } });
	if (p.error || p.status !== 0)
		throw new Error(`fkigov ${args.join(' ')}: ${p.error || p.status}\n${p.stdout}${p.stderr}`);
	return p.stdout;
}
function freePort() {
	return new Promise((res, rej) => {
		const s = net.createServer();
		s.on('error', rej);
		s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
	});
}
function stopServer() {
	if (server && server.exitCode === null && server.signalCode === null)
		try { server.kill('SIGTERM'); } catch { /* gone */ }
}
process.on('exit', () => { stopServer(); if (!keep) rmSync(tmp, { recursive: true, force: true }); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { stopServer(); process.exit(130); });

async function startServer(today) {
	stopServer();
	if (server) await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
	env.FKIGOV_TODAY = today;
	env.FKIGOV_NOW = `${today}T09:00:00Z`;
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	server = spawn(BIN, ['--db', DB, 'serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const collect = (d) => { serverLog = (serverLog + d).slice(-100000); };
	server.stdout.on('data', collect);
	server.stderr.on('data', collect);
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline && server.exitCode === null) {
		try { const r = await fetch(`${base}/static/app.css`); await r.arrayBuffer(); if (r.ok) return base; } catch { /* not yet */ }
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`fkigov serve svarer ikke:\n${serverLog}`);
}

// The year 2027, a portfolio of five initiatives (two of rg-forretning, one of each other
// reference group, one of the steering group), a milestone already overdue, a budget, a
// status report and a case recommended by rg-forretning; the secretariat and Louise
// Thygesen (rf01, member of rg-forretning).
function setup() {
	if (!existsSync(BIN)) throw new Error(`${BIN} findes ikke: byg med make, eller sæt FKIGOV`);
	fk(['init']);
	fk(['import', 'appointments', join(ROOT, 'data', 'demo', 'appointments.csv')]);
	fk(['user', 'add', 'admin', '--role', 'admin'], PASSWORD + '\n');
	fk(['user', 'add', 'louise', '--role', 'member', '--person', 'rf01'], PASSWORD + '\n');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	for (const [key, name, body] of [['fki-1', 'Fælles login til borgervendte løsninger', 'rg-forretning'],
		['fki-2', 'Datadeling mellem kommunerne', 'rg-forretning'],
		['fki-3', 'Drift af fælles integrationer', 'rg-drift-forvaltning'],
		['fki-5', 'Arkitekturprincipper', 'rg-arkitektur-udvikling'],
		['fki-4', 'Fælleskommunal strategi', 'styregruppe']])
		fk(['initiative', 'add', key, '--name', name, '--body', body]);
	fk(['initiative', 'milestone', 'fki-1', '--title', 'Pilot i tre kommuner', '--due', '2027-01-05']);
	fk(['initiative', 'milestone', 'fki-1', '--title', 'Udrulning', '--due', '2027-05-01']);
	fk(['initiative', 'budget', 'fki-1', '2027', '--kr', '250.000']);
	fk(['initiative', 'status', 'fki-1', '--status', 'grøn', '--date', '2027-01-05']);
	fk(['case', 'raise', '--title', 'Fælles loginløsning', '--text', 'Kommunerne mangler en fælles loginløsning.', '--by', 'styregruppe']);
	fk(['case', 'assign', 'sag-1', '--to', 'rg-forretning', '--text', 'Referencegruppen vurderer behovet.'], undefined,
		{ FKIGOV_NOW: '2027-01-12T09:00:00Z' });
	fk(['case', 'recommend', 'sag-1', '--text', 'Vi indstiller en fælles loginløsning fra 2028.'], undefined,
		{ FKIGOV_TODAY: '2027-01-15', FKIGOV_NOW: '2027-01-15T09:00:00Z' });
}

// ---------------------------------------------------------------- browser helpers

let BASE = '', browser = null;
const axeSeen = new Set();

async function context(extra = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', ...extra });
	ctx.setDefaultTimeout(10000);
	return ctx;
}
async function axe(page, name) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
	const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
	for (const v of r.violations) {
		console.log(`    axe ${name}: ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes.slice(0, 5)) console.log(`      - ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
	}
	check(r.violations.length === 0, `${name}: axe-overtrædelser: ${r.violations.map((v) => v.id).join(', ')}`);
}
// The page as it stands: one h1, lang, no scripts or inline styles, then a screenshot and
// (where JavaScript runs) axe.
async function look(page, name, route, { js = true } = {}) {
	if (js) {
		const b = await page.evaluate(() => ({
			lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
			scripts: document.querySelectorAll('script').length, styles: document.querySelectorAll('[style]').length,
		}));
		check(b.lang === 'da' && b.h1 === 1 && b.scripts === 0 && b.styles === 0, `${name}: ${JSON.stringify(b)}`);
	}
	await page.screenshot({ path: join(SHOTS, `portfolio-${name}.png`), fullPage: true });
	if (js) {
		await axe(page, name);
		if (route) axeSeen.add(route);
	}
}
async function login(page, user) {
	await page.goto(`${BASE}/login`);
	await page.getByLabel('Brugernavn').fill(user);
	await page.getByLabel('Adgangskode').fill(PASSWORD);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Log ind' }).click()]);
}
async function submit(page, button) {
	const [resp] = await Promise.all([page.waitForNavigation(), button.click()]);
	return resp;
}
const main = (page) => page.locator('main').innerText();
// Presses Tab until the focused element matches selector (at most 120 times).
async function tabTo(page, selector) {
	for (let i = 0; i < 120; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return true;
	}
	throw new Error(`Tab når aldrig ${selector}`);
}
const focused = (page) => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim()));
// Whether the page body scrolls sideways (WCAG 1.4.10: reflow at 320 CSS px).
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

// ---------------------------------------------------------------- the tests

async function run() {
	const member = await (await context()).newPage();
	await login(member, 'louise');

	await test('status: medlemmet indsender gruppens status med tastaturet – først med fejl, så rigtigt', async () => {
		await member.goto(`${BASE}/meetings/1`);
		// From the meeting to the form: Tab to the link, Enter.
		await tabTo(member, 'a[href="/meetings/1/status"]');
		await Promise.all([member.waitForNavigation(), member.keyboard.press('Enter')]);
		check(/\/meetings\/1\/status$/.test(member.url()), `formularen: ${member.url()}`);
		const t = await main(member);
		check(t.includes('Status fra Referencegruppe Forretning'), 'gruppens formular');
		check(t.includes('4. februar 2027'), 'fristen står på siden');
		check(await member.locator('#status-fki-1-green').isChecked(), 'seneste status (grøn) er udfyldt');
		await look(member, 'formular', '/meetings/{id}/status');
		// fki-1: from grøn to gul with the arrow key, no reason; fki-2: grøn with Space.
		await tabTo(member, 'input[name="status-fki-1"]');
		check((await focused(member)) === 'status-fki-1-green', `fokus på den valgte knap: ${await focused(member)}`);
		await member.keyboard.press('ArrowRight');
		check(await member.locator('#status-fki-1-yellow').isChecked(), 'gul valgt med piletasten');
		await tabTo(member, 'input[name="status-fki-2"]');
		await member.keyboard.press('Space');
		check(await member.locator('#status-fki-2-green').isChecked(), 'grøn valgt med mellemrum');
		await tabTo(member, '#note');
		await member.keyboard.type('Gruppen er godt på vej.');
		await tabTo(member, 'button[type="submit"].primary');
		const [bad] = await Promise.all([member.waitForNavigation(), member.keyboard.press('Enter')]);
		check(bad.status() === 400, `gul uden begrundelse: ${bad.status()}`);
		const reason = member.locator('#reason-fki-1');
		check((await reason.getAttribute('aria-invalid')) === 'true', 'begrundelsen er markeret ugyldig');
		check((await reason.getAttribute('aria-describedby')).includes('reason-fki-1-fejl'), 'fejlen er knyttet til feltet');
		check((await member.locator('#reason-fki-1-fejl').innerText()).includes('begrundelse'), `fejlen står ved feltet: ${await member.locator('#reason-fki-1-fejl').innerText()}`);
		check(await member.locator('#status-fki-1-yellow').isChecked(), 'det valgte er bevaret');
		check((await member.locator('#note').inputValue()) === 'Gruppen er godt på vej.', 'bemærkningen er bevaret');
		await look(member, 'formular-fejl', '/meetings/{id}/status');
		// The summary's link takes the keyboard to the field.
		await tabTo(member, '.error-summary a[href="#reason-fki-1"]');
		await member.keyboard.press('Enter');
		await tabTo(member, '#reason-fki-1');
		await member.keyboard.type('Leverandøren er forsinket med tre uger.');
		await tabTo(member, 'button[type="submit"].primary');
		const [ok] = await Promise.all([member.waitForNavigation(), member.keyboard.press('Enter')]);
		check(ok.status() === 200 && /\/meetings\/1\/portfolio/.test(member.url()), `efter indsendelse: ${ok.status()} ${member.url()}`);
		check((await member.locator('.notice.ok').innerText()).includes('Statussen er modtaget'), 'kvittering');
		const g = await member.locator('#gruppe-rg-forretning').innerText();
		check(g.includes('Status indsendt 20. januar 2027'), 'indsendt i dag');
		check(g.includes('Gul') && g.includes('Leverandøren er forsinket med tre uger.') && g.includes('Værre'), `gul med begrundelse og udvikling: ${g.slice(0, 400)}`);
		check(g.includes('Overskredet') && g.includes('Pilot i tre kommuner'), 'den overskredne milepæl');
		check(g.includes('Fælles loginløsning') && g.includes('Indstillinger til styregruppen'), 'indstillingen under gruppen');
		check(await member.locator('#gruppe-rg-forretning a[href="/cases/sag-1"]').count() === 1, 'link til sagen');
		await look(member, 'overblik-medlem', '/meetings/{id}/portfolio');
	});

	await test('status: uden JavaScript indsender sekretariatet efter fristen, og det markeres', async () => {
		BASE = await startServer('2027-02-10');
		const ctx = await context({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/meetings/1/status`);
		check((await main(page)).includes('Vælg referencegruppe'), 'sekretariatet vælger gruppe');
		await submit(page, page.getByRole('link', { name: 'Referencegruppe Drift og Forvaltning' }));
		const t = await main(page);
		check(t.includes('Fristen for status var 4. februar 2027') && t.includes('markeret som indsendt efter fristen'), 'høflig besked om fristen');
		await page.getByLabel('Rød').check();
		await page.getByLabel('Begrundelse for Drift af fælles integrationer').fill('Integrationen er nede i flere kommuner.');
		const resp = await submit(page, page.getByRole('button', { name: 'Indsend status' }));
		check(resp.status() === 200 && /\/meetings\/1\/portfolio/.test(page.url()), `efter indsendelse: ${resp.status()} ${page.url()}`);
		check((await page.locator('.notice.ok').innerText()).includes('markeret som for sen'), 'kvittering om for sen');
		const d = await page.locator('#gruppe-rg-drift-forvaltning').innerText();
		check(d.includes('Efter fristen') && d.includes('Rød'), `markeret for sen: ${d.slice(0, 300)}`);
		check((await page.locator('#gruppe-rg-arkitektur-udvikling').innerText()).includes('Status mangler'), 'status mangler for en gruppe');
		await look(page, 'overblik-uden-js', null, { js: false });
		await ctx.close();
		await member.goto(`${BASE}/`);
		if (/\/login/.test(member.url()) || await member.getByLabel('Brugernavn').count()) await login(member, 'louise');
		await member.goto(`${BASE}/meetings/1/portfolio`);
		await look(member, 'overblik', '/meetings/{id}/portfolio');
		await member.goto(`${BASE}/meetings/1/status`);
		await look(member, 'formular-efter-fristen', '/meetings/{id}/status');
	});

	await test('status: 320 px uden vandret rulning, og overblikket kan udskrives', async () => {
		const ctx = await context({ viewport: { width: 320, height: 640 } });
		const page = await ctx.newPage();
		await login(page, 'louise');
		for (const [path, name] of [['/meetings/1/portfolio', 'overblik-320'], ['/meetings/1/status', 'formular-320']]) {
			const r = await page.goto(`${BASE}${path}`);
			check(r.status() === 200, `${path}: ${r.status()}`);
			check(!(await sideways(page)), `${path}: siden ruller vandret ved 320 px`);
			await look(page, name, null);
		}
		await ctx.close();
		await member.goto(`${BASE}/meetings/1/portfolio`);
		await member.emulateMedia({ media: 'print' });
		check(!(await member.locator('.ov-nav').first().isVisible()), 'links og knapper skjules ved udskrift');
		check(!(await member.locator('nav').first().isVisible()), 'menuen skjules ved udskrift');
		check(await member.locator('.ov-table').first().isVisible(), 'tabellerne udskrives');
		await member.screenshot({ path: join(SHOTS, 'portfolio-udskrift.png'), fullPage: true });
		await member.emulateMedia({ media: 'screen' });
	});

	for (const r of ['/meetings/{id}/status', '/meetings/{id}/portfolio'])
		check(axeSeen.has(r), `axe kørt på ${r}`);
}

try {
	mkdirSync(SHOTS, { recursive: true });
	setup();
	BASE = await startServer('2027-01-20');
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	failures = [];
	await run();
	if (failures.length) failed++;
} catch (e) {
	failed++;
	console.log(`FEJL: ${String(e && e.stack || e)}`);
} finally {
	if (browser) await browser.close();
}
console.log(`browser (porteføljeoverblik): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
