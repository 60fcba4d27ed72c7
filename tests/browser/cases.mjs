// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of cases (sager) and goals in Debian's headless Chromium (playwright-core):
// a case from raised to decided and closed as the secretariat and a member of the reference
// group do it in the browser — forms with errors first, then right — the decision in the
// decision log, a withdrawn case with JavaScript turned off, the goals with a status
// report, what a viewer and a member of another group see; axe-core (WCAG 2.1 A and AA) on
// every page visited and a screenshot of each in build/screenshots/cases-*.png.
//
// Usage: node cases.mjs [--keep] [--filter TEXT]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (sager): N passed, N failed".

import {
	addUser, check, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite, test, text,
} from './lib.mjs';

// At the end the server's log is read: an error or a sanitizer's report in it fails the suite.
suite({ label: 'browser (sager)', name: 'cases', env: { FKIGOV_TODAY: '2026-11-27' }, serverLogCheck: true });
let BASE = '';
const state = (page) => page.locator('dl.case-facts .case-state').innerText();

// ---------------------------------------------------------------- the tests

async function run() {
	const admin = await (await newContext()).newPage();
	await login(admin, 'admin');

	await test('sager: en sag rejses – først med fejl, så rigtigt', async () => {
		const r = await admin.goto(`${BASE}/cases`);
		check(r.status() === 200, `GET /cases: ${r.status()}`);
		check((await text(admin)).includes('Der er ingen sager endnu'), 'en tom liste siger det');
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
		const page = await (await newContext()).newPage();
		await login(page, 'mette');
		await page.goto(`${BASE}/cases/sag-1`);
		check(await page.getByRole('button', { name: 'Afgiv indstillingen' }).count() === 0, 'ingen formular for et andet medlem');
		check((await text(page)).includes('Indstillingen afgives af et medlem af den gruppe'), 'siden siger hvorfor');
		await look(page, 'andet-medlem');
		await page.context().close();
	});

	await test('sager: et medlem af referencegruppen afgiver indstillingen', async () => {
		const page = await (await newContext()).newPage();
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
		check((await text(admin)).includes('Styregruppemøde 4, 2026'), 'mødet vises');
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
		const ctx = await newContext({ javaScriptEnabled: false });
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
		const page = await (await newContext()).newPage();
		await login(page, 'viewer');
		const r = await page.goto(`${BASE}/cases?state=closed`);
		check(r.status() === 200, `GET /cases: ${r.status()}`);
		check(await page.locator('table.case-list tbody tr').count() === 1, 'filteret på status virker');
		check(await page.locator('form[method="post"][action="/cases"]').count() === 0, 'ingen formular til at rejse sager');
		await look(page, 'laeser-liste');
		await page.goto(`${BASE}/cases/sag-1`);
		check(await page.locator('form.case-action').count() === 0, 'ingen handlinger for en læser');
		await page.context().close();
		const anon = await (await newContext()).newPage();
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
		check((await text(admin)).includes('Ingen status endnu'), 'målet har ingen status endnu');
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

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	addUser('viewer', 'viewer');
	// rf01 sits in Referencegruppe Forretning; sg01 in the steering group only.
	addUser('louise', 'member', 'rf01');
	addUser('mette', 'member', 'sg01');
	BASE = await startServer();
	await launchBrowser();
	await run();
});
