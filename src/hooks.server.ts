import type { Handle, ServerInit } from '@sveltejs/kit';
import { prepareServices, startServices } from '$lib/server/services';

export const init: ServerInit = async () => {
	await prepareServices();
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.services = startServices();
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	return response;
};
