// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// The iCalendar feeds (GET /calendar/bodies/{id}.ics and /calendar/people/{key}.ics) read by an
// independent parser, ical.js: a real server on a temporary database with the demo register
// and the steering group's 2027 plan; both feeds fetched twice and parsed; the calendar's
// PRODID, VERSION and X-WR-CALNAME; the VTIMEZONE for Europe/Copenhagen with its daylight-saving
// rules (a winter and a summer meeting land on the right UTC instants); meetings as timed
// events and deadlines as all-day events with the dates of the plan; UIDs the same in both
// fetches; unknown feeds 404. No browser needed.
//
// Usage: node ical.mjs [--keep]   Environment: FKIGOV (default build/fkigov).
// The last line printed is "ical: N passed, N failed".

import ICAL from 'ical.js';
import { check, fk, initDemo, runSuite, startServer, suite } from './lib.mjs';

// No tests here: each check counts by itself.
suite({ label: 'ical', name: 'ical', actor: 'ical-test', env: { FKIGOV_TODAY: '2027-01-20' }, countChecks: true });

// Fetches and parses a feed: {status, ctype, cal, events: [{uid, summary, start, end, allDay, tzid}]}.
async function feed(base, path) {
	const r = await fetch(base + path);
	const text = await r.text();
	if (r.status !== 200) return { status: r.status };
	const cal = new ICAL.Component(ICAL.parse(text));
	for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
	const events = cal.getAllSubcomponents('vevent').map((v) => {
		const e = new ICAL.Event(v);
		return {
			uid: e.uid, summary: e.summary, description: e.description, start: e.startDate, end: e.endDate,
			allDay: e.startDate.isDate, tzid: v.getFirstProperty('dtstart').getParameter('tzid'),
		};
	});
	return { status: r.status, ctype: r.headers.get('content-type'), text, cal, events };
}

async function checkFeed(base, path, name) {
	const a = await feed(base, path), b = await feed(base, path);
	if (!check(a.status === 200, `${path}: status ${a.status}`)) return;
	check(/^text\/calendar/.test(a.ctype), `${path}: Content-Type ${a.ctype}`);
	check(a.text.includes('\r\n'), `${path}: lines end in CRLF`);
	check(a.cal.getFirstPropertyValue('version') === '2.0', `${path}: VERSION 2.0`);
	check(/fkigov/.test(a.cal.getFirstPropertyValue('prodid') || ''), `${path}: PRODID`);
	check((a.cal.getFirstPropertyValue('x-wr-calname') || '').includes(name), `${path}: X-WR-CALNAME ${a.cal.getFirstPropertyValue('x-wr-calname')}`);
	const tz = a.cal.getFirstSubcomponent('vtimezone');
	check(tz && tz.getFirstPropertyValue('tzid') === 'Europe/Copenhagen', `${path}: VTIMEZONE Europe/Copenhagen`);
	check(tz && tz.getAllSubcomponents('daylight').length === 1 && tz.getAllSubcomponents('standard').length === 1,
		`${path}: the time zone has its daylight-saving and standard rules`);
	const meetings = a.events.filter((e) => /^meeting-\d+@fkigov$/.test(e.uid));
	const deadlines = a.events.filter((e) => /^deadline-(proposals|statuses|dispatch)-\d+@fkigov$/.test(e.uid));
	check(meetings.length === 4, `${path}: 4 meetings, got ${meetings.length}`);
	check(deadlines.length === 12, `${path}: 12 deadlines, got ${deadlines.length}`);
	check(meetings.every((e) => !e.allDay && e.tzid === 'Europe/Copenhagen'), `${path}: meetings timed in Europe/Copenhagen`);
	check(deadlines.every((e) => e.allDay), `${path}: deadlines are all-day events`);
	const m1 = meetings.find((e) => e.uid === 'meeting-1@fkigov');
	const m2 = meetings.find((e) => e.uid === 'meeting-2@fkigov');
	// 4 March 2027 09:00 CET = 08:00 UTC; 10 June 2027 09:00 CEST = 07:00 UTC.
	check(m1 && new Date(m1.start.toUnixTime() * 1000).toISOString() === '2027-03-04T08:00:00.000Z',
		`${path}: meeting 1 starts 09:00 CET: ${m1 && new Date(m1.start.toUnixTime() * 1000).toISOString()}`);
	check(m1 && new Date(m1.end.toUnixTime() * 1000).toISOString() === '2027-03-04T12:00:00.000Z', `${path}: meeting 1 ends 13:00 CET`);
	check(m2 && new Date(m2.start.toUnixTime() * 1000).toISOString() === '2027-06-10T07:00:00.000Z',
		`${path}: meeting 2 starts 09:00 CEST: ${m2 && new Date(m2.start.toUnixTime() * 1000).toISOString()}`);
	check(m1 && /Styregruppemøde 1\/2027/.test(m1.summary), `${path}: Danish summary: ${m1 && m1.summary}`);
	const p1 = deadlines.find((e) => e.uid === 'deadline-proposals-1@fkigov');
	check(p1 && p1.start.toString() === '2027-02-04' && p1.end.toString() === '2027-02-05', `${path}: proposal deadline 4 February: ${p1 && p1.start}`);
	check(p1 && /Frist for forslag/.test(p1.summary), `${path}: Danish deadline summary`);
	const d1 = deadlines.find((e) => e.uid === 'deadline-dispatch-1@fkigov');
	check(d1 && d1.start.toString() === '2027-02-18', `${path}: dispatch 18 February`);
	const uids = (f) => f.events.map((e) => e.uid).sort().join(' ');
	check(uids(a) === uids(b), `${path}: UIDs stable across two fetches`);
	check(new Set(a.events.map((e) => e.uid)).size === a.events.length, `${path}: UIDs unique`);
	check(a.events.every((e) => e.uid && e.summary), `${path}: every event has UID and SUMMARY`);
	check(a.cal.getAllSubcomponents('vevent').every((v) => v.getFirstPropertyValue('dtstamp')), `${path}: every event has DTSTAMP`);
}

await runSuite(async () => {
	initDemo();
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	const base = await startServer();
	await checkFeed(base, '/calendar/bodies/styregruppe.ics', 'Kommunestyregruppe');
	await checkFeed(base, '/calendar/people/sg01.ics', '');
	// A reference group gets its status deadlines only.
	const rg = await feed(base, '/calendar/bodies/rg-forretning.ics');
	check(rg.status === 200 && rg.events.length === 4 && rg.events.every((e) => /^deadline-statuses-/.test(e.uid)),
		`rg-forretning: 4 status deadlines, got ${rg.events && rg.events.map((e) => e.uid)}`);
	for (const p of ['/calendar/bodies/ingen.ics', '/calendar/people/ingen.ics', '/calendar/bodies/styregruppe'])
		check((await fetch(base + p)).status === 404, `${p}: 404`);
});
