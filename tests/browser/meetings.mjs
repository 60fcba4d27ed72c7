// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of the steering group's meetings in Debian's headless Chromium
// (playwright-core): the årshjul and list, a member submitting an agenda proposal — first
// with an error, then right — and seeing it under "Mine frister og forslag"; the
// secretariat accepting it and building the agenda; the member adding the written material
// to the item; the secretariat dispatching the agenda and amending an item; the decision log
// searched; the deadline message after the proposal deadline. axe-core (WCAG 2.1 A and AA)
// on /meetings, /meetings/{id}, /my and /decisions with zero violations, and a screenshot of
// each in build/screenshots/meetings-*.png.
//
// Usage: node meetings.mjs [--keep] [--filter TEXT]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (møder): N passed, N failed".

import {
	addUser, axeSeen, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	test, text,
} from './lib.mjs';

// The CLI and the server run on 20 January 2027 until the last test moves the server to a day
// after the proposal deadline.
suite({ label: 'browser (møder)', name: 'meetings', env: { FKIGOV_TODAY: '2027-01-20' } });
let BASE = '';

function setup() {
	initDemo();
	addUser('admin', 'admin');
	addUser('mette', 'member', 'sg01');
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

// ---------------------------------------------------------------- the tests

async function run() {
	const member = await (await newContext()).newPage();
	const admin = await (await newContext()).newPage();
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
		await look(member, 'aarshjul', { route: '/meetings' });
		await admin.goto(`${BASE}/meetings?year=2027`);
		await look(admin, 'aarshjul-sekretariat', { route: '/meetings' });
	});

	let meetingUrl = '';
	await test('møder: et medlem sender et forslag – først med fejl, så rigtigt', async () => {
		await member.locator('table.meetings').getByRole('link', { name: 'Møde 1/2027' }).click();
		await member.waitForURL(/\/meetings\/1$/);
		meetingUrl = member.url();
		check((await text(member)).includes('Fristen for forslag er 4. februar 2027'), 'fristen står ved formularen');
		await look(member, 'moede-medlem', { route: '/meetings/{id}' });
		const resp = await submit(member, member.getByRole('button', { name: 'Send forslaget' }));
		check(resp.status() === 400, `tom formular: ${resp.status()}`);
		const title = member.getByLabel('Overskrift');
		check((await title.getAttribute('aria-invalid')) === 'true', 'overskriften er markeret ugyldig');
		check((await title.getAttribute('aria-describedby')).includes('prop-title-fejl'), 'fejlen er knyttet til feltet');
		check((await member.locator('#prop-title-fejl').innerText()).includes('Skriv en overskrift'), 'fejlen står ved feltet');
		await look(member, 'forslag-fejl', { route: '/meetings/{id}' });
		await title.fill('Fælles login til de kommunale løsninger');
		await member.getByLabel('Beskrivelse').fill('Vi foreslår en drøftelse af fælles login.');
		await member.getByLabel('Punkttype').selectOption('beslutning');
		await member.getByLabel('Minutter').fill('20');
		const ok = await submit(member, member.getByRole('button', { name: 'Send forslaget' }));
		check(ok.status() === 200, `efter forslag: ${ok.status()}`);
		check((await member.locator('.notice.ok').innerText()).includes('Dit forslag er sendt'), 'kvittering');
		check((await member.locator('ul.proposals').innerText()).includes('Fælles login til de kommunale løsninger'), 'forslaget vises');
		await member.goto(`${BASE}/my`);
		const t = await text(member);
		check(t.includes('Fælles login til de kommunale løsninger') && t.includes('venter på sekretariatet'), 'forslaget under mine forslag');
		check(t.includes('4. februar 2027'), 'fristen under mine frister');
		await look(member, 'mine', { route: '/my' });
	});

	await test('møder: sekretariatet optager forslaget, bygger og udsender dagsordenen', async () => {
		await admin.goto(meetingUrl);
		await look(admin, 'moede-sekretariat', { route: '/meetings/{id}' });
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
		check((await text(member)).includes('Materiale: https://example.dk/notat-om-login.pdf'), 'materialet vises ved punktet');
		await look(member, 'materiale', { route: '/meetings/{id}' });
		await admin.goto(meetingUrl);
		// The dispatch is confirmed on its own page (issue 10).
		await submit(admin, admin.getByRole('link', { name: 'Udsend dagsorden og materiale' }));
		await submit(admin, admin.locator('#udsend button[type=submit]'));
		check((await admin.locator('.notice.ok').innerText()).includes('udsendt'), 'udsendt');
		check((await admin.locator('p.lead').innerText()).includes('udsendt'), 'tilstanden er udsendt');
		check(await admin.getByRole('link', { name: 'Udsend dagsorden og materiale' }).count() === 0, 'kan ikke udsendes igen');
		// An amendment, with its reason shown at the item.
		await admin.locator('#punkt-4 summary', { hasText: 'Ret punkt 4' }).click();
		await admin.locator('#i4-reason').fill('Porteføljen er kortere denne gang');
		await admin.locator('#i4-minutes').fill('20');
		await submit(admin, admin.getByRole('button', { name: 'Gem rettelsen' }));
		check((await admin.locator('#punkt-4').innerText()).includes('Rettelse: Porteføljen er kortere denne gang'), 'rettelsen vises');
		await look(admin, 'udsendt', { route: '/meetings/{id}' });
		await member.goto(meetingUrl);
		check((await text(member)).includes('Rettelse: Porteføljen er kortere denne gang'), 'medlemmet ser rettelsen');
	});

	await test('møder: beslutningsloggen', async () => {
		await member.goto(`${BASE}/decisions`);
		await look(member, 'beslutninger-tom', { route: '/decisions' });
		await member.getByLabel('Søgeord').fill('digitaliseringsstrategi');
		await submit(member, member.getByRole('button', { name: 'Søg' }));
		const t = await text(member);
		check(t.includes('1 fund') && t.includes('fælles digitaliseringsstrategi'), `søgningen finder referatet: ${t.slice(0, 300)}`);
		await look(member, 'beslutninger', { route: '/decisions' });
	});

	await test('møder: efter fristen får medlemmet besked om fristen og hvem der kontaktes', async () => {
		BASE = await startServer({ env: { FKIGOV_TODAY: '2027-05-20' } });
		await member.goto(`${BASE}/`);
		if (/\/login/.test(member.url()) || await member.getByLabel('Brugernavn').count()) await login(member, 'mette');
		await member.goto(`${BASE}/meetings/2`);
		const t = await text(member);
		check(t.includes('Fristen for forslag var 13. maj 2027. Kontakt Sekretariat FKI, hvis punktet skal med alligevel.'), 'beskeden om fristen');
		check(await member.getByRole('button', { name: 'Send forslaget' }).count() === 0, 'ingen formular efter fristen');
		await look(member, 'efter-fristen', { route: '/meetings/{id}' });
	});

	for (const r of ['/meetings', '/meetings/{id}', '/my', '/decisions'])
		check(axeSeen.has(r), `axe kørt på ${r}`);
}

await runSuite(async () => {
	setup();
	BASE = await startServer();
	await launchBrowser();
	await run();
});
