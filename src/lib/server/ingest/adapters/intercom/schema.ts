import { z } from 'zod';

/**
 * The parts of Intercom's REST objects (API 2.x and Unstable) that Parity reads. Everything
 * is optional or nullable because list items, search results and older API versions each
 * leave different fields out; times stay `unknown` so that the shared normaliser, not zod,
 * names a bad one ("conversation_parts[2].created_at: not a date: …").
 */

const id = z.union([z.string(), z.number()]);
const text = z.string().nullish();

export const Author = z.object({
	type: text,
	id: id.nullish(),
	name: text,
	email: text,
	/** "If this conversation part was sent by the AI Agent" (Fin speaking as an admin). */
	from_ai_agent: z.boolean().nullish()
});
export type Author = z.infer<typeof Author>;

export const Part = z.object({
	id: id.nullish(),
	part_type: text,
	body: text,
	created_at: z.unknown().optional(),
	author: Author.nullish()
});
export type Part = z.infer<typeof Part>;

export const Source = z.object({
	type: text,
	id: id.nullish(),
	delivered_as: text,
	body: text,
	author: Author.nullish()
});
export type Source = z.infer<typeof Source>;

export const Contact = z.object({
	id: id.nullish(),
	external_id: id.nullish(),
	email: text,
	phone: text,
	name: text
});
export type Contact = z.infer<typeof Contact>;

const Tag = z.union([z.object({ name: text }), z.string()]).nullable();

/** `{"type": "tag.list", "tags": [...]}` in API 2.x; a bare array in some export scripts. */
const Tags = z.union([z.object({ tags: z.array(Tag).nullish() }), z.array(Tag)]).nullish();

export const Rating = z.object({
	/** Absent or null while the survey was sent and not answered. */
	rating: z.union([z.number(), z.string()]).nullish(),
	remark: text,
	/** "The time the rating was requested in the conversation being rated." */
	created_at: z.unknown().optional(),
	updated_at: z.unknown().optional()
});

export const AiAgent = z.object({
	source_type: text,
	resolution_state: text,
	rating: z.union([z.number(), z.string()]).nullish(),
	rating_remark: text
});

const TeamResponseTime = z.object({ team_id: id.nullish(), team_name: text }).nullable();

export const Statistics = z.object({
	last_close_at: z.unknown().optional(),
	assigned_team_first_response_time: z.array(TeamResponseTime).nullish()
});

const common = {
	id,
	created_at: z.unknown().optional(),
	updated_at: z.unknown().optional(),
	contacts: z.object({ contacts: z.array(Contact.nullable()).nullish() }).nullish(),
	admin_assignee_id: id.nullish(),
	team_assignee_id: id.nullish(),
	open: z.boolean().nullish()
};

export const Conversation = z.object({
	...common,
	type: z.literal('conversation').optional(),
	state: text,
	tags: Tags,
	source: Source.nullish(),
	conversation_rating: Rating.nullish(),
	statistics: Statistics.nullish(),
	conversation_parts: z
		.object({ conversation_parts: z.array(Part.nullable()).nullish() })
		.nullish(),
	ai_agent_participated: z.boolean().nullish(),
	ai_agent: AiAgent.nullish(),
	/** Unstable only: `{"initial": "messenger", "current": "messenger"}`. */
	channel: z.object({ initial: text, current: text }).nullish()
});
export type Conversation = z.infer<typeof Conversation>;

export const Ticket = z.object({
	...common,
	type: z.literal('ticket'),
	/** An object with `category` in 2.14; a plain string in Unstable. */
	ticket_state: z.union([z.string(), z.object({ category: text })]).nullish(),
	category: text,
	ticket_type: z.object({ category: text }).nullish(),
	tags: Tags,
	ticket_parts: z.object({ ticket_parts: z.array(Part.nullable()).nullish() }).nullish()
});
export type Ticket = z.infer<typeof Ticket>;
