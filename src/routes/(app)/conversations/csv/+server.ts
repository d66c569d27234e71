import { parseConversationQuery } from '$lib/domain/conversation-filters';
import {
	conversationsCsvLines,
	conversationsCsvName
} from '$lib/server/dashboard/conversations-csv';
import type { RequestHandler } from './$types';

/** The transcript list with the page's filters, as a CSV file streamed page by page. */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filters } = parseConversationQuery(url.searchParams);
	const lines = conversationsCsvLines(locals.services.db, filters, url.origin);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = lines.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		cancel() {
			lines.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${conversationsCsvName(filters)}"`
		}
	});
};
