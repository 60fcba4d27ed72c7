// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of the public recruitment call (issue 13) in Debian's headless Chromium
// (playwright-core): a candidate finds the call from the footer, applies with the keyboard
// only, and again without JavaScript after first sending the form empty (the errors next to
// their fields and in a summary); the secretariat makes a round from the prefilled form,
// opens it, scores an application (blind) and reads the decided round's public report. axe-core (WCAG 2.1 A and AA) on every page visited;
// screenshots at 1280 and 390 px in build/screenshots/rounds13-*.png.
//
// Usage: node rounds13.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (rekruttering): N passed, N failed".
import {
	addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite, test,
	text,
} from './lib.mjs';

suite({
	label: 'browser (rekruttering)', name: 'rounds13', env: { FKIGOV_TODAY: '2027-03-01' }, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const PHONE = { width: 390, height: 844 };
let BASE = '';

async function run() {
	await test('rekruttering: en kandidat søger med tastaturet alene', async () => {
		const page = await (await newContext()).newPage();
		await page.goto(`${BASE}/`);
		await page.getByRole('link', { name: 'Ledige pladser' }).click();
		await look(page, 'opslag-liste', { route: '/calls' });
		await page.getByRole('link', { name: /Styregruppen og Forretning 2027/ }).click();
		await look(page, 'opslag', { route: '/calls/{id}' });
		// Keyboard only: Tab to each field in order, type, and press Enter on the button.
		await page.locator('#name').focus();
		await page.keyboard.type('Karen Tastatur');
		await page.keyboard.press('Tab');
		await page.keyboard.type('karen.tastatur@example.dk');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Digitaliseringschef');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Aarhus'); // a select takes the typed name
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space'); // the first group: Kommunestyregruppe
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.type('IT- og');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Jeg vil gerne bidrage.');
		const active = await page.evaluate(() => document.activeElement.id);
		check(active === 'motivation', `fokus efter motivationen: ${active}`);
		await page.locator('button[type=submit]').focus();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		const t = await text(page);
		check(/Dit kvitteringsnummer er FKI-[A-Z2-9]{10}/.test(t), `kvitteringen: ${t.slice(0, 300)}`);
		await look(page, 'kvittering', { route: '/calls/{id}/receipt' });
		await page.context().close();
	});

	await test('rekruttering: uden JavaScript, først med fejl', async () => {
		const nojs = await (await newContext({ javaScriptEnabled: false })).newPage();
		await nojs.goto(`${BASE}/calls/1`);
		let r = await submit(nojs, nojs.getByRole('button', { name: 'Send ansøgning' }));
		check(r.status() === 400, `tom ansøgning gav ${r.status()}`);
		const summary = await nojs.locator('.error-summary').innerText();
		check(summary.includes('Navn: Udfyld dit navn') && summary.includes('Gruppe: Vælg mindst én gruppe'),
			`fejlopsummeringen: ${summary}`);
		await look(nojs, 'opslag-fejl-uden-js', { js: false });
		await nojs.getByLabel('Navn', { exact: true }).fill('Niels Uden Script');
		await nojs.getByLabel('E-mail', { exact: true }).fill('niels@example.dk');
		await nojs.getByLabel('Stilling', { exact: true }).fill('IT-arkitekt');
		await nojs.getByLabel('Kommune', { exact: true }).selectOption('101');
		await nojs.getByLabel('Referencegruppe Forretning', { exact: true }).check();
		await nojs.getByLabel('Profil', { exact: true }).selectOption({ label: 'Fagperson med digitale kompetencer' });
		await nojs.getByLabel('Motivation', { exact: true }).fill('Arkitektur er mit fag.');
		r = await submit(nojs, nojs.getByRole('button', { name: 'Send ansøgning' }));
		check(r.status() === 200 && (await text(nojs)).includes('Tak for din ansøgning'), `ansøgningen uden JavaScript: ${r.status()}`);
		await nojs.context().close();
		const apps = JSON.parse(fk(['round', 'applications', '1', '--json'])).applications;
		check(apps.length === 2 && apps.some((a) => a.name === 'Niels Uden Script'), `ansøgningerne: ${apps.length}`);
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await phone.goto(`${BASE}/calls/1`);
		await look(phone, 'opslag-390');
		await phone.context().close();
	});
}

async function secretariat() {
	await test('rekruttering: sekretariatet opretter og åbner en runde, vurderer, og rapporten læses', async () => {
		const page = await (await newContext()).newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/rounds`);
		await look(page, 'runder', { route: '/rounds' });
		const free = await page.locator('#seats-rg-drift-forvaltning').inputValue();
		check(/^[0-9]+$/.test(free), `ledige pladser er udfyldt: ${free}`);
		await page.getByLabel('Titel').fill('Drift og Forvaltning 2027');
		await page.locator('#first_day').fill('1-8-2027');
		await page.locator('#deadline').fill('1-6-2027');
		await page.locator('#seats-rg-drift-forvaltning').fill('1');
		let r = await submit(page, page.getByRole('button', { name: 'Opret runden som kladde' }));
		check(r.status() === 200 && /\/rounds\/2$/.test(page.url()), `runden er oprettet: ${page.url()}`);
		await look(page, 'runde-kladde', { route: '/rounds/{id}' });
		r = await submit(page, page.getByRole('button', { name: 'Åbn for ansøgninger' }));
		check((await text(page)).includes('Åben for ansøgninger'), 'runden er åbnet');
		// Round 1 after its deadline: closed for applications, scored by the secretariat.
		fk(['round', 'evaluate', '1'], undefined, { FKIGOV_TODAY: '2027-04-16' });
		await page.goto(`${BASE}/applications/1`);
		check((await text(page)).includes('når du selv har givet point på alle kriterier'), 'blindt: ingen andres point');
		await look(page, 'ansoegning', { route: '/applications/{id}' });
		const radios = page.locator('fieldset input[type=radio][value="4"]');
		for (let i = 0; i < await radios.count(); i++) await radios.nth(i).check();
		const reasons = page.locator('fieldset textarea');
		for (let i = 0; i < await reasons.count(); i++) await reasons.nth(i).fill('Relevant erfaring');
		r = await submit(page, page.getByRole('button', { name: 'Gem point' }));
		check((await text(page)).includes('Gemt. Tak for din vurdering'), 'pointene er gemt');
		await page.context().close();
		// The rest from the command line, then the public report.
		const apps = JSON.parse(fk(['round', 'applications', '1', '--json'])).applications;
		for (const a of apps)
			for (const who of ['admin', 'eva'])
				fk(['round', 'mark', String(a.id), '--as', who, '--mark', 'profil=4', '--mark', 'netvaerk=3', '--mark', 'k98=4',
					'--mark', 'samarbejde=3', '--reason-profil', 'a', '--reason-netvaerk', 'b', '--reason-k98', 'c',
					'--reason-samarbejde', 'd'], undefined, { FKIGOV_TODAY: '2027-04-16' });
		fk(['round', 'recommend', '1'], undefined, { FKIGOV_TODAY: '2027-04-16' });
		const sec = await (await newContext()).newPage();
		await login(sec, 'admin');
		await sec.goto(`${BASE}/rounds/1`);
		const rec = await text(sec);
		check(rec.includes('Indstilling') && rec.includes('Reglerne på første dag') && rec.includes('De næste fem år'),
			'indstillingen med regler og fremskrivning');
		await sec.locator('details.k98 summary').click();
		await look(sec, 'runde-indstillet');
		await submit(sec, sec.getByRole('button', { name: 'Beslut som indstillet' }));
		check((await text(sec)).includes('Besluttet'), 'besluttet fra siden');
		await look(sec, 'runde-besluttet');
		await sec.context().close();
		const pub = await (await newContext()).newPage();
		r = await pub.goto(`${BASE}/calls/1/report`);
		check(r.status() === 200 && (await text(pub)).includes('Udpeget'), `rapporten: ${r.status()}`);
		await look(pub, 'rapport', { route: '/calls/{id}/report' });
		await pub.context().close();
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	addUser('eva', 'admin');
	fk(['round', 'create', '--title', 'Styregruppen og Forretning 2027', '--first-day', '2027-07-01', '--deadline',
		'2027-04-15', '--body', 'styregruppe:2:it-digitaliseringschef', '--body', 'rg-forretning:1']);
	fk(['round', 'open', '1']);
	BASE = await startServer();
	await launchBrowser();
	await run();
	await secretariat();
});
