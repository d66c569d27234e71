import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/lib/server/analytics/simulate';
import {
	addAnnotation,
	AddAnnotationForm,
	annotationsInWeeks,
	removeAnnotation
} from '../../src/lib/server/dashboard/annotations';
import { reviewPage } from '../../src/lib/server/dashboard/review';
import { ensureSource } from '../../src/lib/server/db/repos/sources';
import { defaultDemoConfig, loadDemo, weekStart } from '../../src/lib/server/demo/index';
import { removeSources } from '../../src/lib/server/remove-sources';
import { trendsPage } from '../../src/lib/server/dashboard/trends';
import { auditActions, makeUser, SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { insertCells } from '../helpers/rollups';

/** Notes on the timeline, from the form to the trends and the weekly review, on a real database. */

const data = simulate({
	seed: 3,
	firstWeek: '2026-W35',
	weeks: 13,
	channels: ['chat'],
	topics: ['billing'],
	volume: { min: 100, max: 120 }
});

async function seeded() {
	const db = testDb();
	insertCells(db, data.cells);
	const analyst = await makeUser(db, 'ana@example.com', 'analyst');
	return { db, actor: { userId: analyst.id, label: analyst.email, address: null } };
}

const note = (day: string, text: string, source = '') =>
	AddAnnotationForm.parse({ day, text, source });

describe('notes on the timeline', () => {
	const finNote = {
		id: 1,
		day: '2026-11-16',
		week: '2026-W47',
		text: 'Fin moved to the new model',
		source: null,
		author: 'ana@example.com'
	};

	it('are kept with their author and audited, and listed by the weeks their days fall in', async () => {
		const { db, actor } = await seeded();
		const added = addAnnotation(db, actor, note('2026-11-16', 'Fin moved to the new model'));
		expect(added).toEqual({
			ok: true,
			value: {
				note: finNote,
				message: 'Noted “Fin moved to the new model” on 2026-11-16 (2026-W47).'
			}
		});
		addAnnotation(db, actor, note('2026-11-15', 'Sunday before: help article live'));
		addAnnotation(db, actor, note('2026-11-23', 'Monday after'));
		expect(auditActions(db).filter((action) => action === 'annotation.change')).toHaveLength(3);

		// W47 runs Monday 16 to Sunday 22 November.
		expect(annotationsInWeeks(db, '2026-W47', '2026-W47')).toEqual([finNote]);
		expect(annotationsInWeeks(db, '2026-W46', '2026-W48').map((n) => n.day)).toEqual([
			'2026-11-15',
			'2026-11-16',
			'2026-11-23'
		]);
	});

	it('reach the trends of the weeks shown, numbered oldest first, and the review of their week', async () => {
		const { db, actor } = await seeded();
		addAnnotation(db, actor, note('2026-11-18', 'Refund policy changed'));
		addAnnotation(db, actor, note('2026-09-01', 'Before the range shown'));
		addAnnotation(db, actor, note('2026-11-10', 'New macro for disputes'));

		const trends = trendsPage(db, { week: '2026-W47', weeks: 8 });
		if (trends.state !== 'ready') throw new Error('expected trends');
		expect(trends.range).toEqual({ from: '2026-W40', to: '2026-W47' });
		expect(trends.notes.map((n) => `${n.number} ${n.week} ${n.text}`)).toEqual([
			'1 2026-W46 New macro for disputes',
			'2 2026-W47 Refund policy changed'
		]);

		const review = reviewPage(db, { week: '2026-W47' });
		if (review.state !== 'ready') throw new Error('expected a review');
		expect(review.notes.map((n) => n.text)).toEqual(['Refund policy changed']);
		const before = reviewPage(db, { week: '2026-W45' });
		expect(before.state === 'ready' && before.notes).toEqual([]);
	});

	it('show at once on pages already kept, and go when removed', async () => {
		const { db, actor } = await seeded();
		const first = trendsPage(db, { week: '2026-W47' });
		expect(first.state === 'ready' && first.notes).toEqual([]);
		addAnnotation(db, actor, note('2026-11-18', 'Refund policy changed'));
		const after = trendsPage(db, { week: '2026-W47' });
		expect(after.state === 'ready' && after.notes.map((n) => n.text)).toEqual([
			'Refund policy changed'
		]);

		expect(removeAnnotation(db, actor, { annotation: 1 })).toEqual({
			ok: true,
			value: { message: 'Removed “Refund policy changed”.' }
		});
		expect(removeAnnotation(db, actor, { annotation: 1 })).toEqual({
			ok: false,
			status: 404,
			errors: { form: 'That note no longer exists.' }
		});
		const gone = trendsPage(db, { week: '2026-W47' });
		expect(gone.state === 'ready' && gone.notes).toEqual([]);
	});

	it('can be about one source: shown with it and the whole operation, and removed with it', async () => {
		const { db, actor } = await seeded();
		ensureSource(db, 'Zendesk', 'zendesk');
		ensureSource(db, 'Intercom', 'intercom');
		expect(
			addAnnotation(db, actor, note('2026-11-17', 'Two email agents left', 'Zendesk'))
		).toMatchObject({
			ok: true,
			value: {
				note: { source: 'Zendesk', author: 'ana@example.com' },
				message: 'Noted “Two email agents left” for Zendesk on 2026-11-17 (2026-W47).'
			}
		});
		addAnnotation(db, actor, note('2026-11-18', 'Fin moved to v2', 'Intercom'));
		addAnnotation(db, actor, note('2026-11-19', 'Refund policy changed'));
		expect(addAnnotation(db, actor, note('2026-11-19', 'Typo', 'Zendsk'))).toEqual({
			ok: false,
			status: 400,
			errors: { source: 'no source is called “Zendsk”' }
		});

		const about = (source: string | undefined) => {
			const page = trendsPage(db, { week: '2026-W47', source });
			return page.state === 'ready' ? page.notes.map((n) => `${n.text} [${n.source ?? '-'}]`) : [];
		};
		expect(about(undefined)).toEqual([
			'Two email agents left [Zendesk]',
			'Fin moved to v2 [Intercom]',
			'Refund policy changed [-]'
		]);
		expect(about('Zendesk')).toEqual([
			'Two email agents left [Zendesk]',
			'Refund policy changed [-]'
		]);

		expect(removeSources(db, SYSTEM, ['Zendesk']).ok).toBe(true);
		expect(about(undefined)).toEqual(['Fin moved to v2 [Intercom]', 'Refund policy changed [-]']);
	});
});

describe('the demo', () => {
	it('notes each injected regression on the Tuesday of the week it begins, about a demo source', async () => {
		const db = testDb();
		const config = defaultDemoConfig({ scale: 0.05, endWeek: '2026-W47', zone: 'Europe/Berlin' });
		await loadDemo(db, config);
		const notes = annotationsInWeeks(db, '2026-W34', '2026-W47');
		expect(notes.map((n) => [n.day, n.week, n.text, n.source, n.author])).toEqual([
			['2026-09-29', '2026-W40', 'Two email agents moved to the chat team', 'Zendesk (demo)', null],
			['2026-10-27', '2026-W44', 'New disputes flow for the AI went live', 'Intercom (demo)', null]
		]);
		// The week the injection starts in (demo weeks count from 1).
		const starts = config.regressions.map((r) => weekStart(config, r.fromWeek - 1));
		expect(starts.map((t) => new Date(t).toISOString())).toEqual([
			'2026-10-25T23:00:00.000Z',
			'2026-09-27T22:00:00.000Z'
		]);
		// Loading it again recognises its records and adds no second copy of its notes.
		await loadDemo(db, config);
		expect(annotationsInWeeks(db, '2026-W34', '2026-W47')).toHaveLength(2);
		expect(removeSources(db, SYSTEM, ['Zendesk (demo)', 'Intercom (demo)']).ok).toBe(true);
		expect(annotationsInWeeks(db, '2026-W34', '2026-W47')).toEqual([]);
	});
});
