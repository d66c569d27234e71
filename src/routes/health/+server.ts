import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	locals.services.db.sqlite.prepare('SELECT 1').get();
	return json({ ok: true });
};
