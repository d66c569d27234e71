import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { importReport } from '$lib/server/dashboard/imports';
import type { PageServerLoad } from './$types';

const Params = z.object({
	id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
	after: z.coerce.number().int().min(0).default(0)
});

export const load: PageServerLoad = ({ locals, params, url }) => {
	const input = Params.safeParse({
		id: params.id,
		after: url.searchParams.get('after') ?? undefined
	});
	if (!input.success) error(404, 'There is no such import.');
	const report = importReport(locals.services.db, input.data.id, input.data.after);
	if (!report) error(404, 'There is no such import.');
	return report;
};
