// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
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
// Usage: node portfolio.mjs [--keep] [--filter TEXT]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (porteføljeoverblik): N passed, N failed".

import {
	addUser, axeSeen, check, fk, focused, initDemo, launchBrowser, login, look, newContext, runSuite, screenshot,
	startServer, submit, suite, tabTo as tabToFocus, test, text,
} from './lib.mjs';

// The set-up runs on 10 January 2027 (FKIGOV_NOW too: the case's events carry times); the
// server on 20 January, and after the status deadline on 10 February (day(): both variables).
const day = (d) => ({ FKIGOV_TODAY: d, FKIGOV_NOW: `${d}T09:00:00Z` });
suite({ label: 'browser (porteføljeoverblik)', name: 'portfolio', env: day('2027-01-10') });
let BASE = '';

// The year 2027, a portfolio of five initiatives (two of rg-forretning, one of each other
// reference group, one of the steering group), a milestone already overdue, a budget, a
// status report and a case recommended by rg-forretning; the secretariat and Louise
// Thygesen (rf01, member of rg-forretning).
function setup() {
	initDemo();
	addUser('admin', 'admin');
	addUser('louise', 'member', 'rf01');
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

// Presses Tab until the focused element matches selector (at most 120 times; throws if never).
const tabTo = (page, selector) => tabToFocus(page, selector, selector, 120, { checkFocus: false });
// Whether the page body scrolls sideways (WCAG 1.4.10: reflow at 320 CSS px).
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

// ---------------------------------------------------------------- the tests

async function run() {
	const member = await (await newContext()).newPage();
	await login(member, 'louise');

	await test('status: medlemmet indsender gruppens status med tastaturet – først med fejl, så rigtigt', async () => {
		await member.goto(`${BASE}/meetings/1`);
		// From the meeting to the form: Tab to the link, Enter.
		await tabTo(member, 'a[href="/meetings/1/status"]');
		await Promise.all([member.waitForNavigation(), member.keyboard.press('Enter')]);
		check(/\/meetings\/1\/status$/.test(member.url()), `formularen: ${member.url()}`);
		const t = await text(member);
		check(t.includes('Status fra Referencegruppe Forretning'), 'gruppens formular');
		check(t.includes('4. februar 2027'), 'fristen står på siden');
		check(await member.locator('#status-fki-1-green').isChecked(), 'seneste status (grøn) er udfyldt');
		await look(member, 'formular', { route: '/meetings/{id}/status' });
		// fki-1: from grøn to gul with the arrow key, no reason; fki-2: grøn with Space.
		await tabTo(member, 'input[name="status-fki-1"]');
		check((await focused(member)).id === 'status-fki-1-green', `fokus på den valgte knap: ${(await focused(member)).id}`);
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
		await look(member, 'formular-fejl', { route: '/meetings/{id}/status' });
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
		await look(member, 'overblik-medlem', { route: '/meetings/{id}/portfolio' });
	});

	await test('status: uden JavaScript indsender sekretariatet efter fristen, og det markeres', async () => {
		BASE = await startServer({ env: day('2027-02-10') });
		const ctx = await newContext({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/meetings/1/status`);
		check((await text(page)).includes('Vælg referencegruppe'), 'sekretariatet vælger gruppe');
		await submit(page, page.getByRole('link', { name: 'Referencegruppe Drift og Forvaltning' }));
		const t = await text(page);
		check(t.includes('Fristen for status var 4. februar 2027') && t.includes('markeret som indsendt efter fristen'), 'høflig besked om fristen');
		await page.getByLabel('Rød').check();
		await page.getByLabel('Begrundelse for Drift af fælles integrationer').fill('Integrationen er nede i flere kommuner.');
		const resp = await submit(page, page.getByRole('button', { name: 'Indsend status' }));
		check(resp.status() === 200 && /\/meetings\/1\/portfolio/.test(page.url()), `efter indsendelse: ${resp.status()} ${page.url()}`);
		check((await page.locator('.notice.ok').innerText()).includes('markeret som for sen'), 'kvittering om for sen');
		const d = await page.locator('#gruppe-rg-drift-forvaltning').innerText();
		check(d.includes('Efter fristen') && d.includes('Rød'), `markeret for sen: ${d.slice(0, 300)}`);
		check((await page.locator('#gruppe-rg-arkitektur-udvikling').innerText()).includes('Status mangler'), 'status mangler for en gruppe');
		await look(page, 'overblik-uden-js', { js: false });
		await ctx.close();
		await member.goto(`${BASE}/`);
		if (/\/login/.test(member.url()) || await member.getByLabel('Brugernavn').count()) await login(member, 'louise');
		await member.goto(`${BASE}/meetings/1/portfolio`);
		await look(member, 'overblik', { route: '/meetings/{id}/portfolio' });
		await member.goto(`${BASE}/meetings/1/status`);
		await look(member, 'formular-efter-fristen', { route: '/meetings/{id}/status' });
	});

	await test('status: 320 px uden vandret rulning, og overblikket kan udskrives', async () => {
		const ctx = await newContext({ viewport: { width: 320, height: 640 } });
		const page = await ctx.newPage();
		await login(page, 'louise');
		for (const [path, name] of [['/meetings/1/portfolio', 'overblik-320'], ['/meetings/1/status', 'formular-320']]) {
			const r = await page.goto(`${BASE}${path}`);
			check(r.status() === 200, `${path}: ${r.status()}`);
			check(!(await sideways(page)), `${path}: siden ruller vandret ved 320 px`);
			await look(page, name);
		}
		await ctx.close();
		await member.goto(`${BASE}/meetings/1/portfolio`);
		await member.emulateMedia({ media: 'print' });
		check(!(await member.locator('.ov-nav').first().isVisible()), 'links og knapper skjules ved udskrift');
		check(!(await member.locator('nav').first().isVisible()), 'menuen skjules ved udskrift');
		check(await member.locator('.ov-table').first().isVisible(), 'tabellerne udskrives');
		await screenshot(member, 'udskrift');
		await member.emulateMedia({ media: 'screen' });
	});

	for (const r of ['/meetings/{id}/status', '/meetings/{id}/portfolio'])
		check(axeSeen.has(r), `axe kørt på ${r}`);
}

await runSuite(async () => {
	setup();
	BASE = await startServer({ env: day('2027-01-20') });
	await launchBrowser();
	await run();
});
