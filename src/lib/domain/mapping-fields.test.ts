import { describe, expect, it } from 'vitest';
import { MAPPED_FIELDS } from '../server/ingest/types';
import {
	COMMON_MAPPING_KEYS,
	OPTIONAL_MAPPING_FIELDS,
	REQUIRED_MAPPING_FIELDS
} from './mapping-fields';

describe('mapping fields', () => {
	it('offer every field the CSV importer reads, once', () => {
		const offered = [...REQUIRED_MAPPING_FIELDS, ...OPTIONAL_MAPPING_FIELDS].map(
			(field) => field.key
		);
		expect([...offered].sort()).toEqual([...MAPPED_FIELDS].sort());
		expect(new Set(offered).size).toBe(offered.length);
	});

	it('show only optional fields as the common ones', () => {
		const optional = OPTIONAL_MAPPING_FIELDS.map((field) => field.key);
		for (const key of COMMON_MAPPING_KEYS) expect(optional).toContain(key);
	});
});
