// The server `npm start` runs when nothing says where the dashboard is reached (no ORIGIN, no
// PROTOCOL_HEADER). adapter-node then takes every request to have come over https, so a
// browser on http://localhost:3000 or http://host-on-the-lan:3000 had each form refused as a
// cross-site post. This server speaks plain http itself, so it says so on every request, in a
// header no client can set (it is overwritten), and the host stays the one the browser used.
import http from 'node:http';
import { join } from 'node:path';

const PROTOCOL_HEADER = 'x-parity-served-protocol';

export async function servePlainHttp(root) {
	// Read by the handler when it is first imported.
	process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	const { handler } = await import(join(root, 'build', 'handler.js'));
	const host = process.env.HOST || '0.0.0.0';
	const port = Number(process.env.PORT || 3000);

	const server = http.createServer((request, response) => {
		request.headers[PROTOCOL_HEADER] = 'http';
		handler(request, response, () => {
			response.statusCode = 404;
			response.end('Not found');
		});
	});
	server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

	// As adapter-node's own server does: finish what is in flight, then let the app close.
	let stopping = false;
	const shutdown = (reason) => {
		if (stopping) return;
		stopping = true;
		server.closeIdleConnections();
		server.close(() => process.emit('sveltekit:shutdown', reason));
		setTimeout(() => server.closeAllConnections(), 30_000).unref();
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}
