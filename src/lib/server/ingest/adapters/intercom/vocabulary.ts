import { htmlToText } from '../../normalize';
import type { DraftMessage } from '../../types';

/**
 * Intercom's words translated into the ones the shared normaliser reads. Used by both the
 * REST JSON and the warehouse-table importers, which see the same values in different
 * containers.
 */

/**
 * Intercom's bot identity writes from `operator+<workspace>@intercom.io` (Fin, Operator,
 * custom bots); no teammate of a customer workspace can hold an @intercom.io address, so an
 * admin-typed author with it is the bot, whatever its `type` says.
 */
const INTERCOM_BOT_EMAIL = /^operator\+[^@\s]*@intercom\.io$/i;

/**
 * Who wrote a part, as far as Intercom says. `bot` is Intercom's own AI and bots (Fin,
 * Operator, custom bots) and `from_ai_agent` marks Fin speaking as an admin: both are the
 * AI on the tool's word. Any other admin is `staff`, not `agent`: workspaces run third-party
 * bots (Ada, Forethought, an "Answer Bot" teammate) as Intercom admins, and only the
 * bot-detection rules can catch those by name or id.
 */
export function authorRole(author: {
	type?: string | null;
	email?: string | null;
	from_ai_agent?: boolean | null;
}): DraftMessage['role'] {
	switch (author.type?.toLowerCase()) {
		case 'bot':
			return 'ai';
		case 'admin':
		case 'team':
			return author.from_ai_agent === true || INTERCOM_BOT_EMAIL.test(author.email ?? '')
				? 'ai'
				: 'staff';
		case 'user':
		case 'lead':
		case 'contact':
			return 'customer';
		default:
			return 'system';
	}
}

/**
 * Who opened the conversation. `operator_initiated` is Intercom's bot or AI agent starting
 * it (Intercom's reporting guide counts these as AI-agent conversations), whatever author
 * it is sent as. Outbound messages sent by automation (Series, legacy campaigns) open it on
 * nobody's behalf in particular: the customer saw them, but they are no one's reply, so
 * they must not make the conversation look human- or AI-handled.
 */
export function sourceRole(
	deliveredAs: string | null | undefined,
	author: Parameters<typeof authorRole>[0]
): DraftMessage['role'] {
	const how = deliveredAs?.toLowerCase();
	if (how === 'automated' || how === 'campaigns_initiated') return 'system';
	const role = authorRole(author);
	return how === 'operator_initiated' && role !== 'customer' ? 'ai' : role;
}

/**
 * Fin tried out by a teammate in Intercom's preview, which Intercom's reporting guide says
 * to leave out of reports: not a customer conversation.
 */
export function isPreview(aiSourceType: string | null | undefined): boolean {
	const type = aiSourceType?.toLowerCase();
	return type === 'fin_preview' || type === 'workflow_preview';
}

/**
 * `source.type` (conversation, email, facebook, instagram, phone_call, phone_switch, push,
 * sms, twitter, whatsapp) and Unstable's `channel.initial` in the normaliser's words.
 * Intercom's "conversation" and "messenger" are its web/in-app chat widget, not Facebook
 * Messenger; its Facebook, Instagram and Twitter channels carry direct messages.
 */
const CHANNEL_WORDS: Record<string, string> = {
	conversation: 'chat',
	messenger: 'chat',
	push: 'in app',
	email: 'email',
	facebook: 'facebook messenger',
	instagram: 'instagram dm',
	twitter: 'twitter dm',
	whatsapp: 'whatsapp',
	sms: 'sms',
	phone_call: 'phone call',
	phone: 'phone',
	// Phone Switch moves a caller to a messaging thread; the conversation happens there.
	phone_switch: 'messaging'
};

export function channelWord(...candidates: Array<string | null | undefined>): string | undefined {
	for (const candidate of candidates) {
		const word = candidate ? CHANNEL_WORDS[candidate.toLowerCase()] : undefined;
		if (word) return word;
	}
	return candidates.find((candidate) => candidate) ?? undefined;
}

/** Parts the customer never saw: teammates' notes and Fin's call summaries. */
export function isInternalPart(partType: string | null | undefined): boolean {
	const type = partType?.toLowerCase() ?? '';
	return type.startsWith('note') || type === 'call_summary';
}

/**
 * Only parts with something to read are messages: assignment, open, close, snooze and
 * attribute-change events have no body, and an image-only body has no text either.
 */
export function hasText(body: unknown): body is string {
	return typeof body === 'string' && htmlToText(body).trim() !== '';
}

/** Tags Parity adds to record Intercom facts the canonical schema has no field for. */
export const TAG_PREFIX = 'intercom:';

export function aiAgentTags(
	participated: boolean | null | undefined,
	resolutionState: string | null | undefined
): string[] {
	const tags: string[] = [];
	if (participated === true) tags.push(`${TAG_PREFIX}ai_agent_participated`);
	if (resolutionState) tags.push(`${TAG_PREFIX}ai_resolution:${resolutionState.toLowerCase()}`);
	return tags;
}

/** Intercom writes 0 (or "0") for "nobody assigned". */
export function assignedId(value: string | number | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const text = String(value).trim();
	return text === '' || text === '0' ? null : text;
}
