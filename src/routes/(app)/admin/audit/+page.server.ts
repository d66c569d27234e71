import { z } from 'zod';
import { AUDIT_GROUP_LABELS, AUDIT_LABELS, auditPage } from '$lib/server/audit';
import type { PageServerLoad } from './$types';

const Query = z.object({
	before: z.coerce.number().int().positive().optional().catch(undefined),
	action: z.string().max(40).optional().catch(undefined)
});

export const load: PageServerLoad = ({ locals, url }) => {
	const query = Query.parse(Object.fromEntries(url.searchParams));
	return {
		...auditPage(locals.services.db, query),
		action: query.action ?? '',
		groups: Object.entries(AUDIT_GROUP_LABELS).map(([group, label]) => ({ group, label })),
		labels: AUDIT_LABELS as Record<string, string>
	};
};
