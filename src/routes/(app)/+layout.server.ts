import { error } from '@sveltejs/kit';
import { DEMO_NOTICE_COOKIE } from '$lib/components/dashboard/demo-notice';
import { getSetting } from '$lib/server/db/repos/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies }) => {
	// The guard in hooks.server.ts lets nobody in here without a user; this only narrows.
	if (!locals.user) error(401, 'sign in first');
	// Every page shows its timestamps in the organisation's zone, and says which (TimesIn).
	return {
		user: locals.user,
		orgZone: getSetting(locals.services.db, 'org.timeZone'),
		// Hidden for the session: left out of the page rather than removed after it loads.
		demoNoticeHidden: cookies.get(DEMO_NOTICE_COOKIE) === 'hidden'
	};
};
