import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server accepted it. */
export interface ReceivedMail {
	from: string;
	to: string[];
	raw: Buffer;
}

/**
 * How the server answers: accept, defer with 451 after DATA (greylisting, a full queue),
 * defer at RCPT with 450, or refuse for good with 550.
 */
export type SmtpMode = 'accept' | 'defer-data' | 'defer-rcpt' | 'reject';

export interface TestSmtpServer {
	port: number;
	url: string;
	received: ReceivedMail[];
	/** Every DATA transfer the server saw, accepted or not. */
	dataAttempts: number;
	mode: SmtpMode;
	close(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

function smtpError(message: string, responseCode: number): Error {
	return Object.assign(new Error(message), { responseCode });
}

/** A real SMTP server on a loopback port (random unless given), with no TLS and no auth. */
export async function startSmtpServer(options: { port?: number; mode?: SmtpMode } = {}) {
	const state: TestSmtpServer = {
		port: options.port ?? 0,
		url: '',
		received: [],
		dataAttempts: 0,
		mode: options.mode ?? 'accept',
		close: async () => undefined
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (state.mode === 'defer-rcpt') callback(smtpError('mailbox busy, try later', 450));
			else if (state.mode === 'reject') callback(smtpError('no such user here', 550));
			else callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				state.dataAttempts++;
				if (state.mode === 'defer-data') {
					callback(smtpError('queue full, try again later', 451));
					return;
				}
				state.received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((address) => address.address),
					raw: Buffer.concat(chunks)
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(state.port, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	state.port = typeof address === 'object' && address ? address.port : state.port;
	state.url = `smtp://127.0.0.1:${state.port}`;
	state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return state;
}
