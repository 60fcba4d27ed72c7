// Working groups and the written hearing in headless Chromium, as the users do it: a member
// of a reference group logs in and proposes a working group with its staffing plan, the
// secretariat opens the hearing, members of the steering group answer on the hearing page
// (one with the keyboard only, one with JavaScript off), the secretariat records the other
// answers and the approval, starts the group, adds a member, records the delivery and
// dissolves it. axe-core (WCAG 2.1 A and AA) and the page basics on every page on the way,
// and a screenshot of each in build/screenshots/wg-*.png.
//
// Usage: node wg_flow.mjs [--keep]      Environment: FKIGOV, CHROMIUM (as run.mjs).
// The last line printed is "browser-wg: N passed, N failed".

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
const TODAY = '2027-03-01'; // a Monday: the hearing's deadline is Monday 15 March 2027
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	resultTypes: ['violations'],
};
const LAUNCH = {
	executablePath: CHROMIUM,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync',
		'--disable-dev-shm-usage'],
};
const keep = process.argv.includes('--keep');
const SG = ['sg01', 'sg03', 'sg04', 'sg05', 'sg06', 'sg07', 'sg08', 'sg09', 'sg10', 'sg11', 'kl01', 'udk01'];

// ---------------------------------------------------------------- results

const results = { passed: 0, failed: 0 };
let failures = null;

function check(cond, what) {
	if (!cond) {
		failures.push(what);
		console.log(`    FEJL: ${what}`);
	}
	return !!cond;
}

async function step(name, fn) {
	failures = [];
	try {
		await fn();
	} catch (e) {
		failures.push(String(e && e.message || e));
		console.log(`    FEJL (undtagelse): ${String(e && e.message || e).split('\n').slice(0, 6).join('\n      ')}`);
	}
	if (failures.length) results.failed++;
	else results.passed++;
	console.log(`${failures.length ? 'FAIL' : 'ok  '} ${name}`);
	return failures.length === 0;
}

// ---------------------------------------------------------------- server

const tmp = mkdtempSync(join(os.tmpdir(), 'fkigov-wg-browser-'));
const DB = join(tmp, 'fkigov.db');
let server = null;
let serverLog = '';

function fk(args, input) {
	const p = spawnSync(BIN, ['--db', DB, ...args], {
		input, encoding: 'utf8', env: { ...process.env, FKIGOV_ACTOR: 'browser-test', FKIGOV_TODAY: TODAY },
	});
	if (p.error || p.status !== 0)
		throw new Error(`fkigov ${args.join(' ')}: ${p.error || p.status}\n${p.stdout}${p.stderr}`);
	return p.stdout;
}

function freePort() {
	return new Promise((res, rej) => {
		const s = net.createServer();
		s.on('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => res(port));
		});
	});
}

function stopServer() {
	if (server && server.exitCode === null && server.signalCode === null) {
		try { server.kill('SIGTERM'); } catch { /* gone */ }
	}
}
process.on('exit', () => {
	stopServer();
	if (!keep) rmSync(tmp, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.on(sig, () => { stopServer(); process.exit(130); });

async function startServer() {
	if (!existsSync(BIN)) throw new Error(`${BIN} findes ikke: byg med make, eller sæt FKIGOV`);
	fk(['init']);
	fk(['import', 'appointments', join(ROOT, 'data', 'demo', 'appointments.csv')]);
	fk(['user', 'add', 'admin', '--role', 'admin'], PASSWORD + '\n');
	fk(['user', 'add', 'louise', '--role', 'member', '--person', 'rf01'], PASSWORD + '\n');
	fk(['user', 'add', 'mette', '--role', 'member', '--person', 'sg01'], PASSWORD + '\n');
	fk(['user', 'add', 'sofie', '--role', 'member', '--person', 'sg03'], PASSWORD + '\n');
	fk(['user', 'add', 'jens', '--role', 'member', '--person', 'sg04'], PASSWORD + '\n');
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	server = spawn(BIN, ['--db', DB, 'serve', '--listen', `127.0.0.1:${port}`], {
		env: { ...process.env, FKIGOV_TODAY: TODAY, FKIGOV_ACTOR: 'browser-test' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const collect = (d) => { serverLog += d; if (serverLog.length > 200000) serverLog = serverLog.slice(-100000); };
	server.stdout.on('data', collect);
	server.stderr.on('data', collect);
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) break;
		try {
			const r = await fetch(`${base}/static/app.css`);
			await r.arrayBuffer();
			if (r.ok) return base;
		} catch { /* not yet */ }
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`fkigov serve svarer ikke:\n${serverLog}`);
}

// ---------------------------------------------------------------- browser helpers

let BASE = '';
let browser = null;

async function newPage(user, extra = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', ...extra });
	ctx.setDefaultTimeout(10000);
	const page = await ctx.newPage();
	if (user) {
		await page.goto(`${BASE}/login`);
		await page.getByLabel('Brugernavn').fill(user);
		await page.getByLabel('Adgangskode').fill(PASSWORD);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
			page.getByRole('button', { name: 'Log ind' }).click()]);
	}
	return page;
}

async function axe(page, name) {
	const has = await page.evaluate(() => typeof window.axe === 'object');
	if (!has) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
	const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
	for (const v of r.violations) {
		console.log(`    axe ${name}: ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes) console.log(`      - ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
	}
	check(r.violations.length === 0, `${name}: ${r.violations.length} axe-overtrædelse(r): ${r.violations.map((v) => v.id).join(', ')}`);
}

async function basics(page, name) {
	const b = await page.evaluate(() => ({
		lang: document.documentElement.lang, title: document.title,
		h1: document.querySelectorAll('h1').length,
		scripts: document.querySelectorAll('script').length,
		inlineStyles: document.querySelectorAll('[style]').length,
		ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
		described: [...document.querySelectorAll('[aria-describedby]')].flatMap((e) => e.getAttribute('aria-describedby').split(/\s+/)),
		labels: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
			.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name),
	}));
	check(b.lang === 'da', `${name}: <html lang="da"> mangler`);
	check(/ – fkigov$/.test(b.title), `${name}: titlen er »${b.title}«`);
	check(b.h1 === 1, `${name}: ${b.h1} h1-overskrifter`);
	check(b.scripts === 0 && b.inlineStyles === 0, `${name}: script eller style="" på siden`);
	const dup = b.ids.filter((id, i) => b.ids.indexOf(id) !== i);
	check(dup.length === 0, `${name}: id'er bruges flere gange: ${[...new Set(dup)].join(', ')}`);
	const dangling = b.described.filter((id) => !b.ids.includes(id));
	check(dangling.length === 0, `${name}: aria-describedby peger på id'er, der ikke findes: ${dangling.join(', ')}`);
	check(b.labels.length === 0, `${name}: felter uden label: ${b.labels.join(', ')}`);
}

const shots = new Set();
async function audit(page, name) {
	await basics(page, name);
	let n = `wg-${name}`, k = 2;
	while (shots.has(n)) n = `wg-${name}-${k++}`;
	shots.add(n);
	await page.screenshot({ path: join(SHOTS, `${n}.png`), fullPage: true });
	await axe(page, name);
}

async function submit(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

const main = (page) => page.locator('main').innerText();

// ---------------------------------------------------------------- the flow

async function run() {
	mkdirSync(SHOTS, { recursive: true });
	BASE = await startServer();
	browser = await chromium.launch(LAUNCH);
	const louise = await newPage('louise');
	const admin = await newPage('admin');
	const mette = await newPage('mette');

	await step('en referencegruppe foreslår en arbejdsgruppe', async () => {
		await louise.goto(`${BASE}/working-groups`);
		await audit(louise, 'liste-medlem');
		await submit(louise, louise.getByRole('button', { name: 'Foreslå arbejdsgruppen' }));
		check(await louise.locator('.error-summary li').count() >= 4, 'tom formular: ingen fejlliste');
		await audit(louise, 'forslag-fejl');
		// The summary's links lead to the fields.
		await louise.locator('.error-summary a').first().click();
		check(await louise.evaluate(() => location.hash) === '#topic', 'fejllinket fører ikke til feltet');
		await louise.getByLabel('Emne').fill('Fælles klassifikation af sager');
		await louise.getByLabel('Spørgsmål').fill('Hvordan kan kommunerne klassificere sager ens, så data kan deles?');
		await louise.getByLabel('Rapporterer til').selectOption('rg-forretning');
		await louise.getByLabel('Første dag').fill('2027-04-01');
		await louise.getByLabel('Sidste dag').fill('2027-09-30');
		await louise.getByLabel('Timer').fill('300');
		await louise.getByLabel('Kroner').fill('150.000');
		await submit(louise, louise.getByRole('button', { name: 'Foreslå arbejdsgruppen' }));
		check(new URL(louise.url()).pathname === '/working-groups/ag-1', `endte på ${louise.url()}`);
		check(/Arbejdsgruppen er foreslået/.test(await main(louise)), 'ingen besked om forslaget');
		check(/150\.000 kr\./.test(await main(louise)), 'ressourcebehovet vises ikke');
		// The staffing plan: a person and a profile.
		await louise.locator('#staff_person').selectOption('rf02');
		await louise.locator('#staff_org').selectOption('referencegruppe');
		await louise.getByLabel('Bemærkning').fill('Formand');
		await submit(louise, louise.getByRole('button', { name: 'Tilføj til bemandingsforslaget' }));
		await louise.locator('#staff_profile').selectOption('it-arkitekt');
		await louise.locator('#staff_org').selectOption('KOMBIT');
		await submit(louise, louise.getByRole('button', { name: 'Tilføj til bemandingsforslaget' }));
		check(/Niels Overgaard[\s\S]*IT-arkitekt/.test(await main(louise)), 'bemandingsforslaget vises ikke');
		await audit(louise, 'forslag');
	});

	await step('sekretariatet åbner den skriftlige høring', async () => {
		await admin.goto(`${BASE}/working-groups/ag-1`);
		await audit(admin, 'forslag-sekretariat');
		await submit(admin, admin.getByRole('button', { name: 'Åbn høringen' }));
		const t = await main(admin);
		check(/Den skriftlige høring i styregruppen er åbnet/.test(t), 'ingen besked om høringen');
		check(/15\. marts 2027/.test(t), 'fristen 15. marts 2027 vises ikke');
		check(/Mangler svar fra/.test(t), '»Mangler svar fra« vises ikke');
		await audit(admin, 'hoering-sekretariat');
	});

	await step('styregruppens medlemmer svarer på høringssiden', async () => {
		await mette.goto(`${BASE}/working-groups/ag-1`);
		await audit(mette, 'hoering-medlem');
		await submit(mette, mette.getByRole('button', { name: 'Send svar' }));
		check(await mette.locator('#position-fejl').count() === 1 && await mette.locator('#text-fejl').count() === 1,
			'et tomt svar gav ikke fejl ved felterne');
		await audit(mette, 'svar-fejl');
		await mette.getByLabel('Støtter').check();
		await mette.getByLabel('Begrundelse', { exact: true }).fill('God idé; husk snitfladerne til KLE.');
		await submit(mette, mette.getByRole('button', { name: 'Send svar' }));
		check(/Svaret er gemt/.test(await main(mette)), 'ingen kvittering for svaret');
		check(await mette.getByRole('button', { name: 'Gem det rettede svar' }).count() === 1, 'svaret kan ikke rettes');
		// Changed before the deadline.
		await mette.getByLabel('Bemærkning').check();
		await submit(mette, mette.getByRole('button', { name: 'Gem det rettede svar' }));
		check(/Du har svaret: Bemærkning/.test(await main(mette)), 'det rettede svar vises ikke');

		// Keyboard only: focus the first choice, move with the arrow keys, type, submit.
		const sofie = await newPage('sofie');
		await sofie.goto(`${BASE}/working-groups/ag-1`);
		await sofie.locator('#position-stoetter').focus();
		await sofie.keyboard.press('ArrowDown'); // Indsigelse
		await sofie.keyboard.press('Tab');
		await sofie.keyboard.type('For dyrt i år.');
		await sofie.keyboard.press('Tab');
		await Promise.all([sofie.waitForNavigation(), sofie.keyboard.press('Enter')]);
		check(/Du har svaret: Indsigelse/.test(await main(sofie)), 'svar med tastaturet blev ikke gemt');
		await sofie.context().close();

		// JavaScript off.
		const jens = await newPage('jens', { javaScriptEnabled: false });
		await jens.goto(`${BASE}/working-groups/ag-1`);
		await jens.getByLabel('Støtter').check();
		await jens.getByLabel('Begrundelse', { exact: true }).fill('Enig.');
		await submit(jens, jens.getByRole('button', { name: 'Send svar' }));
		check(/Svaret er gemt/.test(await main(jens)), 'uden JS: svaret blev ikke gemt');
		await jens.context().close();
	});

	await step('sekretariatet ser svarene, registrerer resten og godkender', async () => {
		await admin.goto(`${BASE}/working-groups/ag-1`);
		let t = await main(admin);
		check(/For dyrt i år\./.test(t) && /husk snitfladerne/.test(t), 'svarene vises ikke for sekretariatet');
		check(/1 støtter, 1 indsigelse, 1 bemærkning; 9 har ikke svaret/.test(t), 'optællingen er forkert');
		// Not before the deadline while answers are missing.
		await admin.getByLabel('Godkendt').check();
		await submit(admin, admin.getByRole('button', { name: 'Registrér beslutningen' }));
		check(/har ikke svaret endnu/.test(await main(admin)), 'beslutning før fristen blev ikke afvist');
		await audit(admin, 'beslutning-for-tidligt');
		for (const p of SG.filter((x) => !['sg01', 'sg03', 'sg04'].includes(x))) {
			await admin.goto(`${BASE}/working-groups/ag-1`);
			await admin.locator('#answer_person').selectOption(p);
			await admin.getByLabel('Støtter').check();
			await admin.getByLabel('Begrundelse', { exact: true }).fill('Enig (pr. e-mail).');
			await submit(admin, admin.getByRole('button', { name: 'Registrér svaret' }));
			check(/Svaret er gemt/.test(await main(admin)), `svaret for ${p} blev ikke gemt`);
		}
		t = await main(admin);
		check(/Alle styregruppens medlemmer har svaret/.test(t), 'der mangler stadig svar');
		check(/registreret af sekretariatet/.test(t), 'svar på et medlems vegne er ikke markeret');
		const summary = await admin.getByLabel('Resumé af svarene og beslutningen').inputValue();
		check(/^10 støtter, 1 indsigelse, 1 bemærkning$/.test(summary), `resuméet er ikke udfyldt med optællingen: ${summary}`);
		await admin.getByLabel('Resumé af svarene og beslutningen').fill(summary + '. Godkendt med fokus på KLE.');
		await admin.getByLabel('Godkendt').check();
		await submit(admin, admin.getByRole('button', { name: 'Registrér beslutningen' }));
		t = await main(admin);
		check(/Styregruppens beslutning er registreret/.test(t) && /Godkendt med fokus på KLE/.test(t),
			'beslutningen vises ikke');
		await audit(admin, 'godkendt');
	});

	await step('gruppen startes, bemandes, afleverer og nedlægges', async () => {
		await submit(admin, admin.getByRole('button', { name: 'Start arbejdsgruppen' }));
		check(/Arbejdsgruppen er startet/.test(await main(admin)), 'gruppen blev ikke startet');
		await admin.locator('#member_person').selectOption('rf02');
		await admin.locator('#member_org').selectOption('kommune');
		await admin.locator('#member_municipality').selectOption('751');
		await admin.getByLabel('Rolle').fill('Formand');
		await admin.getByLabel('Første dag', { exact: true }).fill('2027-04-01');
		await submit(admin, admin.getByRole('button', { name: 'Tilføj medlemmet' }));
		check(/Medlemmet er tilføjet/.test(await main(admin)), 'medlemmet blev ikke tilføjet');
		await audit(admin, 'i-gang');
		await admin.getByLabel('Forslaget').fill('Anbefaling: fælles brug af KLE.');
		await submit(admin, admin.getByRole('button', { name: 'Registrér afleveringen' }));
		await admin.getByLabel('Nedlægges').fill('2027-09-30');
		await submit(admin, admin.getByRole('button', { name: 'Nedlæg arbejdsgruppen' }));
		const t = await main(admin);
		check(/Arbejdsgruppen er nedlagt/.test(t), 'gruppen blev ikke nedlagt');
		check(await admin.locator('ol.wg-timeline li').count() === 6, 'forløbet har ikke seks skridt');
		await audit(admin, 'nedlagt');
		const anon = await newPage(null);
		await anon.goto(`${BASE}/working-groups/ag-1`);
		const a = await main(anon);
		check(/Niels Overgaard/.test(a) && /Nedlagt/.test(a), 'gæster ser ikke sammensætningen');
		check(!/For dyrt i år/.test(a), 'gæster ser høringssvarene');
		await audit(anon, 'nedlagt-gaest');
		await anon.goto(`${BASE}/working-groups`);
		await audit(anon, 'liste-gaest');
		await anon.setViewportSize({ width: 320, height: 800 });
		const wide = await anon.evaluate(() => document.documentElement.scrollWidth);
		check(wide <= 320, `ved 320 px bredde kan siden rulles vandret (${wide} px)`);
		await anon.context().close();
	});
}

try {
	await run();
} catch (e) {
	results.failed++;
	console.log(`FAIL opsætning: ${e && e.stack || e}`);
} finally {
	if (browser) await browser.close();
	stopServer();
}
console.log(`browser-wg: ${results.passed} passed, ${results.failed} failed`);
process.exitCode = results.failed ? 1 : 0;
