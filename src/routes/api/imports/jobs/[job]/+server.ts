import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { jobProgress } from '$lib/server/dashboard/imports';
import type { RequestHandler } from './$types';

const JobId = z.string().regex(/^[\w-]{6,40}$/);

/** GET /api/imports/jobs/<job>: an upload's import, live (what the imports page polls). */
export const GET: RequestHandler = ({ locals, params }) => {
	const job = JobId.safeParse(params.job);
	if (!job.success) error(404, 'no such job');
	const progress = jobProgress(locals.services.db, job.data);
	if (!progress) error(404, 'no such job');
	return json(progress);
};
