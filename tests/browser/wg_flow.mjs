// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Working groups and the written hearing in headless Chromium, as the users do it: a member
// of a reference group logs in and proposes a working group with its staffing plan, the
// secretariat opens the hearing, members of the steering group answer on the hearing page
// (one with the keyboard only, one with JavaScript off), the secretariat records the other
// answers and the approval, starts the group, adds a member, records the delivery and
// dissolves it. axe-core (WCAG 2.1 A and AA) and the page basics on every page on the way,
// and a screenshot of each in build/screenshots/wg-*.png.
//
// Usage: node wg_flow.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM (see lib.mjs).
// The last line printed is "browser-wg: N passed, N failed".

import {
	addUser, check, initDemo, launchBrowser, look, newPage, runSuite, startServer, submit, suite, test, text,
} from './lib.mjs';

// Every page: the basics, the title, unique ids, aria-describedby that points somewhere, and a
// label on every field.
suite({
	label: 'browser-wg', name: 'wg',
	env: { FKIGOV_TODAY: '2027-03-01' }, // a Monday: the hearing's deadline is Monday 15 March 2027
	pageRules: ['lang', 'title', 'h1', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const SG = ['sg01', 'sg03', 'sg04', 'sg05', 'sg06', 'sg07', 'sg08', 'sg09', 'sg10', 'sg11', 'kl01', 'udk01'];
let BASE = '';

// ---------------------------------------------------------------- the flow

async function run() {
	initDemo();
	addUser('admin', 'admin');
	addUser('louise', 'member', 'rf01');
	addUser('mette', 'member', 'sg01');
	addUser('sofie', 'member', 'sg03');
	addUser('jens', 'member', 'sg04');
	BASE = await startServer();
	await launchBrowser();
	const louise = await newPage('louise');
	const admin = await newPage('admin');
	const mette = await newPage('mette');

	await test('en referencegruppe foreslår en arbejdsgruppe', async () => {
		await louise.goto(`${BASE}/working-groups`);
		await look(louise, 'liste-medlem');
		await submit(louise, louise.getByRole('button', { name: 'Foreslå arbejdsgruppen' }));
		check(await louise.locator('.error-summary li').count() >= 4, 'tom formular: ingen fejlliste');
		await look(louise, 'forslag-fejl');
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
		check(/Arbejdsgruppen er foreslået/.test(await text(louise)), 'ingen besked om forslaget');
		check(/150\.000,00 kr\./.test(await text(louise)), 'ressourcebehovet vises ikke');
		// The staffing plan: a person and a profile.
		await louise.locator('#staff_person').selectOption('rf02');
		await louise.locator('#staff_org').selectOption('referencegruppe');
		await louise.getByLabel('Bemærkning').fill('Formand');
		await submit(louise, louise.getByRole('button', { name: 'Tilføj til bemandingsforslaget' }));
		await louise.locator('#staff_profile').selectOption('it-arkitekt');
		await louise.locator('#staff_org').selectOption('KOMBIT');
		await submit(louise, louise.getByRole('button', { name: 'Tilføj til bemandingsforslaget' }));
		check(/Niels Overgaard[\s\S]*IT-arkitekt/.test(await text(louise)), 'bemandingsforslaget vises ikke');
		await look(louise, 'forslag');
	});

	await test('sekretariatet åbner den skriftlige høring', async () => {
		await admin.goto(`${BASE}/working-groups/ag-1`);
		await look(admin, 'forslag-sekretariat');
		await submit(admin, admin.getByRole('button', { name: 'Åbn høringen' }));
		const t = await text(admin);
		check(/Den skriftlige høring i styregruppen er åbnet/.test(t), 'ingen besked om høringen');
		check(/15\. marts 2027/.test(t), 'fristen 15. marts 2027 vises ikke');
		check(/Mangler svar fra/.test(t), '»Mangler svar fra« vises ikke');
		await look(admin, 'hoering-sekretariat');
	});

	await test('styregruppens medlemmer svarer på høringssiden', async () => {
		await mette.goto(`${BASE}/working-groups/ag-1`);
		await look(mette, 'hoering-medlem');
		await submit(mette, mette.getByRole('button', { name: 'Send svar' }));
		check(await mette.locator('#position-fejl').count() === 1 && await mette.locator('#text-fejl').count() === 1,
			'et tomt svar gav ikke fejl ved felterne');
		await look(mette, 'svar-fejl');
		await mette.getByLabel('Støtter').check();
		await mette.getByLabel('Begrundelse', { exact: true }).fill('God idé; husk snitfladerne til KLE.');
		await submit(mette, mette.getByRole('button', { name: 'Send svar' }));
		check(/Svaret er gemt/.test(await text(mette)), 'ingen kvittering for svaret');
		check(await mette.getByRole('button', { name: 'Gem det rettede svar' }).count() === 1, 'svaret kan ikke rettes');
		// Changed before the deadline.
		await mette.getByLabel('Bemærkning').check();
		await submit(mette, mette.getByRole('button', { name: 'Gem det rettede svar' }));
		check(/Du har svaret: Bemærkning/.test(await text(mette)), 'det rettede svar vises ikke');

		// Keyboard only: focus the first choice, move with the arrow keys, type, submit.
		const sofie = await newPage('sofie');
		await sofie.goto(`${BASE}/working-groups/ag-1`);
		await sofie.locator('#position-stoetter').focus();
		await sofie.keyboard.press('ArrowDown'); // Indsigelse
		await sofie.keyboard.press('Tab');
		await sofie.keyboard.type('For dyrt i år.');
		await sofie.keyboard.press('Tab');
		await Promise.all([sofie.waitForNavigation(), sofie.keyboard.press('Enter')]);
		check(/Du har svaret: Indsigelse/.test(await text(sofie)), 'svar med tastaturet blev ikke gemt');
		await sofie.context().close();

		// JavaScript off.
		const jens = await newPage('jens', { javaScriptEnabled: false });
		await jens.goto(`${BASE}/working-groups/ag-1`);
		await jens.getByLabel('Støtter').check();
		await jens.getByLabel('Begrundelse', { exact: true }).fill('Enig.');
		await submit(jens, jens.getByRole('button', { name: 'Send svar' }));
		check(/Svaret er gemt/.test(await text(jens)), 'uden JS: svaret blev ikke gemt');
		await jens.context().close();
	});

	await test('sekretariatet ser svarene, registrerer resten og godkender', async () => {
		await admin.goto(`${BASE}/working-groups/ag-1`);
		let t = await text(admin);
		check(/For dyrt i år\./.test(t) && /husk snitfladerne/.test(t), 'svarene vises ikke for sekretariatet');
		check(/1 støtter, 1 indsigelse, 1 bemærkning; 9 har ikke svaret/.test(t), 'optællingen er forkert');
		// Not before the deadline while answers are missing.
		await admin.getByLabel('Godkendt').check();
		await submit(admin, admin.getByRole('button', { name: 'Registrér beslutningen' }));
		check(/har ikke svaret endnu/.test(await text(admin)), 'beslutning før fristen blev ikke afvist');
		await look(admin, 'beslutning-for-tidligt');
		for (const p of SG.filter((x) => !['sg01', 'sg03', 'sg04'].includes(x))) {
			await admin.goto(`${BASE}/working-groups/ag-1`);
			await admin.locator('#answer_person').selectOption(p);
			await admin.getByLabel('Støtter').check();
			await admin.getByLabel('Begrundelse', { exact: true }).fill('Enig (pr. e-mail).');
			await submit(admin, admin.getByRole('button', { name: 'Registrér svaret' }));
			check(/Svaret er gemt/.test(await text(admin)), `svaret for ${p} blev ikke gemt`);
		}
		t = await text(admin);
		check(/Alle styregruppens medlemmer har svaret/.test(t), 'der mangler stadig svar');
		check(/registreret af sekretariatet/.test(t), 'svar på et medlems vegne er ikke markeret');
		const summary = await admin.getByLabel('Resumé af svarene og beslutningen').inputValue();
		check(/^10 støtter, 1 indsigelse, 1 bemærkning$/.test(summary), `resuméet er ikke udfyldt med optællingen: ${summary}`);
		await admin.getByLabel('Resumé af svarene og beslutningen').fill(summary + '. Godkendt med fokus på KLE.');
		await admin.getByLabel('Godkendt').check();
		await submit(admin, admin.getByRole('button', { name: 'Registrér beslutningen' }));
		t = await text(admin);
		check(/Styregruppens beslutning er registreret/.test(t) && /Godkendt med fokus på KLE/.test(t),
			'beslutningen vises ikke');
		await look(admin, 'godkendt');
	});

	await test('gruppen startes, bemandes, afleverer og nedlægges', async () => {
		await submit(admin, admin.getByRole('button', { name: 'Start arbejdsgruppen' }));
		check(/Arbejdsgruppen er startet/.test(await text(admin)), 'gruppen blev ikke startet');
		await admin.locator('#member_person').selectOption('rf02');
		await admin.locator('#member_org').selectOption('kommune');
		await admin.locator('#member_municipality').selectOption('751');
		await admin.getByLabel('Rolle').fill('Formand');
		await admin.getByLabel('Første dag', { exact: true }).fill('2027-04-01');
		await submit(admin, admin.getByRole('button', { name: 'Tilføj medlemmet' }));
		check(/Medlemmet er tilføjet/.test(await text(admin)), 'medlemmet blev ikke tilføjet');
		await look(admin, 'i-gang');
		await admin.getByLabel('Forslaget').fill('Anbefaling: fælles brug af KLE.');
		await submit(admin, admin.getByRole('button', { name: 'Registrér afleveringen' }));
		await admin.getByLabel('Nedlægges').fill('2027-09-30');
		await submit(admin, admin.getByRole('button', { name: 'Nedlæg arbejdsgruppen' }));
		const t = await text(admin);
		check(/Arbejdsgruppen er nedlagt/.test(t), 'gruppen blev ikke nedlagt');
		check(await admin.locator('ol.wg-timeline li').count() === 6, 'forløbet har ikke seks skridt');
		await look(admin, 'nedlagt');
		const anon = await newPage(null);
		await anon.goto(`${BASE}/working-groups/ag-1`);
		const a = await text(anon);
		check(/Niels Overgaard/.test(a) && /Nedlagt/.test(a), 'gæster ser ikke sammensætningen');
		check(!/For dyrt i år/.test(a), 'gæster ser høringssvarene');
		await look(anon, 'nedlagt-gaest');
		await anon.goto(`${BASE}/working-groups`);
		await look(anon, 'liste-gaest');
		await anon.setViewportSize({ width: 320, height: 800 });
		const wide = await anon.evaluate(() => document.documentElement.scrollWidth);
		check(wide <= 320, `ved 320 px bredde kan siden rulles vandret (${wide} px)`);
		await anon.context().close();
	});
}

await runSuite(run);
