import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { dataDir } from '../paths';
import { addressOf } from './compose';

/**
 * Where queued messages go: an SMTP server (SMTP_URL), or, in the embedded default with no
 * mail server configured, .eml files in data/outbox/ that any mail program opens.
 */

export interface OutgoingMessage {
	id: number;
	kind: string;
	from: string;
	to: readonly string[];
	raw: Buffer;
}

export interface DeliveryResult {
	via: 'smtp' | 'file';
	/** The server's final reply, or the file written. */
	response: string;
	/** Recipients the server refused while accepting the others. */
	rejected: string[];
}

/** A failed delivery; `permanent` when trying again cannot help (the server refused the message for good). */
export class DeliveryError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean
	) {
		super(message);
	}
}

export interface MailTransport {
	readonly kind: 'smtp' | 'file';
	/** For logs and the dashboard, without credentials. */
	readonly description: string;
	send(message: OutgoingMessage): Promise<DeliveryResult>;
	close(): void;
}

interface SmtpErrorShape {
	code?: unknown;
	responseCode?: unknown;
	response?: unknown;
	message?: unknown;
}

/**
 * 5xx replies to the envelope or the message are final for this message; everything else
 * (4xx, refused or dropped connections, timeouts, a wrong password) is about the server or
 * its configuration and may pass later.
 */
export function classifySmtpError(error: unknown): DeliveryError {
	const shape = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorShape;
	const code = typeof shape.code === 'string' ? shape.code : '';
	const responseCode = typeof shape.responseCode === 'number' ? shape.responseCode : null;
	const permanent =
		responseCode !== null &&
		responseCode >= 500 &&
		responseCode < 600 &&
		(code === 'EENVELOPE' || code === 'EMESSAGE');
	const text = typeof shape.message === 'string' ? shape.message : String(error);
	return new DeliveryError([code, text].filter(Boolean).join(': '), permanent);
}

function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'smtp (unparsable SMTP_URL)';
	}
}

export function smtpTransport(
	url: string,
	timeouts: { connectionMs?: number; socketMs?: number } = {}
): MailTransport {
	const transporter = createTransport({
		url,
		connectionTimeout: timeouts.connectionMs ?? 10_000,
		greetingTimeout: timeouts.connectionMs ?? 10_000,
		socketTimeout: timeouts.socketMs ?? 60_000
	});
	return {
		kind: 'smtp',
		description: redactUrl(url),
		async send(message) {
			let info: { response?: unknown; rejected?: unknown };
			try {
				info = await transporter.sendMail({
					envelope: { from: addressOf(message.from), to: [...message.to] },
					raw: message.raw
				});
			} catch (error) {
				throw classifySmtpError(error);
			}
			const rejected = Array.isArray(info.rejected)
				? info.rejected.map((entry: unknown) =>
						typeof entry === 'string'
							? entry
							: String((entry as { address?: unknown }).address ?? entry)
					)
				: [];
			return {
				via: 'smtp',
				response: typeof info.response === 'string' ? info.response : 'accepted',
				rejected
			};
		},
		close: () => transporter.close()
	};
}

/**
 * Writes each message to `<dir>/<id>-<kind>.eml`. The name depends only on the message, so
 * writing it again after a crash replaces the file instead of adding a second one.
 */
export function fileTransport(dir: string): MailTransport {
	return {
		kind: 'file',
		description: `files in ${dir}`,
		async send(message) {
			mkdirSync(dir, { recursive: true });
			const path = join(dir, `${String(message.id).padStart(6, '0')}-${message.kind}.eml`);
			const temporary = `${path}.tmp`;
			writeFileSync(temporary, message.raw);
			renameSync(temporary, path);
			return { via: 'file', response: path, rejected: [] };
		},
		close: () => undefined
	};
}

export const defaultOutboxDir = join(dataDir, 'outbox');

/** Where messages go under this environment, for the dashboard (no password shown). */
export function deliveryTarget(
	env: Record<string, string | undefined> = process.env,
	outboxDir = defaultOutboxDir
): { kind: 'smtp' | 'file'; description: string } {
	const url = env.SMTP_URL?.trim();
	return url
		? { kind: 'smtp', description: redactUrl(url) }
		: { kind: 'file', description: outboxDir };
}

/** SMTP when SMTP_URL is set, the outbox folder otherwise. */
export function transportFromEnv(
	env: Record<string, string | undefined> = process.env,
	outboxDir = defaultOutboxDir
): MailTransport {
	const url = env.SMTP_URL?.trim();
	return url ? smtpTransport(url) : fileTransport(outboxDir);
}

/** The sender: MAIL_FROM when the environment sets it (with SMTP_URL), else the setting. */
export function senderAddress(
	setting: string,
	env: Record<string, string | undefined> = process.env
): string {
	return env.MAIL_FROM?.trim() || setting;
}
