import { z } from 'zod';

/**
 * The parts of Help Scout's conversation objects Parity reads: Mailbox API 2.0
 * (developer.helpscout.com/mailbox-api, threads under `_embedded`, people as
 * `first`/`last`, tags as objects) and the legacy API 1.0 its PHP client still reads
 * (`item`/`items`, threads inline, people as `firstName`/`lastName`, tags as strings).
 * Times stay `unknown` so that the shared normaliser names a bad one.
 */

const id = z.union([z.number(), z.string().min(1)]);
const text = z.string().nullish();

export const Person = z.object({
	id: id.nullish(),
	/** customer, user, team; `system_user` (API v3) for Help Scout's AI-powered users. */
	type: text,
	first: text,
	last: text,
	firstName: text,
	lastName: text,
	email: text,
	phone: text
});
export type Person = z.infer<typeof Person>;

const Source = z.object({ type: text, via: text });

export const Thread = z.object({
	id: id.nullish(),
	/** customer, message, note, chat, phone, lineitem, forwardparent, forwardchild; beaconchat in 1.0. */
	type: text,
	/** published, draft, underreview, hidden. */
	state: text,
	body: text,
	createdAt: z.unknown().optional(),
	createdBy: Person.nullish(),
	customer: Person.nullish(),
	source: Source.nullish()
});
export type Thread = z.infer<typeof Thread>;

const Tag = z.union([z.string(), z.object({ tag: text, name: text })]).nullable();

export const Conversation = z.object({
	id,
	number: id.nullish(),
	/** email, chat, phone. */
	type: text,
	status: text,
	createdAt: z.unknown().optional(),
	closedAt: z.unknown().optional(),
	/** When it last changed: `userUpdatedAt` in 2.0, `modifiedAt` in 1.0. */
	userUpdatedAt: z.unknown().optional(),
	modifiedAt: z.unknown().optional(),
	source: Source.nullish(),
	tags: z.array(Tag).nullish(),
	createdBy: Person.nullish(),
	/** 2.0 */
	primaryCustomer: Person.nullish(),
	assignee: Person.nullish(),
	mailboxId: id.nullish(),
	_embedded: z.object({ threads: z.array(z.unknown()).nullish() }).nullish(),
	/** 1.0: the threads themselves; 2.0: how many there are. */
	threads: z.union([z.array(z.unknown()), z.number()]).nullish(),
	customer: Person.nullish(),
	owner: Person.nullish(),
	mailbox: z.object({ id: id.nullish(), name: text }).nullish()
});
export type Conversation = z.infer<typeof Conversation>;
