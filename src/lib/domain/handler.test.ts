import { describe, expect, it } from 'vitest';
import type { AuthorRole } from './conversation';
import { deriveHandler } from './handler';

const roles = (...list: Array<AuthorRole | `${AuthorRole}:note`>) =>
	list.map((entry) => ({
		role: entry.split(':')[0] as AuthorRole,
		isPublic: !entry.endsWith(':note')
	}));

describe('deriveHandler', () => {
	it('follows PRODUCT.md: only AI → ai, only humans → human, AI then human → hybrid', () => {
		expect(deriveHandler(roles('customer', 'ai', 'customer', 'ai'))).toBe('ai');
		expect(deriveHandler(roles('customer', 'agent', 'customer', 'agent'))).toBe('human');
		expect(deriveHandler(roles('customer', 'ai', 'customer', 'agent'))).toBe('hybrid');
	});
	it('keeps a human-first conversation human even if a bot spoke later', () => {
		expect(deriveHandler(roles('customer', 'agent', 'ai'))).toBe('human');
	});
	it('ignores internal notes and system messages, and calls an unanswered conversation none', () => {
		expect(deriveHandler(roles('customer', 'ai', 'agent:note'))).toBe('ai');
		expect(deriveHandler(roles('system', 'customer'))).toBe('none');
		expect(deriveHandler([])).toBe('none');
	});
});
