import { error } from '@sveltejs/kit';
import { getSetting } from '$lib/server/db/repos/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	// The guard in hooks.server.ts lets nobody in here without a user; this only narrows.
	if (!locals.user) error(401, 'sign in first');
	// Every page shows its timestamps in the organisation's zone, and says which (TimesIn).
	return { user: locals.user, orgZone: getSetting(locals.services.db, 'org.timeZone') };
};
