import { z } from 'zod';

/**
 * The Zendesk Support API objects Parity reads (developer.zendesk.com: Tickets, Ticket
 * Comments, Ticket Audits, Incremental Exports, Satisfaction Ratings, Users, Groups).
 * Only the fields used are declared; the rest of each object is ignored. Values are left
 * as Zendesk wrote them: dates and channels are read by the shared normaliser.
 */

const id = z.union([z.number(), z.string().min(1)]);
const dateLike = z.union([z.string(), z.number()]);
const text = z.string().nullish();

/** How something was created: `channel` is a via type ("email", "native_messaging") or id. */
export const Via = z.object({
	channel: z.union([z.string(), z.number()]).nullish(),
	source: z
		.object({
			from: z.record(z.string(), z.unknown()).nullish(),
			rel: z.string().nullish()
		})
		.nullish()
});
export type Via = z.infer<typeof Via>;

/** Incremental ticket events write `via` as a label ("Web form", "Mail") instead of an object. */
const ViaOrLabel = z.union([Via, z.string()]);

export const Comment = z.object({
	id: id.nullish(),
	type: text,
	author_id: id.nullish(),
	body: text,
	html_body: text,
	plain_body: text,
	public: z.boolean().nullish(),
	created_at: dateLike.nullish(),
	via: ViaOrLabel.nullish()
});
export type Comment = z.infer<typeof Comment>;

export const RatingSummary = z.object({
	id: id.nullish(),
	score: z.string().nullish(),
	comment: text
});

export const Ticket = z.object({
	id,
	created_at: dateLike.nullish(),
	updated_at: dateLike.nullish(),
	generated_timestamp: z.number().nullish(),
	status: text,
	requester_id: id.nullish(),
	submitter_id: id.nullish(),
	assignee_id: id.nullish(),
	group_id: id.nullish(),
	tags: z.array(z.string()).nullish(),
	via: Via.nullish(),
	satisfaction_rating: RatingSummary.nullish(),
	/** Present when the export attached the ticket's comments. */
	comments: z.array(z.unknown()).nullish()
});
export type Ticket = z.infer<typeof Ticket>;

export const User = z.object({
	id,
	name: text,
	email: text,
	phone: text,
	external_id: z.union([z.string(), z.number()]).nullish(),
	role: text
});
export type User = z.infer<typeof User>;

export const Group = z.object({ id, name: text });

/**
 * One change inside an audit (`events[]`) or a ticket event (`child_events[]`): a Comment,
 * a Create or Change of a field (`field_name`/`value` in audits; the field as its own key
 * in ticket events), a satisfaction rating, a notification, …
 */
export const ChangeEvent = z.object({
	id: id.nullish(),
	type: text,
	event_type: text,
	author_id: id.nullish(),
	body: text,
	html_body: text,
	plain_body: text,
	public: z.boolean().nullish(),
	created_at: dateLike.nullish(),
	via: ViaOrLabel.nullish(),
	field_name: text,
	value: z.unknown().optional(),
	score: text,
	status: text,
	requester_id: id.nullish(),
	assignee_id: id.nullish(),
	group_id: id.nullish(),
	tags: z.array(z.string()).nullish()
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const Audit = z.object({
	id: id.nullish(),
	ticket_id: id,
	created_at: dateLike,
	author_id: id.nullish(),
	via: Via.nullish(),
	events: z.array(ChangeEvent)
});
export type Audit = z.infer<typeof Audit>;

export const TicketEvent = z.object({
	id: id.nullish(),
	ticket_id: id,
	created_at: dateLike.nullish(),
	timestamp: z.number().nullish(),
	updater_id: id.nullish(),
	via: ViaOrLabel.nullish(),
	event_type: text,
	child_events: z.array(ChangeEvent).nullish()
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const SatisfactionRating = z.object({
	id: id.nullish(),
	ticket_id: id,
	requester_id: id.nullish(),
	score: z.string(),
	comment: text,
	created_at: dateLike.nullish(),
	updated_at: dateLike.nullish()
});
export type SatisfactionRating = z.infer<typeof SatisfactionRating>;
