import { parseConversationQuery } from '$lib/domain/conversation-filters';
import {
	conversationsCsvLines,
	conversationsCsvName
} from '$lib/server/dashboard/conversations-csv';
import { csvStream } from '$lib/server/http/csv';
import type { RequestHandler } from './$types';

/** The transcript list with the page's filters, as a CSV file streamed page by page. */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filters } = parseConversationQuery(url.searchParams);
	return csvStream(
		conversationsCsvLines(locals.services.db, filters, url.origin),
		conversationsCsvName(filters)
	);
};
