import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	// The guard in hooks.server.ts lets nobody in here without a user; this only narrows.
	if (!locals.user) error(401, 'sign in first');
	return { user: locals.user };
};
