import type { DraftMessage } from '../../types';

/**
 * Who wrote a row or a transcript line, from the words files use for it. Words for the
 * support side that do not say bot or human ("agent", "operator", "outbound") are read as
 * `staff` — the shared bot rules then decide by author name — unless the same column also
 * has bot values: a column that separates "bot" from "agent" means a human by "agent".
 */

export type DraftRole = DraftMessage['role'];

/** "End-User" → "end user". */
export function roleKey(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[_\-./]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

type Word = 'customer' | 'ai' | 'human' | 'support' | 'system';

const WORDS = new Map<string, Word>();
function words(kind: Word, list: string[]) {
	for (const word of list) WORDS.set(roleKey(word), kind);
}
words('customer', [
	'customer',
	'user',
	'end user',
	'enduser',
	'end-user',
	'client',
	'visitor',
	'contact',
	'lead',
	'guest',
	'requester',
	'caller',
	'shopper',
	'consumer',
	'member',
	'inbound',
	'incoming'
]);
words('ai', [
	'bot',
	'chatbot',
	'chat bot',
	'ai',
	'ai agent',
	'ai assistant',
	'assistant',
	'virtual assistant',
	'virtual agent',
	'automated',
	'automation',
	'auto reply',
	'autoresponder',
	'answer bot',
	'answerbot',
	'llm'
]);
words('human', ['human', 'human agent', 'live agent', 'person']);
words('support', [
	'agent',
	'support agent',
	'operator',
	'admin',
	'administrator',
	'staff',
	'support',
	'rep',
	'representative',
	'advisor',
	'adviser',
	'teammate',
	'team member',
	'employee',
	'csr',
	'specialist',
	'outbound',
	'outgoing'
]);
words('system', ['system', 'system message', 'event', 'notification']);

export interface RolePolicy {
	/** The file's own words for roles (mapping `roleValues`), checked first. */
	roleValues?: Record<string, DraftRole>;
	/** The values seen include bots, so the support-side words mean humans. */
	distinguishesBots: boolean;
}

export function compileRoleValues(
	roleValues: Record<string, DraftRole> | undefined
): Map<string, DraftRole> {
	return new Map(Object.entries(roleValues ?? {}).map(([word, role]) => [roleKey(word), role]));
}

/** The role a value names, or null when it is not a role word Parity knows. */
export function readRole(
	value: string,
	policy: { roleValues: Map<string, DraftRole>; distinguishesBots: boolean }
): DraftRole | null {
	const key = roleKey(value);
	if (key === '') return null;
	const custom = policy.roleValues.get(key);
	if (custom) return custom;
	switch (WORDS.get(key)) {
		case 'customer':
			return 'customer';
		case 'ai':
			return 'ai';
		case 'human':
			return 'agent';
		case 'support':
			return policy.distinguishesBots ? 'agent' : 'staff';
		case 'system':
			return 'system';
		default:
			return null;
	}
}

/** Whether some of the values name a bot (by Parity's words or the mapping's). */
export function namesBots(values: Iterable<string>, roleValues: Map<string, DraftRole>): boolean {
	for (const value of values) {
		if (readRole(value, { roleValues, distinguishesBots: false }) === 'ai') return true;
	}
	return false;
}

/** The role words, for error messages. */
export const KNOWN_ROLE_WORDS =
	'customer/user/end-user/client/visitor/contact/inbound, bot/ai/virtual assistant/automated/assistant, agent/human/operator/admin/staff/support/outbound, system';

/**
 * A transcript speaker label read as role and name: "Customer", "Visitor 4521",
 * "Agent Maria", "Maria (Agent)", "Bot". Null when no part of it is a role word.
 */
export function readSpeakerLabel(
	label: string,
	policy: { roleValues: Map<string, DraftRole>; distinguishesBots: boolean }
): { role: DraftRole; name: string | null } | null {
	const trimmed = label.trim();
	const whole = readRole(trimmed, policy);
	if (whole) return { role: whole, name: null };
	// "Maria (Agent)" / "Maria [bot]"
	const bracketed = /^(.+?)\s*[([]([^)\]]+)[)\]]$/.exec(trimmed);
	if (bracketed) {
		const role = readRole(bracketed[2] as string, policy);
		if (role) return { role, name: (bracketed[1] as string).trim() || null };
	}
	// "Agent Maria", "Agent - Maria", "Visitor 4521": the role word(s) first.
	const parts = trimmed.split(/\s+/);
	for (let take = Math.min(3, parts.length - 1); take >= 1; take--) {
		const role = readRole(parts.slice(0, take).join(' '), policy);
		if (!role) continue;
		const rest = parts
			.slice(take)
			.join(' ')
			.replace(/^[-–—:]\s*/, '')
			.trim();
		// "Visitor 4521" is a name as a whole; "Agent Maria" names Maria.
		return { role, name: /^[#\d]/.test(rest) ? trimmed : rest || null };
	}
	return null;
}
