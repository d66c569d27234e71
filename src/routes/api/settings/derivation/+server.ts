import { json } from '@sveltejs/kit';
import { derivationStatus } from '$lib/server/dashboard/settings';
import type { RequestHandler } from './$types';

/** GET /api/settings/derivation: whether figures reflect the settings yet (polled after a change). */
export const GET: RequestHandler = ({ locals }) => json(derivationStatus(locals.services.db));
