import { describe, expect, it } from 'vitest';
import { compileRoleValues, namesBots, readRole, readSpeakerLabel } from './roles';

const plain = { roleValues: compileRoleValues(undefined), distinguishesBots: false };
const withBots = { ...plain, distinguishesBots: true };

describe('readRole', () => {
	it('reads customer, bot and system words whatever the column', () => {
		for (const word of ['customer', 'End-User', 'end_user', 'Client', 'visitor', 'INBOUND']) {
			expect(readRole(word, plain)).toBe('customer');
		}
		for (const word of ['bot', 'AI', 'Virtual Assistant', 'automated', 'assistant']) {
			expect(readRole(word, plain)).toBe('ai');
		}
		expect(readRole('system', plain)).toBe('system');
	});

	it('reads support-side words as staff, unless the column also names bots', () => {
		for (const word of ['agent', 'operator', 'admin', 'staff', 'support', 'outbound']) {
			expect(readRole(word, plain)).toBe('staff');
			expect(readRole(word, withBots)).toBe('agent');
		}
		// "human" says it outright.
		expect(readRole('human', plain)).toBe('agent');
	});

	it("lets the mapping's roleValues decide first", () => {
		const policy = {
			roleValues: compileRoleValues({ Robot: 'ai', 'Support Agent': 'ai', agent: 'agent' }),
			distinguishesBots: false
		};
		expect(readRole('robot', policy)).toBe('ai');
		expect(readRole('support-agent', policy)).toBe('ai');
		expect(readRole('Agent', policy)).toBe('agent');
		expect(readRole('manager', policy)).toBeNull();
		expect(readRole('', policy)).toBeNull();
	});
});

describe('namesBots', () => {
	it('is true when some value is a bot word (or a roleValues bot)', () => {
		expect(namesBots(['customer', 'agent', 'bot'], new Map())).toBe(true);
		expect(namesBots(['customer', 'agent', 'outbound'], new Map())).toBe(false);
		expect(namesBots(['Robot'], compileRoleValues({ robot: 'ai' }))).toBe(true);
	});
});

describe('readSpeakerLabel', () => {
	it('reads role words and the name beside them', () => {
		expect(readSpeakerLabel('Customer', withBots)).toEqual({ role: 'customer', name: null });
		expect(readSpeakerLabel('Bot', withBots)).toEqual({ role: 'ai', name: null });
		expect(readSpeakerLabel('Agent Maria', withBots)).toEqual({ role: 'agent', name: 'Maria' });
		expect(readSpeakerLabel('Agent - Maria Lopez', plain)).toEqual({
			role: 'staff',
			name: 'Maria Lopez'
		});
		expect(readSpeakerLabel('Maria (Agent)', withBots)).toEqual({ role: 'agent', name: 'Maria' });
		expect(readSpeakerLabel('Visitor 4521', plain)).toEqual({
			role: 'customer',
			name: 'Visitor 4521'
		});
		expect(readSpeakerLabel('Virtual Assistant', plain)).toEqual({ role: 'ai', name: null });
	});

	it('is null for a plain name or a heading', () => {
		expect(readSpeakerLabel('Maria Lopez', plain)).toBeNull();
		expect(readSpeakerLabel('Order number', plain)).toBeNull();
		expect(readSpeakerLabel('Chat started', plain)).toBeNull();
	});
});
