import { describe, expect, it } from 'vitest';
import { compileRoleValues, readSpeakerLabel } from './roles';
import { splitTranscript, transcriptDates, turnTimes, type Turn } from './transcript';

const policy = { roleValues: compileRoleValues(undefined), distinguishesBots: true };
const known = (label: string) => readSpeakerLabel(label, policy) !== null;
const split = (cell: string) => splitTranscript(cell, known);
const iso = (instant: number) => new Date(instant).toISOString();

describe('splitTranscript', () => {
	it('splits on role prefixes; lines without one continue the turn', () => {
		expect(
			split('Customer: my card was declined\ntwice, actually\n\nAgent: let me check\nBot: Hi!')
		).toEqual({
			preamble: null,
			turns: [
				{ line: 1, label: 'Customer', stamp: null, text: 'my card was declined\ntwice, actually' },
				{ line: 4, label: 'Agent', stamp: null, text: 'let me check' },
				{ line: 5, label: 'Bot', stamp: null, text: 'Hi!' }
			]
		});
	});

	it('reads bracketed clocks, 12-hour clocks and full dates', () => {
		const { turns } = split(
			[
				'[10:02] Customer: hello',
				'(11:56:02 PM) Virtual Assistant: hi',
				'2026-03-01 10:02:11 - Maria Lopez: good morning',
				'[01/03/2026 10:05] Visitor 12: thanks'
			].join('\n')
		);
		expect(turns.map((turn) => [turn.label, turn.stamp])).toEqual([
			['Customer', { kind: 'clock', raw: '10:02', hour: 10, minute: 2, second: 0 }],
			['Virtual Assistant', { kind: 'clock', raw: '11:56:02 PM', hour: 23, minute: 56, second: 2 }],
			['Maria Lopez', { kind: 'datetime', raw: '2026-03-01 10:02:11' }],
			['Visitor 12', { kind: 'datetime', raw: '01/03/2026 10:05' }]
		]);
	});

	it('takes any name behind a time, but only known speakers without one', () => {
		const { turns } = split(
			[
				'[09:00] Maria Lopez: Hi, how can I help?',
				'Customer: my order number: 1234',
				'Order number: 1234',
				'Maria Lopez: thanks, found it',
				'10:30 Meeting: is not a speaker'
			].join('\n')
		);
		expect(turns.map((turn) => [turn.label, turn.text])).toEqual([
			['Maria Lopez', 'Hi, how can I help?'],
			['Customer', 'my order number: 1234\nOrder number: 1234'],
			['Maria Lopez', 'thanks, found it\n10:30 Meeting: is not a speaker']
		]);
	});

	it('keeps text before the first turn as a preamble', () => {
		expect(split('Chat started: 2026-03-05 23:58 UTC\nCustomer: hi')).toEqual({
			preamble: 'Chat started: 2026-03-05 23:58 UTC',
			turns: [{ line: 2, label: 'Customer', stamp: null, text: 'hi' }]
		});
	});

	it('splits turns written on one line behind bracketed times', () => {
		const { turns } = split(
			'[10:02] Customer: hi there [10:03] Agent: hello [10:04] Customer: bye'
		);
		expect(turns.map((turn) => [turn.label, turn.text])).toEqual([
			['Customer', 'hi there'],
			['Agent', 'hello'],
			['Customer', 'bye']
		]);
	});

	it('finds no turns in plain text', () => {
		expect(split('Customer left before an agent joined.')).toEqual({
			preamble: 'Customer left before an agent joined.',
			turns: []
		});
	});
});

describe('transcriptDates', () => {
	it('lists the full dates of the prefixes', () => {
		expect(
			transcriptDates(
				'[13/03/2026 10:00] Customer: hi\n[10:01] Agent: hello\n2026-03-13 10:02 - X: y'
			)
		).toEqual(['13/03/2026 10:00', '2026-03-13 10:02']);
	});
});

describe('turnTimes', () => {
	const turns = (cell: string): Turn[] => split(cell).turns;
	const utc = { zone: 'UTC' };

	it('dates clocks from the row start and rolls past midnight', () => {
		const result = turnTimes(
			turns('[23:58] Customer: hi\n[23:59] Bot: hello\n[00:01] Customer: still there?'),
			Date.UTC(2026, 2, 6, 23, 57, 30),
			utc
		);
		expect(result.ok && result.times.map(iso)).toEqual([
			'2026-03-06T23:58:00.000Z',
			'2026-03-06T23:59:00.000Z',
			'2026-03-07T00:01:00.000Z'
		]);
	});

	it('puts a first clock just after midnight on the day after a late start', () => {
		const result = turnTimes(turns('[00:03] Customer: hi'), Date.UTC(2026, 2, 6, 23, 59), utc);
		expect(result.ok && result.times.map(iso)).toEqual(['2026-03-07T00:03:00.000Z']);
	});

	it('reads clocks as wall times in the zone', () => {
		const result = turnTimes(turns('[10:02] Customer: hi'), Date.UTC(2026, 2, 5, 9, 0), {
			zone: 'Europe/Berlin'
		});
		expect(result.ok && result.times.map(iso)).toEqual(['2026-03-05T09:02:00.000Z']);
	});

	it('gives an untimed turn the time before it, and reads full dates by the order', () => {
		const result = turnTimes(turns('[01/03/2026 10:00] Customer: hi\nAgent: hello'), null, {
			zone: 'UTC',
			order: 'mdy'
		});
		expect(result.ok && result.times.map(iso)).toEqual([
			'2026-01-03T10:00:00.000Z',
			'2026-01-03T10:00:00.000Z'
		]);
	});

	it('fails with the line when a time cannot be placed or read', () => {
		expect(turnTimes(turns('Customer: hi\n[10:02] Agent: hello'), null, utc)).toEqual({
			ok: false,
			line: 1,
			reason: 'no time, and the row has no start time'
		});
		expect(turnTimes(turns('[10:02] Customer: hi'), null, utc)).toEqual({
			ok: false,
			line: 1,
			reason: "no date for the time '10:02': the row has no start time"
		});
		expect(turnTimes(turns('[31/02/2026 10:00] Customer: hi'), null, utc)).toEqual({
			ok: false,
			line: 1,
			reason: "not a date: '31/02/2026 10:00'"
		});
		expect(turnTimes(turns('[25:61] Customer: hi'), 0, utc)).toMatchObject({
			ok: false,
			reason: "not a time: '25:61'"
		});
	});
});
