import { describe, expect, it } from 'vitest';
import { ADAPTERS, toolLabel } from '.';

describe('toolLabel', () => {
	it('names the Parity format by its label, not the internal "canonical"', () => {
		expect(toolLabel('canonical')).toBe('Parity NDJSON / JSON');
		expect(toolLabel('zendesk')).toBe('Zendesk');
	});

	it('has a name for the tool of every adapter Parity ships', () => {
		for (const adapter of ADAPTERS) expect(toolLabel(adapter.tool)).not.toBe(adapter.tool);
	});
});
