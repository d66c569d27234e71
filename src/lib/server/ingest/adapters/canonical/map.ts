import { z } from 'zod';
import { CHANNELS, CSAT_SCALES } from '../../../../domain/conversation';
import type { ConversationDraft } from '../../types';

/**
 * Parity's own interchange format (docs/formats/canonical.md): one conversation per JSON object,
 * snake_case, dates as ISO 8601 or epoch. Values are checked for shape here; dates and the
 * rest are read by the shared normaliser like every other tool's.
 */

const dateLike = z.union([z.string(), z.number()]);
const idLike = z.union([z.string().min(1), z.number()]);
const optionalText = z.string().nullish();

export const CanonicalMessage = z.object({
	id: idLike.nullish(),
	role: z.enum(['customer', 'ai', 'agent', 'system', 'staff']),
	author_id: idLike.nullish(),
	author_name: optionalText,
	created_at: dateLike,
	text: z.string(),
	public: z.boolean().optional()
});

export const CanonicalConversation = z.object({
	id: idLike,
	channel: z.union([z.enum(CHANNELS), z.string()]).optional(),
	started_at: dateLike.nullish(),
	ended_at: dateLike.nullish(),
	updated_at: dateLike.nullish(),
	status: optionalText,
	tags: z.array(z.string()).optional(),
	assignee: optionalText,
	team: optionalText,
	customer: z
		.object({
			email: optionalText,
			phone: optionalText,
			id: idLike.nullish(),
			handle: optionalText,
			name: optionalText
		})
		.optional(),
	csat: z
		.object({
			offered: z.boolean().optional(),
			score: z.union([z.number(), z.string()]).nullish(),
			scale: z.enum(CSAT_SCALES).optional(),
			comment: optionalText,
			answered_at: dateLike.nullish()
		})
		.nullish(),
	messages: z.array(CanonicalMessage)
});
export type CanonicalConversation = z.infer<typeof CanonicalConversation>;

export function mapCanonical(record: CanonicalConversation): ConversationDraft {
	const customer = record.customer ?? {};
	return {
		externalId: record.id,
		channel: record.channel,
		startedAt: record.started_at,
		endedAt: record.ended_at,
		updatedAt: record.updated_at,
		status: record.status,
		tags: record.tags,
		assignee: record.assignee,
		team: record.team,
		customerName: customer.name,
		identities: [
			{ kind: 'email', value: customer.email },
			{ kind: 'phone', value: customer.phone },
			{ kind: 'external', value: customer.id },
			{ kind: 'handle', value: customer.handle }
		],
		csat: record.csat
			? {
					offered: record.csat.offered ?? true,
					value: record.csat.score,
					scale: record.csat.scale ?? null,
					comment: record.csat.comment,
					answeredAt: record.csat.answered_at
				}
			: null,
		messages: record.messages.map((message, index) => ({
			path: `messages[${index}]`,
			externalId: message.id,
			role: message.role,
			authorId: message.author_id,
			authorName: message.author_name,
			at: message.created_at,
			text: message.text,
			isPublic: message.public ?? true,
			fields: { at: 'created_at' }
		})),
		fields: { externalId: 'id', startedAt: 'started_at', endedAt: 'ended_at' }
	};
}
