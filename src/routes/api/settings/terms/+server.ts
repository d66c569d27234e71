import { json } from '@sveltejs/kit';
import { topicTermReport } from '$lib/server/derive/service';
import type { RequestHandler } from './$types';

/**
 * GET /api/settings/terms: the terms that characterise each topic's recent conversations
 * (TF-IDF), to suggest keywords. Loaded by the settings page on demand: it reads a sample of
 * transcripts, which takes a moment on a large database.
 */
export const GET: RequestHandler = ({ locals }) =>
	json({ topics: topicTermReport(locals.services.db) });
