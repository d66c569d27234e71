import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openRowStage } from './row-stage';

describe('row stage', () => {
	it('groups rows, keeps the latest version of each entity and counts every row', () => {
		const stage = openRowStage();
		try {
			stage.add({ kind: 'ticket', group: 't:100', entity: '100', version: 1, payload: 'old' });
			stage.add({ kind: 'comment', group: 't:99', payload: 'c1' });
			stage.add({ kind: 'ticket', group: 't:100', entity: '100', version: 3, payload: 'new' });
			stage.add({ kind: 'ticket', group: 't:100', entity: '100', version: 2, payload: 'mid' });
			stage.add({ kind: 'comment', group: 't:100', entity: 'c9', version: null, payload: 'a' });
			stage.add({ kind: 'comment', group: 't:100', entity: 'c9', version: null, payload: 'b' });
			stage.add({ kind: 'tag', group: 't:100', payload: 'vip' });
			const groups = [...stage.groups(['ticket', 'comment'])].map((group) => ({
				group: group.group,
				rows: group.rows.map((row) => `${row.kind}:${row.payload}`),
				counts: Object.fromEntries(group.counts)
			}));
			// 99 before 100: digit ids sort as numbers; the same version twice: the later row wins.
			expect(groups).toEqual([
				{ group: 't:99', rows: ['comment:c1'], counts: { comment: 1 } },
				{
					group: 't:100',
					rows: ['ticket:new', 'comment:b'],
					counts: { ticket: 3, comment: 2 }
				}
			]);
		} finally {
			stage.close();
		}
	});

	it('relinks rows through the latest link row and leaves unlinked rows in place', () => {
		const stage = openRowStage();
		try {
			stage.add({ kind: 'link', group: 'c:A', entity: 'A', version: 5, payload: '', ref: 't:2' });
			stage.add({ kind: 'link', group: 'c:A', entity: 'A', version: 9, payload: '', ref: 't:1' });
			stage.add({ kind: 'event', group: 'c:A', payload: 'e1' });
			stage.add({ kind: 'event', group: 'c:B', payload: 'e2' });
			expect(stage.relink('event', 'link')).toBe(1);
			const groups = [...stage.groups(['event'])].map((g) => [g.group, g.rows[0]?.payload]);
			expect(groups).toEqual([
				['c:B', 'e2'],
				['t:1', 'e1']
			]);
		} finally {
			stage.close();
		}
	});

	it('deletes its scratch file on close', () => {
		const stage = openRowStage();
		stage.add({ kind: 'x', group: 'g', payload: 'p' });
		expect(existsSync(stage.path)).toBe(true);
		stage.close();
		expect(existsSync(stage.path)).toBe(false);
		// Closing twice (a finally after an error path) is harmless.
		stage.close();
	});
});
