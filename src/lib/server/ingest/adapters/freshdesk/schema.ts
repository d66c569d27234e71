import { z } from 'zod';

/**
 * The parts of Freshdesk's API v2 objects Parity reads (developers.freshdesk.com: Tickets,
 * Conversations, Satisfaction Ratings). Only the fields used are declared. Times stay
 * `unknown` so that the shared normaliser, not zod, names a bad one
 * ("conversations[2].created_at: not a date: …"); ids may be numbers or strings because
 * export scripts and spreadsheets turn one into the other.
 */

const id = z.union([z.number(), z.string().min(1)]);
const text = z.string().nullish();

export const Requester = z.object({
	id: id.nullish(),
	name: text,
	email: text,
	phone: text,
	mobile: text,
	unique_external_id: z.union([z.string(), z.number()]).nullish()
});
export type Requester = z.infer<typeof Requester>;

export const Conversation = z.object({
	id: id.nullish(),
	user_id: id.nullish(),
	body: text,
	body_text: text,
	/** "Set to true if a particular conversation should appear as being created from outside." */
	incoming: z.boolean().nullish(),
	private: z.boolean().nullish(),
	source: z.number().nullish(),
	/** An address in Freshdesk's API; freshdesk-cli's fixture holds a user id here. */
	from_email: z.unknown().optional(),
	created_at: z.unknown().optional()
});
export type Conversation = z.infer<typeof Conversation>;

export const Ticket = z.object({
	id,
	description: text,
	description_text: text,
	/** 2 Open, 3 Pending, 4 Resolved, 5 Closed; accounts add custom statuses above 5. */
	status: z.union([z.number(), z.string()]).nullish(),
	source: z.union([z.number(), z.string()]).nullish(),
	requester_id: id.nullish(),
	responder_id: id.nullish(),
	group_id: id.nullish(),
	tags: z.array(z.string().nullable()).nullish(),
	/** Present on tickets created with an email or phone, and in some export scripts. */
	email: text,
	phone: text,
	created_at: z.unknown().optional(),
	updated_at: z.unknown().optional(),
	/** `include=requester` on GET /tickets/{id}. */
	requester: Requester.nullish(),
	/** `include=stats`: when the ticket was resolved and closed. */
	stats: z
		.object({ resolved_at: z.unknown().optional(), closed_at: z.unknown().optional() })
		.nullish(),
	/** `include=conversations` (the first ten), or all of them from an export script. */
	conversations: z.array(z.unknown()).nullish()
});
export type Ticket = z.infer<typeof Ticket>;

/** GET /api/v2/surveys/satisfaction_ratings: one answered survey of a ticket. */
export const SatisfactionRating = z.object({
	id: id.nullish(),
	ticket_id: id,
	user_id: id.nullish(),
	feedback: text,
	/** `default_question` is the survey's main question; custom questions follow as `question_<id>`. */
	ratings: z.record(z.string(), z.unknown()),
	created_at: z.unknown().optional(),
	updated_at: z.unknown().optional()
});
export type SatisfactionRating = z.infer<typeof SatisfactionRating>;
