import { describeIssue } from '../../issues';
import type { ConversationDraft, DraftMessage } from '../../types';
import { Conversation, type SatisfactionRating, type Ticket } from './schema';
import {
	isChatSource,
	isDone,
	isOutbound,
	ratingPoint,
	sourceChannel,
	statusWord
} from './vocabulary';

/**
 * Freshdesk tickets mapped to drafts. Pure: values stay as Freshdesk wrote them (ISO times,
 * HTML bodies) for the shared normaliser to read.
 *
 * Who wrote what: Freshdesk names no author beyond a user id, so the requester is the
 * customer, anything `incoming` came from outside (the requester or a contact copied in),
 * a part without a user is Freshdesk's own (the web-chat greeting), and any other user is
 * support staff, for the bot-detection rules to tell Freddy and other bots from agents by
 * author id.
 */

export type Mapped = { ok: true; draft: ConversationDraft } | { ok: false; reason: string };

function idString(raw: unknown): string | null {
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
	return null;
}

function roleOf(part: Conversation, requesterId: string | null): DraftMessage['role'] {
	const userId = idString(part.user_id);
	// Only agents write private notes.
	if (part.private === true) return 'staff';
	if (userId !== null && userId === requesterId) return 'customer';
	if (part.incoming === true) return 'customer';
	if (userId === null) return 'system';
	return 'staff';
}

/** Plain text where Freshdesk gives it (`body_text`), else the HTML body. */
function bodyOf(plain: string | null | undefined, html: string | null | undefined) {
	if (plain && plain.trim() !== '') return { text: plain, html: false, field: 'body_text' };
	return { text: html ?? '', html: true, field: 'body' };
}

function partMessages(
	raws: readonly unknown[],
	requesterId: string | null
): { ok: true; messages: DraftMessage[] } | { ok: false; reason: string } {
	const messages: DraftMessage[] = [];
	for (const [index, raw] of raws.entries()) {
		const path = `conversations[${index}]`;
		const parsed = Conversation.safeParse(raw);
		if (!parsed.success)
			return { ok: false, reason: `${path}.${describeIssue(parsed.error, raw)}` };
		const part = parsed.data;
		const body = bodyOf(part.body_text, part.body);
		messages.push({
			path,
			externalId: part.id,
			role: roleOf(part, requesterId),
			authorId: idString(part.user_id),
			at: part.created_at,
			text: body.text,
			html: body.html,
			isPublic: part.private !== true,
			fields: { at: 'created_at', text: body.field }
		});
	}
	return { ok: true, messages };
}

/**
 * The ticket's description is its first message: the requester's, unless an agent opened
 * the ticket by outbound email. A chat ticket's conversations already hold the whole chat,
 * its description repeating the customer's first line (chatwoot's web-chat fixture): there
 * it is not a message of its own.
 */
function descriptionMessage(ticket: Ticket, hasParts: boolean): DraftMessage | null {
	if (isChatSource(ticket.source) && hasParts) return null;
	const body = bodyOf(ticket.description_text, ticket.description);
	if (body.text.trim() === '') return null;
	const outbound = isOutbound(ticket.source);
	return {
		path: 'ticket',
		// Conversation ids and ticket ids are separate sequences: the prefix keeps them apart.
		externalId: `ticket:${ticket.id}`,
		role: outbound ? 'staff' : 'customer',
		authorId: outbound ? idString(ticket.responder_id) : idString(ticket.requester_id),
		at: ticket.created_at,
		text: body.text,
		html: body.html,
		fields: {
			at: 'created_at',
			text: body.field === 'body_text' ? 'description_text' : 'description'
		}
	};
}

/**
 * One ticket with its conversations: embedded (`include=conversations`) or given beside it
 * (`{"ticket": …, "conversations": […]}`, as an export script pairs GET /tickets/{id} with
 * GET /tickets/{id}/conversations).
 */
export function mapTicket(ticket: Ticket, conversations?: readonly unknown[]): Mapped {
	const requesterId = idString(ticket.requester_id ?? ticket.requester?.id);
	const raws = conversations ?? ticket.conversations ?? [];
	const parts = partMessages(raws, requesterId);
	if (!parts.ok) return parts;
	const description = descriptionMessage(ticket, raws.length > 0);
	const requester = ticket.requester;
	const stats = ticket.stats;
	return {
		ok: true,
		draft: {
			externalId: ticket.id,
			channel: sourceChannel(ticket.source),
			identities: [
				{ kind: 'external', value: requesterId !== null ? `freshdesk:${requesterId}` : null },
				{ kind: 'external', value: requester?.unique_external_id },
				{ kind: 'email', value: requester?.email },
				{ kind: 'email', value: ticket.email },
				{ kind: 'phone', value: requester?.phone },
				{ kind: 'phone', value: requester?.mobile },
				{ kind: 'phone', value: ticket.phone }
			],
			customerName: requester?.name,
			startedAt: ticket.created_at,
			updatedAt: ticket.updated_at,
			// Freshdesk says when a ticket was resolved only with include=stats; otherwise the
			// last message ends it.
			endedAt: isDone(ticket.status) ? (stats?.resolved_at ?? stats?.closed_at) : undefined,
			status: statusWord(ticket.status),
			tags: ticket.tags ?? [],
			assignee: idString(ticket.responder_id),
			team: idString(ticket.group_id),
			csat: null,
			messages: description ? [description, ...parts.messages] : parts.messages,
			fields: {
				externalId: 'ticket.id',
				startedAt: 'created_at',
				endedAt: 'stats.resolved_at',
				channel: 'source'
			}
		}
	};
}

/**
 * A satisfaction rating (GET /surveys/satisfaction_ratings) updates the survey of a ticket
 * imported from another file; the main question's answer is the CSAT.
 */
export function mapRating(rating: SatisfactionRating): Mapped {
	const code = rating.ratings.default_question;
	const point = ratingPoint(code);
	if (point === null) {
		return {
			ok: false,
			reason: `ratings.default_question: not a Freshdesk survey answer: ${JSON.stringify(code) ?? 'missing'} (-103 to 103)`
		};
	}
	return {
		ok: true,
		draft: {
			externalId: rating.ticket_id,
			partial: true,
			csat: {
				offered: true,
				value: point,
				scale: '1-7',
				comment: rating.feedback,
				answeredAt: rating.created_at
			},
			messages: [],
			fields: { externalId: 'ticket_id' }
		}
	};
}
