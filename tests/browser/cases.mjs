// Browser tests of cases (sager) and goals in Debian's headless Chromium (playwright-core):
// a case from raised to decided and closed as the secretariat and a member of the reference
// group do it in the browser — forms with errors first, then right — the decision in the
// decision log, a withdrawn case with JavaScript turned off, the goals with a status
// report, what a viewer and a member of another group see; axe-core (WCAG 2.1 A and AA) on
// every page visited and a screenshot of each in build/screenshots/cases-*.png.
//
// Usage: node cases.mjs [--keep]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (sager): N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
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
const TODAY = '2026-11-27';
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

const tmp = mkdtempSync(join(os.tmpdir(), 'fkigov-cases-browser-'));
const DB = join(tmp, 'fkigov.db');
let server = null, serverLog = '';
const env = { ...process.env, FKIGOV_ACTOR: 'browser-test', FKIGOV_TODAY: TODAY };

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
	if (!existsSync(BIN)) throw new Error(`${BIN} findes ikke: byg med make, eller sæt FKIGOV`);
	fk(['init']);
	fk(['import', 'appointments', join(ROOT, 'data', 'demo', 'appointments.csv')]);
	fk(['user', 'add', 'admin', '--role', 'admin'], PASSWORD + '\n');
	fk(['user', 'add', 'viewer', '--role', 'viewer'], PASSWORD + '\n');
	// rf01 sits in Referencegruppe Forretning; sg01 in the steering group only.
	fk(['user', 'add', 'louise', '--role', 'member', '--person', 'rf01'], PASSWORD + '\n');
	fk(['user', 'add', 'mette', '--role', 'member', '--person', 'sg01'], PASSWORD + '\n');
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

// ---------------------------------------------------------------- browser helpers

let BASE = '', browser = null;
const axeSeen = [];

async function context(extra = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', ...extra });
	ctx.setDefaultTimeout(10000);
	return ctx;
}
async function shot(page, name) {
	await page.screenshot({ path: join(SHOTS, `cases-${name}.png`), fullPage: true });
}
async function axe(page, name) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
	const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
	for (const v of r.violations) {
		console.log(`    axe ${name}: ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes.slice(0, 5)) console.log(`      - ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
	}
	axeSeen.push(name);
	check(r.violations.length === 0, `${name}: axe-overtrædelser: ${r.violations.map((v) => v.id).join(', ')}`);
}
// The page as it stands: one h1, lang, no scripts or inline styles, then a screenshot and axe
// (axe only where JavaScript runs).
async function look(page, name, { js = true } = {}) {
	if (js) {
		const b = await page.evaluate(() => ({
			lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
			scripts: document.querySelectorAll('script').length, styles: document.querySelectorAll('[style]').length,
		}));
		check(b.lang === 'da' && b.h1 === 1 && b.scripts === 0 && b.styles === 0, `${name}: ${JSON.stringify(b)}`);
	}
	await shot(page, name);
	if (js) await axe(page, name);
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
const state = (page) => page.locator('dl.case-facts .case-state').innerText();

// ---------------------------------------------------------------- the tests

async function run() {
	const admin = await (await context()).newPage();
	await login(admin, 'admin');

	await test('sager: en sag rejses – først med fejl, så rigtigt', async () => {
		const r = await admin.goto(`${BASE}/cases`);
		check(r.status() === 200, `GET /cases: ${r.status()}`);
		check((await main(admin)).includes('Der er ingen sager endnu'), 'en tom liste siger det');
		await look(admin, 'liste-tom');
		const resp = await submit(admin, admin.getByRole('button', { name: 'Rejs sagen' }));
		check(resp.status() === 400, `en tom formular gav ${resp.status()}, ventede 400`);
		const summary = admin.locator('.error-summary');
		check(await summary.isVisible(), 'fejlopsummeringen vises');
		check((await summary.innerText()).includes('Titel: Skriv titlen.'), 'fejlen ved titlen står i opsummeringen');
		const title = admin.getByLabel('Titel');
		check((await title.getAttribute('aria-invalid')) === 'true', 'titlen er markeret ugyldig');
		check((await title.getAttribute('aria-describedby')).includes('title-fejl'), 'titlens fejl er knyttet til feltet');
		await look(admin, 'rejs-fejl');
		await title.fill('Fælles servicemål for driften');
		await admin.getByLabel('Beskrivelse').fill('Skal kommunerne have fælles servicemål?\nOg hvem følger op?');
		await admin.getByLabel('Rejst af').selectOption({ label: 'Kommunestyregruppe' });
		await admin.getByLabel("SLA'er og servicemål").check();
		await admin.getByLabel('Standardisering', { exact: true }).check();
		const ok = await submit(admin, admin.getByRole('button', { name: 'Rejs sagen' }));
		check(ok.status() === 200 && /\/cases\/sag-1/.test(admin.url()), `efter rejs: ${admin.url()}`);
		check((await admin.locator('.notice.ok').innerText()).includes('Sagen er rejst'), 'kvittering vises');
		check((await state(admin)) === 'Rejst', `status: ${await state(admin)}`);
		check((await admin.locator('.case-text').first().innerText()).includes('hvem følger op'), 'teksten med linjeskift vises');
		await look(admin, 'rejst');
	});

	await test('sager: sekretariatet tildeler sagen en referencegruppe', async () => {
		// Deciding is not offered before there is a recommendation.
		check(await admin.getByRole('button', { name: 'Gem afgørelsen' }).count() === 0, 'ingen afgørelse før indstilling');
		const resp = await submit(admin, admin.getByRole('button', { name: 'Tildel sagen' }));
		check(resp.status() === 400, `tildel uden gruppe gav ${resp.status()}`);
		check((await admin.locator('#assign-to-fejl').innerText()).includes('Vælg den referencegruppe'), 'fejlen står ved gruppen');
		check((await admin.locator('#assign-text-fejl').innerText()).includes('Skriv opgaven'), 'fejlen står ved opgaven');
		await look(admin, 'tildel-fejl');
		await admin.getByLabel('Referencegruppe', { exact: true }).selectOption('rg-forretning');
		await admin.getByLabel('Opgaven til gruppen').fill('Undersøg behovet og kom med en indstilling.');
		await submit(admin, admin.getByRole('button', { name: 'Tildel sagen' }));
		check((await state(admin)) === 'Tildelt', `status: ${await state(admin)}`);
		const tl = admin.locator('ol.case-timeline > li');
		check(await tl.count() === 2, `forløbet har ${await tl.count()} hændelser`);
		check((await tl.nth(1).innerText()).includes('Sagen er tildelt: Referencegruppe Forretning'), 'tildelingen står i forløbet');
	});

	await test('sager: et medlem af en anden gruppe kan ikke afgive indstillingen', async () => {
		const page = await (await context()).newPage();
		await login(page, 'mette');
		await page.goto(`${BASE}/cases/sag-1`);
		check(await page.getByRole('button', { name: 'Afgiv indstillingen' }).count() === 0, 'ingen formular for et andet medlem');
		check((await main(page)).includes('Indstillingen afgives af et medlem af den gruppe'), 'siden siger hvorfor');
		await look(page, 'andet-medlem');
		await page.context().close();
	});

	await test('sager: et medlem af referencegruppen afgiver indstillingen', async () => {
		const page = await (await context()).newPage();
		await login(page, 'louise');
		await page.goto(`${BASE}/cases/sag-1`);
		check(await page.getByRole('button', { name: 'Tildel sagen' }).count() === 0, 'medlemmet kan ikke tildele');
		check(await page.getByRole('button', { name: 'Træk sagen tilbage' }).count() === 0, 'medlemmet kan ikke trække tilbage');
		await page.getByLabel('Indstilling til styregruppen').fill('Referencegruppen indstiller fælles servicemål for drift og support.');
		await submit(page, page.getByRole('button', { name: 'Afgiv indstillingen' }));
		check((await state(page)) === 'Indstillet', `status: ${await state(page)}`);
		check((await page.locator('.case-recommendation').innerText()).includes('fælles servicemål'), 'indstillingen vises');
		check((await page.locator('ol.case-timeline > li').last().innerText()).includes('louise'), 'forløbet viser, hvem der indstillede');
		await look(page, 'indstillet-medlem');
		await page.context().close();
	});

	await test('sager: styregruppen træffer beslutning, og den står i beslutningsloggen', async () => {
		await admin.goto(`${BASE}/cases/sag-1`);
		await admin.getByLabel('Afgørelsen', { exact: true }).fill('Styregruppen beslutter fælles servicemål fra 2027.');
		await admin.getByLabel('Dato for afgørelsen').fill('2026-11-28');
		const bad = await submit(admin, admin.getByRole('button', { name: 'Gem afgørelsen' }));
		check(bad.status() === 400, `afgørelse uden slags og med dato i morgen gav ${bad.status()}`);
		check((await admin.locator('#decide-kind-fejl').innerText()).includes('rådgivning eller træffer beslutning'), 'fejl ved slags');
		check((await admin.locator('#decide-date-fejl').innerText()).includes('efter i dag'), 'fejl ved datoen');
		check((await admin.getByLabel('Afgørelsen', { exact: true }).inputValue()).includes('fælles servicemål fra 2027'), 'det skrevne er bevaret');
		await look(admin, 'afgoer-fejl');
		await admin.getByLabel('Beslutning', { exact: true }).check();
		await admin.getByLabel('Dato for afgørelsen').fill('2026-11-27');
		await admin.getByLabel('Møde').fill('Styregruppemøde 4, 2026');
		await submit(admin, admin.getByRole('button', { name: 'Gem afgørelsen' }));
		check((await state(admin)) === 'Afgjort', `status: ${await state(admin)}`);
		const dec = await admin.locator('.case-decision').innerText();
		check(dec.includes('fælles servicemål fra 2027'), 'afgørelsen vises på sagen');
		check((await main(admin)).includes('Styregruppemøde 4, 2026'), 'mødet vises');
		await look(admin, 'afgjort');
		await admin.goto(`${BASE}/cases`);
		const row = admin.locator('table.case-decisions tbody tr');
		check(await row.count() === 1, `beslutningsloggen har ${await row.count()} rækker`);
		check((await row.first().innerText()).includes('Beslutning'), 'loggen viser slags afgørelse');
		const link = row.first().getByRole('link');
		check((await link.getAttribute('href')) === '/cases/sag-1', 'afgørelsen linker til sagen');
		await look(admin, 'liste');
	});

	await test('sager: sagen lukkes, og et lukket forløb kan ikke ændres', async () => {
		await admin.goto(`${BASE}/cases/sag-1`);
		await submit(admin, admin.getByRole('button', { name: 'Luk sagen' }));
		check((await state(admin)) === 'Lukket', `status: ${await state(admin)}`);
		check(await admin.locator('form.case-action').count() === 0, 'en lukket sag har ingen handlinger');
		const tl = await admin.locator('ol.case-timeline > li h3').allInnerTexts();
		check(JSON.stringify(tl) === JSON.stringify(['Sagen er rejst', 'Sagen er tildelt: Referencegruppe Forretning',
			'Indstilling afgivet', 'Styregruppens afgørelse', 'Sagen er lukket']), `forløbet: ${tl.join(' | ')}`);
		await look(admin, 'lukket');
	});

	await test('sager: uden JavaScript rejses og trækkes en sag tilbage', async () => {
		const ctx = await context({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/cases`);
		await page.getByLabel('Titel').fill('Sag der ikke skal behandles');
		await page.getByLabel('Beskrivelse').fill('Rejst ved en fejl.');
		await page.getByLabel('Rejst af').selectOption('fki-ledelse');
		await submit(page, page.getByRole('button', { name: 'Rejs sagen' }));
		check(/\/cases\/sag-2/.test(page.url()), `efter rejs: ${page.url()}`);
		await submit(page, page.getByRole('button', { name: 'Træk sagen tilbage' }));
		check((await page.locator('#withdraw-text-fejl').innerText()).includes('Skriv begrundelsen'), 'begrundelse kræves');
		await page.getByLabel('Begrundelse').fill('Sagen er rejst ved en fejl.');
		await submit(page, page.getByRole('button', { name: 'Træk sagen tilbage' }));
		check((await state(page)) === 'Trukket tilbage', `status: ${await state(page)}`);
		await look(page, 'trukket-tilbage', { js: false });
		await ctx.close();
	});

	await test('sager: en læser ser sager og forløb, men ingen formularer', async () => {
		const page = await (await context()).newPage();
		await login(page, 'viewer');
		const r = await page.goto(`${BASE}/cases?state=closed`);
		check(r.status() === 200, `GET /cases: ${r.status()}`);
		check(await page.locator('table.case-list tbody tr').count() === 1, 'filteret på status virker');
		check(await page.locator('form[method="post"][action="/cases"]').count() === 0, 'ingen formular til at rejse sager');
		await look(page, 'laeser-liste');
		await page.goto(`${BASE}/cases/sag-1`);
		check(await page.locator('form.case-action').count() === 0, 'ingen handlinger for en læser');
		await page.context().close();
		const anon = await (await context()).newPage();
		await anon.goto(`${BASE}/cases`);
		check(/\/login/.test(anon.url()), `anonyme sendes til login: ${anon.url()}`);
		await anon.context().close();
	});

	await test('mål: et mål tilføjes, og status meldes', async () => {
		await admin.goto(`${BASE}/goals`);
		await look(admin, 'maal-tom');
		await admin.getByLabel('År', { exact: true }).last().fill('27');
		const bad = await submit(admin, admin.getByRole('button', { name: 'Gem målet' }));
		check(bad.status() === 400, `et mål med forkert år gav ${bad.status()}`);
		check((await admin.locator('#new-year-fejl').innerText()).includes('ikke et årstal'), 'fejl ved året');
		await look(admin, 'maal-fejl');
		await admin.locator('#new-year').fill('2027');
		await admin.locator('#new-text').fill('Alle kommuner bruger den fælles integrationsplatform');
		await admin.locator('#new-indicator').fill('Antal kommuner i produktion');
		await admin.locator('#new-target').fill('98 ved udgangen af 2027');
		await admin.locator('#new-set_on').fill('2026-11-20');
		await submit(admin, admin.getByRole('button', { name: 'Gem målet' }));
		check((await admin.locator('.notice.ok').innerText()).includes('Målet er gemt'), 'kvittering');
		check((await main(admin)).includes('Ingen status endnu'), 'målet har ingen status endnu');
		await admin.getByText('Meld status for mål 1').click();
		await admin.getByLabel('Status', { exact: true }).selectOption({ label: 'Forsinket' });
		await admin.getByLabel('Bemærkning').fill('To kommuner mangler at skrive under.');
		await submit(admin, admin.getByRole('button', { name: 'Gem status' }));
		const card = await admin.locator('#maal-1').innerText();
		check(card.includes('Forsinket') && card.includes('To kommuner mangler'), 'status og bemærkning vises');
		check(await admin.locator('#maal-1 table.goal-history tbody tr').count() === 1, 'historikken har én række');
		await look(admin, 'maal');
	});

	await admin.context().close();
}

// ---------------------------------------------------------------- main

try {
	mkdirSync(SHOTS, { recursive: true });
	BASE = await startServer();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
	});
	await run();
} catch (e) {
	failed++;
	console.log(`FEJL: ${e && e.stack || e}`);
} finally {
	if (browser) await browser.close();
	// Wait for the server to exit, so a sanitizer's report at exit is in the log.
	if (server && server.exitCode === null && server.signalCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		stopServer();
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
	}
}
if (/ERROR|AddressSanitizer|runtime error/.test(serverLog)) {
	failed++;
	console.log(`FEJL: serverens log:\n${serverLog.slice(-3000)}`);
}
console.log(`browser (sager): ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
