import { expect } from 'vitest';
import { parseConversationQuery } from '../../src/lib/domain/conversation-filters';
import type { DbHandle } from '../../src/lib/server/db/client';
import { listConversations } from '../../src/lib/server/dashboard/conversations';

/** How many conversations the list shows for a link, read as the list page reads it. */
export function listedBy(db: DbHandle, href: string): number {
	const url = new URL(href, 'http://parity.test');
	expect(url.pathname).toBe('/conversations');
	const { filters, position, ignored } = parseConversationQuery(url.searchParams);
	expect(ignored).toEqual([]);
	return listConversations(db, filters, position).count;
}
