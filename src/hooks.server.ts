import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { attachServices, guardRoutes, loadUser, securityHeaders } from '$lib/server/http/hooks';
import { pageCache } from '$lib/server/http/page-cache';
import { StartupError } from '$lib/server/startup-error';
import { prepareServices } from '$lib/server/services';

export const init: ServerInit = async () => {
	try {
		await prepareServices();
	} catch (error) {
		// A configuration the server cannot run with: one line saying what to change, not a trace.
		if (error instanceof StartupError) {
			console.error(`Parity cannot start: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
};

/**
 * Headers around everything; then services, who is asking, the one route guard, and the
 * analytical pages kept until the data change.
 */
export const handle = sequence(securityHeaders, attachServices, loadUser, guardRoutes, pageCache);
