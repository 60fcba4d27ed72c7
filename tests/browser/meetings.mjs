// Browser tests of the steering group's meetings in Debian's headless Chromium
// (playwright-core): the årshjul and list, a member submitting an agenda proposal — first
// with an error, then right — and seeing it under "Mine frister og forslag"; the
// secretariat accepting it and building the agenda; the member adding the written material
// to the item; the secretariat dispatching the agenda and amending an item; the decision log
// searched; the deadline message after the proposal deadline. axe-core (WCAG 2.1 A and AA)
// on /meetings, /meetings/{id}, /my and /decisions with zero violations, and a screenshot of
// each in build/screenshots/meetings-*.png.
//
// Usage: node meetings.mjs [--keep]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (møder): N passed, N failed".

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

const tmp = mkdtempSync(join(os.tmpdir(), 'fkigov-meetings-browser-'));
const DB = join(tmp, 'fkigov.db');
let server = null, serverLog = '';
const env = { ...process.env, FKIGOV_ACTOR: 'browser-test', FKIGOV_TODAY: '2027-01-20' };

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

function setup() {
	if (!existsSync(BIN)) throw new Error(`${BIN} findes ikke: byg med make, eller sæt FKIGOV`);
	fk(['init']);
	fk(['import', 'appointments', join(ROOT, 'data', 'demo', 'appointments.csv')]);
	fk(['user', 'add', 'admin', '--role', 'admin'], PASSWORD + '\n');
	fk(['user', 'add', 'mette', '--role', 'member', '--person', 'sg01'], PASSWORD + '\n');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	// Last year's last meeting, held and published, for the decision log (meeting 5).
	fk(['cycle', 'plan', '2026', '--dates', '2026-03-05,2026-06-11,2026-09-10,2026-12-03', '--save']);
	const id = JSON.parse(fk(['meeting', 'list', '--year', '2026', '--json'])).meetings[3].id;
	fk(['meeting', 'agenda', String(id)], undefined, { FKIGOV_TODAY: '2026-11-01' });
	fk(['meeting', 'dispatch', String(id), '--date', '2026-11-19'], undefined, { FKIGOV_TODAY: '2026-11-19' });
	const items = JSON.parse(fk(['meeting', 'show', String(id), '--json'])).items;
	for (const it of items)
		fk(['meeting', 'minutes', String(id), '--item', String(it.number), '--outcome', 'taget-til-efterretning',
			'--text', it.number === 1 ? 'KL orienterede om den fælles digitaliseringsstrategi.' : 'Taget til efterretning.'],
		undefined, { FKIGOV_TODAY: '2026-12-03' });
	fk(['meeting', 'approve', String(id)]);
	fk(['meeting', 'publish', String(id)]);
}

// ---------------------------------------------------------------- browser helpers

let BASE = '', browser = null;
const axeSeen = new Set();

async function context() {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
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
async function look(page, name, route) {
	const b = await page.evaluate(() => ({
		lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
		scripts: document.querySelectorAll('script').length, styles: document.querySelectorAll('[style]').length,
	}));
	check(b.lang === 'da' && b.h1 === 1 && b.scripts === 0 && b.styles === 0, `${name}: ${JSON.stringify(b)}`);
	await page.screenshot({ path: join(SHOTS, `meetings-${name}.png`), fullPage: true });
	await axe(page, name);
	if (route) axeSeen.add(route);
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

// ---------------------------------------------------------------- the tests

async function run() {
	const member = await (await context()).newPage();
	const admin = await (await context()).newPage();
	await login(member, 'mette');
	await login(admin, 'admin');

	await test('møder: årshjulet og listen', async () => {
		const r = await member.goto(`${BASE}/meetings?year=2027`);
		check(r.status() === 200, `GET /meetings: ${r.status()}`);
		const svg = member.locator('svg.wheel');
		check((await svg.getAttribute('role')) === 'img', 'årshjulet er et billede');
		check(await svg.locator('.wheel-meeting').count() === 4, 'fire møder på hjulet');
		check(await svg.locator('.wheel-month').count() === 12, 'tolv måneder');
		check(await svg.locator('.wheel-today').count() === 1, 'viseren for i dag');
		check(await member.locator('table.meetings tbody tr').count() === 4, 'fire møder i tabellen');
		await look(member, 'aarshjul', '/meetings');
		await admin.goto(`${BASE}/meetings?year=2027`);
		await look(admin, 'aarshjul-sekretariat', '/meetings');
	});

	let meetingUrl = '';
	await test('møder: et medlem sender et forslag – først med fejl, så rigtigt', async () => {
		await member.locator('table.meetings').getByRole('link', { name: 'Møde 1/2027' }).click();
		await member.waitForURL(/\/meetings\/1$/);
		meetingUrl = member.url();
		check((await main(member)).includes('Fristen for forslag er 4. februar 2027'), 'fristen står ved formularen');
		await look(member, 'moede-medlem', '/meetings/{id}');
		const resp = await submit(member, member.getByRole('button', { name: 'Send forslaget' }));
		check(resp.status() === 400, `tom formular: ${resp.status()}`);
		const title = member.getByLabel('Overskrift');
		check((await title.getAttribute('aria-invalid')) === 'true', 'overskriften er markeret ugyldig');
		check((await title.getAttribute('aria-describedby')).includes('prop-title-fejl'), 'fejlen er knyttet til feltet');
		check((await member.locator('#prop-title-fejl').innerText()).includes('Skriv en overskrift'), 'fejlen står ved feltet');
		await look(member, 'forslag-fejl', '/meetings/{id}');
		await title.fill('Fælles login til de kommunale løsninger');
		await member.getByLabel('Beskrivelse').fill('Vi foreslår en drøftelse af fælles login.');
		await member.getByLabel('Punkttype').selectOption('beslutning');
		await member.getByLabel('Minutter').fill('20');
		const ok = await submit(member, member.getByRole('button', { name: 'Send forslaget' }));
		check(ok.status() === 200, `efter forslag: ${ok.status()}`);
		check((await member.locator('.notice.ok').innerText()).includes('Dit forslag er sendt'), 'kvittering');
		check((await member.locator('ul.proposals').innerText()).includes('Fælles login til de kommunale løsninger'), 'forslaget vises');
		await member.goto(`${BASE}/my`);
		const t = await main(member);
		check(t.includes('Fælles login til de kommunale løsninger') && t.includes('indsendt'), 'forslaget under mine forslag');
		check(t.includes('4. februar 2027'), 'fristen under mine frister');
		await look(member, 'mine', '/my');
	});

	await test('møder: sekretariatet optager forslaget, bygger og udsender dagsordenen', async () => {
		await admin.goto(meetingUrl);
		await look(admin, 'moede-sekretariat', '/meetings/{id}');
		await submit(admin, admin.getByRole('button', { name: 'Optag på dagsordenen' }));
		check((await admin.locator('.notice.ok').innerText()).includes('optaget'), 'optaget');
		await submit(admin, admin.getByRole('button', { name: 'Byg dagsordenen' }));
		check((await admin.locator('ol.agenda').innerText()).includes('Fælles login til de kommunale løsninger'), 'forslaget står på dagsordenen');
		// The member adds the written material to the item of their proposal.
		await member.goto(meetingUrl);
		const item = member.locator('ol.agenda > li', { hasText: 'Fælles login til de kommunale løsninger' });
		await item.locator('summary', { hasText: 'Tilføj materiale' }).click();
		await item.getByLabel('Materiale').fill('https://example.dk/notat-om-login.pdf');
		await submit(member, item.getByRole('button', { name: 'Gem materialet' }));
		check((await member.locator('.notice.ok').innerText()).includes('Materialet er gemt'), 'materialet er gemt');
		check((await main(member)).includes('Materiale: https://example.dk/notat-om-login.pdf'), 'materialet vises ved punktet');
		await look(member, 'materiale', '/meetings/{id}');
		await admin.goto(meetingUrl);
		await submit(admin, admin.getByRole('button', { name: 'Udsend dagsorden og materiale' }));
		check((await admin.locator('.notice.ok').innerText()).includes('udsendt'), 'udsendt');
		check((await admin.locator('p.lead').innerText()).includes('udsendt'), 'tilstanden er udsendt');
		check(await admin.getByRole('button', { name: 'Udsend dagsorden og materiale' }).count() === 0, 'kan ikke udsendes igen');
		// An amendment, with its reason shown at the item.
		await admin.locator('#punkt-4 summary', { hasText: 'Ret punkt 4' }).click();
		await admin.locator('#i4-reason').fill('Porteføljen er kortere denne gang');
		await admin.locator('#i4-minutes').fill('20');
		await submit(admin, admin.getByRole('button', { name: 'Gem rettelsen' }));
		check((await admin.locator('#punkt-4').innerText()).includes('Rettelse: Porteføljen er kortere denne gang'), 'rettelsen vises');
		await look(admin, 'udsendt', '/meetings/{id}');
		await member.goto(meetingUrl);
		check((await main(member)).includes('Rettelse: Porteføljen er kortere denne gang'), 'medlemmet ser rettelsen');
	});

	await test('møder: beslutningsloggen', async () => {
		await member.goto(`${BASE}/decisions`);
		await look(member, 'beslutninger-tom', '/decisions');
		await member.getByLabel('Søgeord').fill('digitaliseringsstrategi');
		await submit(member, member.getByRole('button', { name: 'Søg' }));
		const t = await main(member);
		check(t.includes('1 fund') && t.includes('fælles digitaliseringsstrategi'), `søgningen finder referatet: ${t.slice(0, 300)}`);
		await look(member, 'beslutninger', '/decisions');
	});

	await test('møder: efter fristen får medlemmet besked om fristen og hvem der kontaktes', async () => {
		BASE = await startServer('2027-05-20');
		await member.goto(`${BASE}/`);
		if (/\/login/.test(member.url()) || await member.getByLabel('Brugernavn').count()) await login(member, 'mette');
		await member.goto(`${BASE}/meetings/2`);
		const t = await main(member);
		check(t.includes('Fristen for forslag var 13. maj 2027. Kontakt Sekretariat FKI, hvis punktet skal med alligevel.'), 'beskeden om fristen');
		check(await member.getByRole('button', { name: 'Send forslaget' }).count() === 0, 'ingen formular efter fristen');
		await look(member, 'efter-fristen', '/meetings/{id}');
	});

	for (const r of ['/meetings', '/meetings/{id}', '/my', '/decisions'])
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
console.log(`browser (møder): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
