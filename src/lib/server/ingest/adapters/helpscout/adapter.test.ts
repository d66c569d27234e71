import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../detect';
import { ADAPTERS } from '../index';
import { detectHelpScout } from './index';

const FIXTURE = join(
	import.meta.dirname,
	'../../../../../../tests/fixtures/helpscout/v1-beaconchat-conversation.json'
);

describe('detection', () => {
	it('recognises the API 1.0 conversation, above the other importers', () => {
		const detected = detectFormat(ADAPTERS, {
			fileName: 'conversation.json',
			sample: readFileSync(FIXTURE, 'utf8')
		});
		expect([detected.adapter.name, detected.confidence]).toEqual(['helpscout', 0.95]);
	});

	it('recognises a Mailbox API 2.0 list page by its keys', () => {
		const page = JSON.stringify({
			_embedded: {
				conversations: [
					{
						id: 123,
						mailboxId: 13,
						createdBy: { id: 12, type: 'customer' },
						primaryCustomer: { id: 12 },
						source: { type: 'email', via: 'customer' }
					}
				]
			},
			page: { size: 25, totalElements: 1, totalPages: 1, number: 1 }
		});
		expect(detectHelpScout(page).confidence).toBe(0.95);
		expect(detectHelpScout('{"id": 1, "createdBy": {}}').confidence).toBe(0);
	});
});
