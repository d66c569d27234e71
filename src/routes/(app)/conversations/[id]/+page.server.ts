import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { conversationQuery, parseConversationQuery } from '$lib/domain/conversation-filters';
import { parseSearch } from '$lib/domain/search';
import { transcript } from '$lib/server/dashboard/transcript';
import type { PageServerLoad } from './$types';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const load: PageServerLoad = ({ locals, params, url }) => {
	const id = Id.safeParse(params.id);
	if (!id.success) error(404, 'There is no such conversation.');
	const found = transcript(locals.services.db, id.data);
	if (!found) error(404, 'There is no such conversation: it was never imported, or it was erased.');
	// The list this was opened from (its filters and page), to go back to and to mark its search.
	const { filters, position } = parseConversationQuery(url.searchParams);
	return {
		transcript: found,
		parityId: id.data,
		back: `/conversations${conversationQuery(filters, position)}`,
		listQuery: conversationQuery(filters),
		terms: filters.q ? parseSearch(filters.q) : []
	};
};
