import { listImports, sourceSummaries } from '$lib/server/db/repos/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const { db } = locals.services;
	return { sources: sourceSummaries(db), imports: listImports(db, 20) };
};
