import { parseConversationQuery } from '$lib/domain/conversation-filters';
import { searchNotes } from '$lib/domain/search';
import { conversationsPage } from '$lib/server/dashboard/conversations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { filters, position, ignored } = parseConversationQuery(url.searchParams);
	return {
		...conversationsPage(locals.services.db, filters, position),
		filters,
		paged: position.after !== undefined || position.before !== undefined,
		ignored,
		searchNotes: searchNotes(filters.q ?? '')
	};
};
