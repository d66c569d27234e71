import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../http/forms';
import { PreviewQuery } from '../dashboard/imports';
import { UploadQuery } from '../uploads/import-upload';
import { ADAPTERS } from './adapters';
import { detectFormat } from './detect';

const KNOWN =
	'Parity knows: zendesk-warehouse, intercom-warehouse, zendesk, intercom, freshdesk, helpscout, front, canonical, csv';

describe('format names', () => {
	it('are read whatever their case, as the adapter spells them', () => {
		expect(UploadQuery.parse({ filename: 'x.json', format: ' ZENDESK ' }).format).toBe('zendesk');
		expect(PreviewQuery.parse({ filename: 'x.json', format: 'Canonical' }).format).toBe(
			'canonical'
		);
		const sample = { fileName: 'x.csv', sample: 'a,b\n1,2\n' };
		expect(detectFormat(ADAPTERS, sample, 'CSV').adapter.name).toBe('csv');
	});

	it('refuses an unknown one in an upload before the file is stored, as the CLI does', () => {
		for (const schema of [UploadQuery, PreviewQuery]) {
			const parsed = schema.safeParse({ filename: 'x.json', format: 'nonsense' });
			expect(parsed.success).toBe(false);
			if (parsed.success) continue;
			expect(fieldErrors(parsed.error)).toEqual({
				format: `unknown format 'nonsense'; ${KNOWN}`
			});
		}
	});
});
