import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { attachServices, guardRoutes, loadUser, securityHeaders } from '$lib/server/http/hooks';
import { pageCache } from '$lib/server/http/page-cache';
import { prepareServices } from '$lib/server/services';

export const init: ServerInit = async () => {
	await prepareServices();
};

/**
 * Headers around everything; then services, who is asking, the one route guard, and the
 * analytical pages kept until the data change.
 */
export const handle = sequence(securityHeaders, attachServices, loadUser, guardRoutes, pageCache);
