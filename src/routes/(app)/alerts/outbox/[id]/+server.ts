import { error } from '@sveltejs/kit';
import { outboxMessage } from '$lib/server/alerts/service';
import type { RequestHandler } from './$types';

/** The message exactly as queued, for any mail program to open (.eml). */
export const GET: RequestHandler = ({ params, locals }) => {
	const id = Number(params.id);
	const message = Number.isInteger(id) ? outboxMessage(locals.services.db, id) : null;
	if (!message) error(404, `no message #${params.id}`);
	return new Response(new Uint8Array(message.raw), {
		headers: {
			'Content-Type': 'message/rfc822',
			'Content-Disposition': `attachment; filename="parity-${message.id}-${message.kind}.eml"`
		}
	});
};
