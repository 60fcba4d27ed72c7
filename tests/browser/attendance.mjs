// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of attendance at meetings (issue 12) in Debian's headless Chromium
// (playwright-core): a member sends apologies on /my without JavaScript (a plain form with
// the CSRF token) and sees them on the meeting page; on the meeting day the secretariat
// records attendance with the apology prefilled, a substitute and a guest, first with an
// error shown next to its field. axe-core (WCAG 2.1 A and AA) on every page visited;
// screenshots at 1280 and 390 px wide in build/screenshots/attendance-*.png.
//
// Usage: node attendance.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (fremmøde): N passed, N failed".
import {
	addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	test, text,
} from './lib.mjs';

const { DB } = suite({
	label: 'browser (fremmøde)', name: 'attendance', env: { FKIGOV_TODAY: '2027-01-20' }, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
void DB;
const PHONE = { width: 390, height: 844 };
let BASE = '';

async function run() {
	await test('fremmøde: medlemmet melder afbud på /my uden JavaScript', async () => {
		const nojs = await (await newContext({ javaScriptEnabled: false })).newPage();
		await login(nojs, 'medlem');
		const r = await nojs.goto(`${BASE}/my#afbud`);
		check(r.status() === 200, `GET /my: ${r.status()}`);
		const card = nojs.locator('#afbud-1');
		check((await card.innerText()).includes('Du holder inspirationsoplægget'), 'medlemmet får at vide, at det holder oplægget');
		await card.getByLabel(/Begrundelse/).fill('Ferie med familien');
		const ok = await submit(nojs, card.getByRole('button', { name: /Meld afbud/ }));
		check(ok.status() === 200, `afbuddet gav ${ok.status()}`);
		const t = await text(nojs);
		check(t.includes('Tak. Dit afbud er registreret'), 'kvittering for afbuddet');
		check((await nojs.locator('#afbud-1').innerText()).includes('Du har meldt afbud. Begrundelse: Ferie med familien'), 'afbuddet står ved mødet');
		await look(nojs, 'my-uden-js', { js: false });
		await nojs.context().close();
		const page = await (await newContext()).newPage();
		await login(page, 'medlem');
		await page.goto(`${BASE}/my#afbud`);
		check(await page.locator('#afbud-1').getByRole('button', { name: /Træk afbud tilbage/ }).isVisible(), 'knappen til at trække afbuddet tilbage');
		await look(page, 'my', { route: '/my' });
		await page.goto(`${BASE}/meetings/1`);
		const m = await page.locator('#fremmoede ~ ul').first().innerText();
		check(m.includes('Mette Kjær') && m.includes('Ferie med familien'), `mødesiden viser afbuddet: ${m}`);
		const insp = await page.locator('dl.facts').innerText();
		check(insp.includes('byttet: afbud'), `oplægget er gået videre: ${insp}`);
		await look(page, 'moede-afbud', { route: '/meetings/{id}' });
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await login(phone, 'medlem');
		await phone.goto(`${BASE}/my#afbud`);
		await look(phone, 'my-390');
		await phone.context().close();
		await page.context().close();
	});

	await test('fremmøde: sekretariatet registrerer fremmøde, stedfortræder og gæst på mødedagen', async () => {
		BASE = await startServer({ env: { FKIGOV_TODAY: '2027-03-04' } });
		const page = await (await newContext()).newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/meetings/1`);
		await page.getByRole('link', { name: 'Registrér fremmøde, stedfortrædere og gæster' }).click();
		await page.waitForLoadState();
		check(page.url().endsWith('/meetings/1/attendance'), `fremmødesiden: ${page.url()}`);
		const mette = page.getByRole('group', { name: 'Mette Kjær' });
		check(await mette.getByLabel('afbud', { exact: true }).isChecked(), 'afbuddet er valgt på forhånd');
		await look(page, 'registrer', { route: '/meetings/{id}/attendance' });
		// A substitute for a member who attended: the error next to the field.
		const sofie = page.getByRole('group', { name: 'Sofie Dahl' });
		await sofie.getByLabel('deltog', { exact: true }).check();
		await sofie.getByLabel(/Stedfortræder/).fill('Ole Hansen');
		let r = await submit(page, page.getByRole('button', { name: 'Gem fremmødet' }));
		check(r.status() === 400, `stedfortræder for en, der deltog: ${r.status()}`);
		check((await page.locator('#substitute-sg03-fejl').innerText()).includes('kun angives for et medlem, der ikke deltog'), 'fejlen står ved feltet');
		check(await page.locator('#substitute-sg03').getAttribute('aria-invalid') === 'true', 'feltet er markeret ugyldigt');
		await look(page, 'registrer-fejl');
		await page.getByRole('group', { name: 'Sofie Dahl' }).getByLabel(/Stedfortræder/).fill('');
		await page.getByRole('group', { name: 'Mette Kjær' }).getByLabel(/Stedfortræder/).fill('Ole Hansen');
		await page.getByRole('group', { name: 'Jens Mølgaard' }).getByLabel('fraværende', { exact: true }).check();
		await page.getByRole('group', { name: 'Hanne Vestergaard' }).getByLabel('deltog', { exact: true }).check();
		r = await submit(page, page.getByRole('button', { name: 'Gem fremmødet' }));
		check(r.status() === 200 && (await text(page)).includes('Fremmødet er gemt.'), `fremmødet gemt: ${r.status()}`);
		await page.getByLabel('Navn', { exact: true }).fill('Kim Berg');
		await page.getByLabel(/Organisation/).fill('Digitaliseringsstyrelsen');
		r = await submit(page, page.getByRole('button', { name: 'Tilføj gæsten' }));
		check(r.status() === 200 && (await text(page)).includes('Gæsten er tilføjet.'), `gæsten tilføjet: ${r.status()}`);
		const ref = await page.locator('#referat ~ dl.facts').innerText();
		check(ref.includes('Ole Hansen (stedfortræder for Mette Kjær)') && ref.includes('Gæst: Kim Berg, Digitaliseringsstyrelsen')
			&& ref.includes('Sofie Dahl') && ref.includes('Jens Mølgaard (fraværende)') && ref.includes('Mette Kjær (afbud)'),
		`referatets lister: ${ref}`);
		await look(page, 'registreret');
		await page.goto(`${BASE}/meetings/1`);
		const mt = await page.locator('#fremmoede ~ dl.facts').innerText();
		check(mt.includes('Ole Hansen (stedfortræder for Mette Kjær)'), `mødesiden viser deltagerne: ${mt}`);
		await look(page, 'moede-fremmoede');
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await login(phone, 'admin');
		await phone.goto(`${BASE}/meetings/1/attendance`);
		await look(phone, 'registrer-390');
		await phone.context().close();
		await page.context().close();
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	addUser('medlem', 'member', 'sg01');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	fk(['meeting', 'inspiration', '1']);
	BASE = await startServer();
	await launchBrowser();
	await run();
});
