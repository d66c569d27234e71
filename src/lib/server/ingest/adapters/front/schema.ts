import { z } from 'zod';

/**
 * The parts of Front's Core API objects Parity reads (dev.frontapp.com, the Core API's
 * OpenAPI description: ConversationResponse, MessageResponse, CommentResponse,
 * TeammateResponse, RecipientResponse, ContactResponse). Only the fields used are declared.
 * Times stay `unknown` so that the shared normaliser, not zod, names a bad one
 * ("messages[1].created_at: not a date: …"): Front writes them as epoch seconds with
 * milliseconds as decimals (1701292649.333).
 */

const text = z.string().nullish();

/** Front's list responses: `{"_links": …, "_pagination": …, "_results": […]}`. */
const ListOrPage = z.union([z.array(z.unknown()), z.object({ _results: z.array(z.unknown()) })]);

export const Teammate = z.object({
	id: text,
	email: text,
	username: text,
	first_name: text,
	last_name: text,
	/**
	 * `user` for people, `visitor` for guests; a bot is named by what it acts for: `rule`,
	 * `macro`, `API` (OAuth clients), `integration`, `CSAT` (author of survey-answer comments).
	 */
	type: text,
	_links: z
		.object({ related: z.object({ botSource: text }).partial().nullish() })
		.partial()
		.nullish()
});
export type Teammate = z.infer<typeof Teammate>;

const LinkToContact = z
	.object({ related: z.object({ contact: text }).partial().nullish() })
	.partial()
	.nullish();

export const Recipient = z.object({
	name: text,
	/** Any string that identifies the contact on the channel: an address, a number, a handle. */
	handle: text,
	/** from, to, cc, bcc, reply-to. */
	role: text,
	_links: LinkToContact
});
export type Recipient = z.infer<typeof Recipient>;

export const Message = z.object({
	id: text,
	/** call, custom, email, facebook, front_chat, googleplay, intercom, internal, phone-call, sms, tweet, tweet_dm, whatsapp, yalo_wha. */
	type: text,
	is_inbound: z.boolean().nullish(),
	/** Set only on a draft: `shared` or `private`. */
	draft_mode: text,
	created_at: z.unknown().optional(),
	author: Teammate.nullish(),
	recipients: z.array(Recipient).nullish(),
	body: text,
	/** The body as text, for email messages. */
	text: text
});
export type Message = z.infer<typeof Message>;

export const Comment = z.object({
	id: text,
	author: Teammate.nullish(),
	body: text,
	posted_at: z.unknown().optional()
});
export type Comment = z.infer<typeof Comment>;

export const Contact = z.object({
	id: text,
	name: text,
	/** `source`: email, phone, twitter, facebook, intercom, front_chat, custom. */
	handles: z.array(z.object({ handle: text, source: text })).nullish()
});
export type Contact = z.infer<typeof Contact>;

const Tag = z.union([z.string(), z.object({ name: text })]).nullable();

export const Conversation = z.object({
	id: z.string().min(1),
	subject: text,
	/** archived, unassigned, assigned, deleted, snoozed, invisible; open, waiting, resolved with ticketing. */
	status: text,
	status_category: text,
	assignee: Teammate.nullish(),
	/** The main contact of the conversation. */
	recipient: Recipient.nullish(),
	tags: z.array(Tag).nullish(),
	created_at: z.unknown().optional(),
	/** Embedded by an export script from GET /conversations/{id}/messages and …/comments. */
	messages: ListOrPage.nullish(),
	comments: ListOrPage.nullish(),
	/** Embedded by an export script from the recipient's contact link. */
	contact: Contact.nullish()
});
export type Conversation = z.infer<typeof Conversation>;
