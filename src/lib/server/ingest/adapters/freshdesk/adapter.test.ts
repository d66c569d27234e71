import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../detect';
import { ADAPTERS } from '../index';
import { detectFreshdesk } from './index';

const ROOT = join(import.meta.dirname, '../../../../../../tests/fixtures');

function sample(path: string): string {
	return readFileSync(path, 'utf8').slice(0, 64 * 1024);
}

describe('detection', () => {
	it('recognises every Freshdesk fixture, above the other importers', () => {
		const dir = join(ROOT, 'freshdesk');
		const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
		expect(files).toHaveLength(4);
		for (const fileName of files) {
			const detected = detectFormat(ADAPTERS, { fileName, sample: sample(join(dir, fileName)) });
			expect([fileName, detected.adapter.name, detected.confidence]).toEqual([
				fileName,
				'freshdesk',
				0.95
			]);
		}
	});

	it('recognises NDJSON of tickets paired with conversations, and a ratings list', () => {
		const pair = JSON.parse(sample(join(ROOT, 'freshdesk/chatwoot-web-chat-ticket.json'))) as {
			ticket: Record<string, unknown>;
			conversations: unknown[];
		};
		// Without the keys a list item has, the conversations still say Freshdesk.
		const { ticket } = pair;
		const lean = {
			ticket: { id: ticket.id, requester_id: ticket.requester_id },
			conversations: pair.conversations
		};
		const text = `${JSON.stringify(lean)}\n${JSON.stringify(lean)}\n`;
		expect(detectFreshdesk(text).confidence).toBe(0.9);
		const ratings = JSON.stringify([
			{ id: 1, survey_id: 3, ticket_id: 2001, ratings: { default_question: 103 } }
		]);
		expect(detectFormat(ADAPTERS, { fileName: 'r.json', sample: ratings }).adapter.name).toBe(
			'freshdesk'
		);
	});

	it('leaves Zendesk tickets, which have a submitter, to Zendesk', () => {
		const dir = join(ROOT, 'zendesk/go-zendesk');
		for (const fileName of ['tickets.json', 'ticket_sideload.json']) {
			expect(detectFreshdesk(sample(join(dir, fileName))).confidence).toBe(0);
		}
	});
});
