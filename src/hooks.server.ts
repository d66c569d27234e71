import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { attachServices, guardRoutes, loadUser, securityHeaders } from '$lib/server/http/hooks';
import { prepareServices } from '$lib/server/services';

export const init: ServerInit = async () => {
	await prepareServices();
};

/** Headers around everything; then services, who is asking, and the one route guard. */
export const handle = sequence(securityHeaders, attachServices, loadUser, guardRoutes);
