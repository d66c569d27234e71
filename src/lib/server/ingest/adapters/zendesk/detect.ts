import { sniffJsonShape } from '../../readers/json-any';
import type { Detection } from '../../types';

/**
 * Recognising Zendesk exports from their first bytes. Each shape is named by keys only
 * Zendesk writes together: a ticket has both `requester_id` and `submitter_id` (Freshdesk
 * tickets have the first, not the second), a comment has `html_body`/`plain_body` or an
 * `audit_id`, an audit has `events` of type Comment/Change/Create.
 */

const TICKET = /"requester_id"\s*:/;
const SUBMITTER = /"submitter_id"\s*:/;
const ZENDESK_URL = /\.zendesk\.com\/api\/v2\//;

function has(sample: string, ...patterns: RegExp[]): boolean {
	return patterns.every((pattern) => pattern.test(sample));
}

function looksLikeTicket(sample: string): boolean {
	return TICKET.test(sample) && (SUBMITTER.test(sample) || ZENDESK_URL.test(sample));
}

export function detectZendeskJson(sample: string): Detection {
	const shape = sniffJsonShape(sample);
	if (!shape) return { confidence: 0, reason: 'not JSON' };
	if (
		has(sample, /"audits?"\s*:\s*[[{]/, /"ticket_id"\s*:/, /"events"\s*:\s*\[/) &&
		/"type"\s*:\s*"(Comment|Change|Create|Notification|VoiceComment)"/.test(sample)
	) {
		return { confidence: 0.95, reason: 'Zendesk ticket audits (events with Comment/Change)' };
	}
	if (has(sample, /"ticket_events"\s*:\s*\[/, /"(child_events|updater_id)"\s*:/)) {
		return { confidence: 0.95, reason: 'Zendesk incremental ticket events' };
	}
	// A ticket embeds `"satisfaction_rating": {…}`: only the list, or a file that is one
	// rating, is a ratings export.
	if (
		/"satisfaction_ratings"\s*:\s*\[|^\uFEFF?\s*\{\s*"satisfaction_rating"\s*:\s*\{/.test(sample) &&
		/"score"\s*:\s*"(good|bad|offered|unoffered)"/.test(sample) &&
		/"ticket_id"\s*:/.test(sample)
	) {
		return { confidence: 0.95, reason: 'Zendesk satisfaction ratings (ticket_id, score)' };
	}
	if (/"tickets?"\s*:\s*[[{]/.test(sample) && looksLikeTicket(sample)) {
		const incremental = /"(end_time|after_cursor|end_of_stream)"\s*:/.test(sample);
		return {
			confidence: 0.95,
			reason: incremental
				? 'Zendesk incremental ticket export page (tickets with requester_id, submitter_id)'
				: 'Zendesk tickets (requester_id, submitter_id, via)'
		};
	}
	// NDJSON or a bare array of ticket objects.
	if (looksLikeTicket(sample) && /"via"\s*:\s*\{/.test(sample)) {
		return {
			confidence: 0.9,
			reason: `${shape === 'ndjson' ? 'NDJSON' : 'JSON'} Zendesk tickets (requester_id, submitter_id, via)`
		};
	}
	if (
		has(sample, /"comments"\s*:\s*\[/, /"author_id"\s*:/) &&
		/"(html_body|plain_body|audit_id)"\s*:/.test(sample)
	) {
		return { confidence: 0.9, reason: 'Zendesk ticket comments (author_id, html_body)' };
	}
	return { confidence: 0, reason: 'no Zendesk ticket, comment, audit or rating fields' };
}
