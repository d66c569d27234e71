import { describe, expect, it } from 'vitest';
import { notesText } from './report';

describe('notesText', () => {
	it('adds nothing when the week has no notes', () => {
		expect(notesText([])).toBe('');
	});

	it('lists the week’s notes after the review, with the source a note is about', () => {
		expect(
			notesText([
				{
					id: 1,
					day: '2026-11-16',
					week: '2026-W47',
					text: 'Refund policy changed',
					source: null,
					author: null
				},
				{
					id: 2,
					day: '2026-11-18',
					week: '2026-W47',
					text: 'Fin v3 released',
					source: 'Intercom',
					author: 'ana@example.com'
				}
			])
		).toBe(
			'\n\nNoted this week (what changed, on the timeline):\n' +
				'  2026-11-16  Refund policy changed\n' +
				'  2026-11-18  Fin v3 released [Intercom]'
		);
	});
});
