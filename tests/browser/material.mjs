// Browser tests of written material files on agenda items in Debian's headless Chromium
// (playwright-core): the secretariat uploads a PDF through the file input on the meeting
// page, sees it listed at the item with its type and size, and downloads it by the link
// (same bytes, the Danish name); a file of the wrong type gets the error next to the field;
// the file is removed again; the upload form is reached and used with the keyboard alone;
// everything works with JavaScript turned off. axe-core (WCAG 2.1 A and AA) on the meeting
// page with files and with the error, zero violations; screenshots in
// build/screenshots/material-*.png.
//
// Usage: node material.mjs [--keep]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (materiale): N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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

const tmp = mkdtempSync(join(os.tmpdir(), 'fkigov-material-browser-'));
const DB = join(tmp, 'fkigov.db');
let server = null, serverLog = '';
const env = { ...process.env, FKIGOV_ACTOR: 'browser-test', FKIGOV_TODAY: '2027-01-20' };

function fk(args, input) {
	const p = spawnSync(BIN, ['--db', DB, ...args], { input, encoding: 'utf8', env });
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

async function startServer() {
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
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	fk(['meeting', 'agenda', '1']);
}

// ---------------------------------------------------------------- files

// A small PDF whose bytes depend on tag.
const pdf = (tag) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------- browser helpers

let BASE = '', browser = null;

async function context(opts = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', acceptDownloads: true, ...opts });
	ctx.setDefaultTimeout(10000);
	return ctx;
}
async function axe(page, name) {
	await page.evaluate(`${AXE_SOURCE}\n;void 0`);
	const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
	for (const v of r.violations) {
		console.log(`    axe ${name}: ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes.slice(0, 5)) console.log(`      - ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
	}
	check(r.violations.length === 0, `${name}: axe-overtrædelser: ${r.violations.map((v) => v.id).join(', ')}`);
}
async function look(page, name) {
	const b = await page.evaluate(() => ({
		lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
		scripts: document.querySelectorAll('script').length, styles: document.querySelectorAll('[style]').length,
	}));
	check(b.lang === 'da' && b.h1 === 1 && b.scripts === 0 && b.styles === 0, `${name}: ${JSON.stringify(b)}`);
	await page.screenshot({ path: join(SHOTS, `material-${name}.png`), fullPage: true });
	await axe(page, name);
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
// What has focus: tag, id, type and text.
const focused = (page) => page.evaluate(() => {
	const e = document.activeElement;
	return { tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', text: (e.innerText || e.value || '').trim().slice(0, 80) };
});
async function tabTo(page, pred, max = 300) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const f = await focused(page);
		if (pred(f)) return f;
	}
	return null;
}

// ---------------------------------------------------------------- the tests

async function run() {
	const ctx = await context();
	const admin = await ctx.newPage();
	await login(admin, 'admin');
	const url = `${BASE}/meetings/1`;
	const name = 'Notat om økonomi.pdf';
	const bytes = pdf('notat');

	await test('materiale: sekretariatet lægger en PDF på punkt 1 med filvælgeren', async () => {
		await admin.goto(url);
		const item = admin.locator('#punkt-1');
		check((await item.innerText()).includes('Materiale mangler.'), 'punktet mangler materiale');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 1' }).click();
		const input = item.getByLabel('Fil til punkt 1');
		check((await input.getAttribute('type')) === 'file', 'feltet er en filvælger');
		check((await input.getAttribute('accept')).includes('.pdf'), 'accept nævner .pdf');
		await input.setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
		const resp = await submit(admin, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 200, `efter upload: ${resp.status()}`);
		check((await admin.locator('.notice.ok').innerText()).includes('Filen er lagt på punktet'), 'kvittering');
		const t = await admin.locator('#punkt-1').innerText();
		check(t.includes(name) && t.includes('PDF') && t.includes('byte'), `filen står ved punktet: ${t.slice(0, 300)}`);
		check(!t.includes('Materiale mangler.'), 'punktet mangler ikke længere materiale');
		await look(admin, 'med-fil');
	});

	await test('materiale: linket henter filen (samme bytes, det danske navn)', async () => {
		const link = admin.locator('#punkt-1').getByRole('link', { name });
		const href = await link.getAttribute('href');
		check(/^\/material\/\d+$/.test(href), `linket peger på /material/ID: ${href}`);
		const [dl] = await Promise.all([admin.waitForEvent('download'), link.click()]);
		check(dl.suggestedFilename() === name, `filnavnet ved hentning: ${dl.suggestedFilename()}`);
		const got = readFileSync(await dl.path());
		check(sha256(got) === sha256(bytes), 'samme SHA-256 som den lagte fil');
		const r = await admin.request.get(`${BASE}${href}`);
		check(r.status() === 200 && r.headers()['content-type'] === 'application/pdf', `hentning: ${r.status()} ${r.headers()['content-type']}`);
		check(r.headers()['content-disposition'].startsWith('attachment;'), 'vedhæftet fil');
		check(admin.url() === url || admin.url().startsWith(url), `siden bliver stående: ${admin.url()}`);
	});

	await test('materiale: en HTML-fil kaldt .pdf afvises med fejlen ved feltet', async () => {
		await admin.goto(url);
		const item = admin.locator('#punkt-2');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 2' }).click();
		await item.getByLabel('Fil til punkt 2').setInputFiles({ name: 'side.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>') });
		const resp = await submit(admin, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 400, `forkert type: ${resp.status()}`);
		const input = admin.locator('#i2-up-file');
		check((await input.getAttribute('aria-invalid')) === 'true', 'feltet er markeret ugyldigt');
		check((await input.getAttribute('aria-describedby')).includes('i2-up-file-fejl'), 'fejlen er knyttet til feltet');
		check((await admin.locator('#i2-up-file-fejl').innerText()).includes('text/html'), 'fejlen nævner typen');
		await admin.locator('.error-summary a[href="#i2-up-file"]').click();
		check((await focused(admin)).id === 'i2-up-file', 'fejlopsummeringen fører til feltet');
		await look(admin, 'fejl');
	});

	await test('materiale: kun med tastaturet – find formularen, vælg fil, læg den på', async () => {
		await admin.goto(url);
		await admin.locator('body').click({ position: { x: 1, y: 1 } });
		// The upload form is folded: Tab to its summary, open it with Enter, Tab to the file.
		const s = await tabTo(admin, (x) => x.tag === 'summary' && x.text.startsWith('Læg en fil på punkt 2'));
		if (!check(s, 'foldningen »Læg en fil på punkt 2« nås med Tab')) return;
		await admin.keyboard.press('Enter');
		await admin.keyboard.press('Tab');
		const f = await focused(admin);
		if (!check(f && f.id === 'i2-up-file' && f.type === 'file', `så filvælgeren: ${JSON.stringify(f)}`)) return;
		// The file chooser opens with Space; the file is chosen there, then Tab and Enter.
		const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), admin.keyboard.press('Space')]);
		await chooser.setFiles({ name: 'tastatur.pdf', mimeType: 'application/pdf', buffer: pdf('tastatur') });
		await admin.keyboard.press('Tab');
		const b = await focused(admin);
		check(b.tag === 'button' && b.text.startsWith('Læg filen på'), `så knappen: ${JSON.stringify(b)}`);
		const [resp] = await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
		check(resp.status() === 200 && (await admin.locator('#punkt-2').innerText()).includes('tastatur.pdf'), 'filen er lagt på med tastaturet');
	});

	await test('materiale: sekretariatet fjerner en fil, før dagsordenen er udsendt', async () => {
		await admin.goto(url);
		const btn = admin.locator('#punkt-2').getByRole('button', { name: 'Fjern filen tastatur.pdf fra punkt 2' });
		check(await btn.count() === 1, 'knappen har et navn, der siger hvilken fil');
		await submit(admin, btn);
		check((await admin.locator('.notice.ok').innerText()).includes('Filen er fjernet'), 'kvittering');
		check(!(await admin.locator('#punkt-2').innerText()).includes('tastatur.pdf'), 'filen er væk');
	});

	await test('materiale: uden JavaScript', async () => {
		const nojs = await (await context({ javaScriptEnabled: false })).newPage();
		await login(nojs, 'admin');
		await nojs.goto(url);
		const item = nojs.locator('#punkt-2');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 2' }).click();
		await item.getByLabel('Fil til punkt 2').setInputFiles({ name: 'Bilag å.pdf', mimeType: 'application/pdf', buffer: pdf('nojs') });
		const resp = await submit(nojs, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 200, `uden JS: ${resp.status()}`);
		check((await nojs.locator('#punkt-2').innerText()).includes('Bilag å.pdf'), 'filen står ved punktet');
		const [dl] = await Promise.all([nojs.waitForEvent('download'), nojs.locator('#punkt-2').getByRole('link', { name: 'Bilag å.pdf' }).click()]);
		check(sha256(readFileSync(await dl.path())) === sha256(pdf('nojs')), 'hentet uden JS');
		await nojs.context().close();
	});
}

try {
	mkdirSync(SHOTS, { recursive: true });
	setup();
	BASE = await startServer();
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
console.log(`browser (materiale): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
