import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openAppDatabase } from '../../src/lib/server/app';
import {
	addBotRule,
	addKeyword,
	AddKeywordForm,
	BotRuleForm,
	derivationStatus,
	RepeatForm,
	saveRepeatSettings,
	saveTopic,
	saveZones,
	settingsPage,
	TopicForm,
	ZonesForm
} from '../../src/lib/server/dashboard/settings';
import type { DbHandle } from '../../src/lib/server/db/client';
import { getJob } from '../../src/lib/server/db/repos/jobs';
import { getSetting, setSetting } from '../../src/lib/server/db/repos/settings';
import { fieldErrors } from '../../src/lib/server/http/forms';
import { importFiles } from '../../src/lib/server/ingest/service';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const DAY = 86_400_000;
// Monday 2 March 2026, 00:30 UTC: week 2026-W10 in UTC, but Sunday evening (W09) in Los Angeles.
const T0 = Date.UTC(2026, 2, 2, 0, 30);
const iso = (instant: number) => new Date(instant).toISOString();

function contact(id: string, start: number, text: string, author = 'Sam') {
	return {
		id,
		channel: 'email',
		customer: { email: 'jane@example.com' },
		messages: [
			{ role: 'customer', created_at: iso(start), text },
			{ role: 'staff', author_name: author, created_at: iso(start + 3_600_000), text: 'On it.' }
		]
	};
}

/** Jane writes on day 0 and again on day 5: a repeat contact within 7 days, not within 3. */
const RECORDS = [
	contact('first', T0, 'My zorbleflux arrived broken'),
	contact('second', T0 + 5 * DAY, 'Still waiting about the zorbleflux', 'Helpy')
];

async function load(db: DbHandle) {
	const [report] = await importFiles(db, [writeFile(scratchDir(), 'jane.ndjson', ndjson(RECORDS))]);
	expect(report?.status).toBe('done');
}

function derived(db: DbHandle) {
	return db.sqlite
		.prepare(
			`SELECT c.external_id AS id, c.handler, s.week, s.topic, n.external_id AS next
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   LEFT JOIN conversations n ON n.id = s.repeat_next_id ORDER BY c.external_id`
		)
		.all();
}

function audits(db: DbHandle) {
	return (
		db.sqlite.prepare('SELECT action, target, detail FROM audit_log ORDER BY id').all() as Array<{
			action: string;
			target: string | null;
			detail: string | null;
		}>
	).map((row) => ({ ...row, detail: row.detail === null ? null : JSON.parse(row.detail) }));
}

const errorsOf = <S extends z.ZodType>(schema: S, input: unknown) => {
	const parsed = schema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('settings validation', () => {
	it('names the field and what is wrong with it', () => {
		expect(errorsOf(RepeatForm, { windowDays: '0' })).toEqual({ windowDays: 'at least 1 day' });
		expect(errorsOf(RepeatForm, { windowDays: '2.5' })).toEqual({
			windowDays: 'a whole number of days'
		});
		expect(errorsOf(RepeatForm, { windowDays: '91' })).toEqual({ windowDays: 'at most 90 days' });
		expect(errorsOf(ZonesForm, { orgTimeZone: 'Mars/Olympus', importTimeZone: 'UTC' })).toEqual({
			orgTimeZone: 'not a known time zone (e.g. Europe/Berlin)'
		});
		expect(errorsOf(BotRuleForm, { kind: 'name_pattern', pattern: 'bot(' })).toEqual({
			pattern: expect.stringMatching(/^not a valid pattern: /)
		});
		expect(errorsOf(BotRuleForm, { kind: 'author_id', pattern: 'bot(' })).toEqual({});
		expect(errorsOf(TopicForm, { name: 'Other', label: 'Other' })).toEqual({
			name: '"other" is for conversations no topic matched'
		});
		expect(errorsOf(TopicForm, { name: 'account access', label: '' })).toEqual({
			name: 'lower-case words joined by "-", e.g. account-access',
			label: 'give the topic a label'
		});
		expect(
			TopicForm.parse({ name: 'Gadgets', label: 'Gadgets', keywords: 'widget\n gizmo, widget' })
		).toMatchObject({ name: 'gadgets', keywords: ['widget', 'gizmo'], tags: [] });
	});
});

describe('settings changes re-derive what depends on them', () => {
	it('a shorter repeat window unlinks a return after it, audited with before and after', async () => {
		const db = testDb();
		await load(db);
		expect(derived(db)).toMatchObject([
			{ id: 'first', next: 'second' },
			{ id: 'second', next: null }
		]);
		const result = saveRepeatSettings(db, SYSTEM, RepeatForm.parse({ windowDays: '3' }), 'now');
		expect(result.ok && result.value.derivation.summary?.rebuilt).toBe('repeat-and-weeks');
		expect(derived(db)).toMatchObject([
			{ id: 'first', next: null },
			{ id: 'second', next: null }
		]);
		expect(getSetting(db, 'repeat.windowDays')).toBe(3);
		expect(audits(db)).toEqual([
			{
				action: 'setting.change',
				target: 'repeat.windowDays',
				detail: { from: 7, to: 3 }
			}
		]);
		expect(derivationStatus(db)).toMatchObject({ upToDate: true, running: false });

		// Saving the same values again changes nothing and logs nothing.
		const same = saveRepeatSettings(db, SYSTEM, RepeatForm.parse({ windowDays: '3' }), 'now');
		expect(same.ok && same.value).toEqual({
			saved: 'Nothing changed.',
			derivation: { mode: 'now', job: null, summary: null }
		});
		expect(audits(db)).toHaveLength(1);
	});

	it('the organisation zone moves a conversation to the week it falls in there', async () => {
		const db = testDb();
		await load(db);
		// Day 5 is Saturday 7 March: the same week.
		expect(derived(db)).toMatchObject([{ week: '2026-W10' }, { week: '2026-W10' }]);
		saveZones(
			db,
			SYSTEM,
			ZonesForm.parse({ orgTimeZone: 'America/Los_Angeles', importTimeZone: 'UTC' }),
			'now'
		);
		// 00:30 UTC on Monday is 16:30 on Sunday in Los Angeles: the week before.
		expect(derived(db)).toMatchObject([{ week: '2026-W09' }, { week: '2026-W10' }]);
		expect(audits(db).map((entry) => entry.target)).toEqual(['org.timeZone']);
	});

	it('a bot rule re-decides the roles it decides, and the handler follows', async () => {
		const db = testDb();
		await load(db);
		expect(derived(db)).toMatchObject([{ handler: 'human' }, { handler: 'human' }]);
		const result = addBotRule(
			db,
			SYSTEM,
			BotRuleForm.parse({ kind: 'name_pattern', pattern: 'helpy' }),
			'now'
		);
		expect(result.ok && result.value.derivation.summary?.roles).toEqual({
			messages: 1,
			conversations: 1
		});
		expect(derived(db)).toMatchObject([
			{ id: 'first', handler: 'human' },
			{ id: 'second', handler: 'ai' }
		]);
		expect(settingsPage(db).rules.some((rule) => rule.pattern === 'helpy')).toBe(true);
		expect(audits(db)[0]).toMatchObject({ action: 'bot_rule.change' });
	});

	it('a keyword added to a topic re-reads the topics of conversations that use it', async () => {
		const db = testDb();
		await load(db);
		expect(derived(db)).toMatchObject([{ topic: 'other' }, { topic: 'other' }]);
		expect(
			addKeyword(db, SYSTEM, AddKeywordForm.parse({ topic: 'delivery', term: 'Zorbleflux' }), 'now')
		).toMatchObject({
			ok: true,
			value: { saved: 'Added “zorbleflux” to the keywords of Delivery.' }
		});
		expect(derived(db)).toMatchObject([{ topic: 'delivery' }, { topic: 'delivery' }]);
		// The same term again is refused next to the field, and nothing is stored or logged.
		expect(
			addKeyword(db, SYSTEM, AddKeywordForm.parse({ topic: 'delivery', term: 'zorbleflux' }), 'now')
		).toEqual({
			ok: false,
			status: 400,
			errors: { term: '“zorbleflux” is already a keyword of Delivery' }
		});
		expect(
			saveTopic(db, SYSTEM, TopicForm.parse({ name: 'billing', label: 'Second billing' }), 'now')
		).toMatchObject({ ok: false, errors: { name: 'there is already a topic named “billing”' } });
		expect(audits(db).map((entry) => entry.action)).toEqual(['taxonomy.change']);
	});

	it('runs the derivation in a background job whose status the page polls', async () => {
		const db = openAppDatabase(join(scratchDir(), 'settings.db'));
		setSetting(db, 'privacy.minimizeAtImport', false);
		await load(db);
		const result = saveRepeatSettings(db, SYSTEM, RepeatForm.parse({ windowDays: '3' }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const job = result.value.derivation.job;
		expect(job).toEqual(expect.any(String));
		// Until the child has run, the stored derivations do not reflect the new window.
		expect(derivationStatus(db)).toMatchObject({
			upToDate: false,
			last: { label: 'Saved the repeat-contact rules.' }
		});
		const deadline = Date.now() + 50_000;
		while (getJob(db, job ?? '')?.status === 'running' && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(getJob(db, job ?? '')).toMatchObject({ kind: 'derive', status: 'done', error: null });
		expect(derivationStatus(db)).toMatchObject({
			upToDate: true,
			running: false,
			last: { status: 'done' }
		});
		expect(derived(db)).toMatchObject([{ next: null }, { next: null }]);
		db.close();
	}, 60_000);
});
