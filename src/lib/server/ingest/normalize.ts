import type {
	Channel,
	ConversationInput,
	Csat,
	CsatScale,
	Identity,
	IdentityKind,
	Message
} from '../../domain/conversation';
import type { BotMatcher } from './bot-rules';
import { parseInstant, type DateOrder } from './dates';
import type { ConversationDraft, DraftCsat, DraftMessage } from './types';

/**
 * The one normaliser every adapter's drafts go through: dates, channels, identities, roles,
 * CSAT scales and text are made canonical here and nowhere else. A value that cannot be
 * read rejects the record with a reason naming the field and the value.
 */

export interface NormalizeOptions {
	tool: string;
	timeZone: string;
	dateOrder?: DateOrder;
	bots: BotMatcher;
}

export type Normalized =
	{ ok: true; conversation: ConversationInput } | { ok: false; reason: string };

class FieldError extends Error {}

const CHANNEL_WORDS: Record<string, Channel> = {};
function channelWords(channel: Channel, words: string[]) {
	for (const word of words) CHANNEL_WORDS[word] = channel;
}
channelWords('chat', [
	'chat',
	'live chat',
	'livechat',
	'web chat',
	'webchat',
	'native chat',
	'chat transcript',
	'in app',
	'inapp',
	'messenger chat',
	'conversation',
	'mobile sdk',
	'sdk',
	'widget',
	'intercom'
]);
channelWords('email', [
	'email',
	'e mail',
	'mail',
	'email forward',
	'inbound email',
	'outbound email'
]);
channelWords('voice', [
	'voice',
	'phone',
	'call',
	'phone call',
	'voicemail',
	'telephone',
	'ivr',
	'inbound call'
]);
channelWords('social', [
	'social',
	'facebook',
	'facebook post',
	'twitter',
	'x',
	'tweet',
	'instagram',
	'instagram comment',
	'linkedin',
	'tiktok',
	'youtube'
]);
channelWords('messaging', [
	'messaging',
	'native messaging',
	'whatsapp',
	'sms',
	'text',
	'text message',
	'telegram',
	'line',
	'wechat',
	'facebook messenger',
	'messenger',
	'instagram dm',
	'twitter dm',
	'apple business chat',
	'viber',
	'rcs',
	'any channel'
]);
channelWords('web', [
	'web',
	'web form',
	'webform',
	'form',
	'contact form',
	'help center',
	'helpcenter',
	'portal',
	'api',
	'ticket',
	'web widget'
]);
// Zendesk via types the words above miss (developer.zendesk.com, Via types reference).
channelWords('voice', ['phone call inbound', 'phone call outbound']);
channelWords('messaging', [
	'facebook message',
	'sunshine conversations facebook messenger',
	'sunshine conversations twitter dm',
	'google business messages',
	'kakaotalk',
	'messagebird sms'
]);
channelWords('web', ['web service', 'answer bot for web widget']);
channelWords('chat', ['answer bot for sdk']);

/** The canonical channel for a tool's channel word ("native_messaging" → messaging). */
export function normalizeChannel(raw: unknown): Channel {
	if (typeof raw !== 'string') return 'other';
	const word = raw
		.toLowerCase()
		.replace(/[_\-./]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return CHANNEL_WORDS[word] ?? 'other';
}

/** Identity values in the form used to match customers across conversations and tools. */
export function normalizeIdentity(kind: IdentityKind, raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	const value = String(raw).trim();
	if (value === '') return null;
	switch (kind) {
		case 'email': {
			const email = value.toLowerCase().replace(/^mailto:/, '');
			return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
		}
		case 'phone': {
			const international = /^(\+|00)/.test(value);
			const digits = value.replace(/\D/g, '').replace(/^00/, '');
			if (digits.length < 7 || digits.length > 15) return null;
			return international ? `+${digits}` : digits;
		}
		case 'handle':
			return value.toLowerCase().replace(/^@/, '') || null;
		case 'external':
			return value;
	}
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' '
};

/** Plain text from a tool's HTML body: block ends become line breaks, entities are decoded. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
			if (name[0] === '#') {
				const code =
					name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return Number.isFinite(code) && code > 0 && code < 0x110000
					? String.fromCodePoint(code)
					: entity;
			}
			return ENTITIES[name.toLowerCase()] ?? entity;
		})
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function optionalString(raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	if (typeof raw === 'string') return raw.trim() === '' ? null : raw.trim();
	if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	return null;
}

function requiredId(raw: unknown, field: string): string {
	const value = optionalString(raw);
	if (value === null) {
		throw new FieldError(
			`${field}: ${raw === undefined || raw === null || raw === '' ? 'missing' : `not an id: ${JSON.stringify(raw)}`}`
		);
	}
	return value;
}

function instant(raw: unknown, field: string, options: NormalizeOptions): number {
	const result = parseInstant(raw, { zone: options.timeZone, order: options.dateOrder });
	if (!result.ok) throw new FieldError(`${field}: ${result.reason}`);
	return result.instant;
}

function optionalInstant(raw: unknown, field: string, options: NormalizeOptions): number | null {
	if (raw === null || raw === undefined || raw === '') return null;
	return instant(raw, field, options);
}

function normalizeTags(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;|]/) : [];
	const tags = new Set<string>();
	for (const tag of list) {
		const value = optionalString(
			typeof tag === 'object' && tag !== null && 'name' in tag
				? (tag as { name: unknown }).name
				: tag
		);
		if (value !== null) tags.add(value);
	}
	return [...tags];
}

const THUMBS = /^(👍|👎|thumbs ?up|thumbs ?down|up|down)$/i;
const GOOD_BAD = /^(good|bad|satisfied|unsatisfied|dissatisfied|positive|negative)$/i;

function inferCsatScale(value: string): CsatScale {
	if (GOOD_BAD.test(value)) return 'good-bad';
	if (THUMBS.test(value)) return 'thumbs';
	if (/^\p{Extended_Pictographic}/u.test(value)) return 'emoji';
	const number = Number(value);
	if (Number.isFinite(number) && number > 5) return '0-10';
	return '1-5';
}

function normalizeCsat(raw: DraftCsat | null | undefined, options: NormalizeOptions): Csat | null {
	if (!raw) return null;
	const value = optionalString(raw.value);
	return {
		offered: raw.offered || value !== null,
		value,
		scale: raw.scale ?? (value !== null ? inferCsatScale(value) : '1-5'),
		comment: optionalString(raw.comment),
		answeredAt: value === null ? null : optionalInstant(raw.answeredAt, 'csat.answered_at', options)
	};
}

function normalizeMessage(draft: DraftMessage, options: NormalizeOptions): Message {
	const fields = draft.fields ?? {};
	const at = instant(draft.at, `${draft.path}.${fields.at ?? 'at'}`, options);
	const authorId = optionalString(draft.authorId);
	const authorName = optionalString(draft.authorName);
	let text: string;
	if (typeof draft.text === 'string') text = draft.html ? htmlToText(draft.text) : draft.text;
	else if (draft.text === null || draft.text === undefined) text = '';
	else if (typeof draft.text === 'number') text = String(draft.text);
	else
		throw new FieldError(`${draft.path}.${fields.text ?? 'text'}: not text: ${typeof draft.text}`);

	let role: Message['role'];
	let roleOrigin: Message['roleOrigin'] = 'tool';
	if (draft.role === 'staff') {
		role = options.bots.isBot({ id: authorId, name: authorName }, options.tool) ? 'ai' : 'agent';
		roleOrigin = 'rules';
	} else role = draft.role;

	return {
		externalId: optionalString(draft.externalId),
		role,
		roleOrigin,
		authorId,
		authorName,
		at,
		text,
		isPublic: draft.isPublic ?? true
	};
}

export function normalizeConversation(
	draft: ConversationDraft,
	options: NormalizeOptions
): Normalized {
	try {
		const fields = draft.fields ?? {};
		const externalId = requiredId(draft.externalId, fields.externalId ?? 'id');
		const messages = draft.messages.map((message) => normalizeMessage(message, options));
		// Exports list parts out of order (chatwoot's Freshdesk fixture does): time decides.
		messages.sort((a, b) => a.at - b.at);

		const first = messages[0]?.at ?? null;
		const last = messages.at(-1)?.at ?? null;
		const partial = draft.partial ?? false;
		// A partial record only updates a stored conversation: its own times say when the
		// update was made, so only the messages it carries may widen the stored span (0 and
		// null leave it alone; see mergeFields).
		const startedAt = partial
			? (first ?? 0)
			: (optionalInstant(draft.startedAt, fields.startedAt ?? 'started_at', options) ?? first);
		if (startedAt === null) {
			throw new FieldError(
				`${fields.startedAt ?? 'started_at'}: missing (and no message has a date)`
			);
		}
		const endedAt = partial
			? last
			: (optionalInstant(draft.endedAt, fields.endedAt ?? 'ended_at', options) ?? last);

		const identities: Identity[] = [];
		const seen = new Set<string>();
		for (const identity of draft.identities ?? []) {
			const value = normalizeIdentity(identity.kind, identity.value);
			const key = `${identity.kind}:${value}`;
			if (value !== null && !seen.has(key)) {
				seen.add(key);
				identities.push({ kind: identity.kind, value });
			}
		}

		return {
			ok: true,
			conversation: {
				tool: options.tool,
				externalId,
				channel: normalizeChannel(draft.channel),
				identities,
				customerName: optionalString(draft.customerName),
				startedAt: first !== null ? Math.min(startedAt, first) : startedAt,
				endedAt: endedAt !== null && last !== null ? Math.max(endedAt, last) : endedAt,
				status: optionalString(draft.status)?.toLowerCase() ?? null,
				tags: normalizeTags(draft.tags),
				assignee: optionalString(draft.assignee),
				team: optionalString(draft.team),
				csat: normalizeCsat(draft.csat, options),
				messages,
				// A partial record's times say when the update was made, not which export is newer.
				updatedAt: partial
					? null
					: optionalInstant(draft.updatedAt, fields.updatedAt ?? 'updated_at', options),
				partial
			}
		};
	} catch (error) {
		if (error instanceof FieldError) return { ok: false, reason: error.message };
		throw error;
	}
}
