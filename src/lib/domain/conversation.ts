import { z } from 'zod';

/**
 * The canonical conversation: what every importer produces and the only shape the rest of
 * Parity reads. Browser-safe (no server imports). Instants are epoch milliseconds (UTC).
 */

export const CHANNELS = ['chat', 'email', 'voice', 'social', 'messaging', 'web', 'other'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const AUTHOR_ROLES = ['customer', 'ai', 'agent', 'system'] as const;
export const AuthorRole = z.enum(AUTHOR_ROLES);
export type AuthorRole = z.infer<typeof AuthorRole>;

/** Who handled a conversation, derived from its message roles (see handler.ts). */
export const HANDLERS = ['ai', 'human', 'hybrid', 'none'] as const;
export const Handler = z.enum(HANDLERS);
export type Handler = z.infer<typeof Handler>;

export const IDENTITY_KINDS = ['email', 'phone', 'external', 'handle'] as const;
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

/** The scale a survey was asked on; normalisation to 1..5 lives in scoring. */
export const CSAT_SCALES = [
	'1-5',
	'1-3',
	'1-7',
	'1-10',
	'0-10',
	'good-bad',
	'thumbs',
	'emoji'
] as const;
export const CsatScale = z.enum(CSAT_SCALES);
export type CsatScale = z.infer<typeof CsatScale>;

const instant = z.number().int().finite();
const text = z.string();

export const Identity = z.object({
	kind: IdentityKind,
	value: z.string().min(1)
});
export type Identity = z.infer<typeof Identity>;

export const Csat = z.object({
	/** Whether a survey was sent. Offered with no value = offered but unanswered. */
	offered: z.boolean(),
	/** The answer as the tool recorded it ("4", "good", "👍"); null when unanswered. */
	value: z.string().nullable(),
	scale: CsatScale,
	comment: text.nullable(),
	answeredAt: instant.nullable()
});
export type Csat = z.infer<typeof Csat>;

export const Message = z.object({
	/** The tool's id for the message; when absent, a content key is derived on storage. */
	externalId: z.string().min(1).nullable(),
	role: AuthorRole,
	/**
	 * 'tool' when the export itself said who wrote it (Intercom's author.type bot); 'rules'
	 * when Parity decided between agent and ai from the bot-detection rules, so that
	 * editing the rules can re-derive it later.
	 */
	roleOrigin: z.enum(['tool', 'rules']),
	authorId: z.string().nullable(),
	authorName: z.string().nullable(),
	at: instant,
	text: text,
	isPublic: z.boolean()
});
export type Message = z.infer<typeof Message>;

export const ConversationInput = z.object({
	/** The tool the conversation came from: zendesk, intercom, csv, canonical, … */
	tool: z.string().min(1),
	externalId: z.string().min(1),
	channel: Channel,
	identities: z.array(Identity),
	customerName: z.string().nullable(),
	startedAt: instant,
	endedAt: instant.nullable(),
	status: z.string().nullable(),
	tags: z.array(z.string()),
	assignee: z.string().nullable(),
	team: z.string().nullable(),
	csat: Csat.nullable(),
	messages: z.array(Message),
	/**
	 * When the tool last changed the record, where the export says (a ticket's updated_at):
	 * of two exports of one conversation the newer wins, the older only fills gaps.
	 */
	updatedAt: instant.nullable(),
	/**
	 * A record that only updates a conversation imported from another file (a satisfaction
	 * rating, a status change): it never creates one, and never moves its time span.
	 */
	partial: z.boolean()
});
export type ConversationInput = z.infer<typeof ConversationInput>;
