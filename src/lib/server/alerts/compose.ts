import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';

/**
 * Builds a complete MIME message once, when it is queued: the outbox stores these bytes, a
 * retry sends them unchanged (same Message-ID, so a receiving server that did get a first
 * attempt can tell), and the .eml outbox file is exactly what SMTP would have carried.
 */

export interface InlineImage {
	cid: string;
	filename: string;
	content: Buffer;
	contentType: 'image/png';
}

export interface OutgoingEmail {
	from: string;
	to: readonly string[];
	subject: string;
	html: string;
	text: string;
	messageId: string;
	date: Date;
	images?: readonly InlineImage[];
	/** Our own bookkeeping, visible to whoever reads the raw message. */
	dedupeKey: string;
}

/** The address part of "Name <addr@host>" or "addr@host". */
export function addressOf(from: string): string {
	return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** A Message-ID that depends only on what the message is (its dedupe key) and the sender. */
export function messageIdFor(dedupeKey: string, from: string): string {
	const domain = addressOf(from).split('@')[1] || 'parity.local';
	const hash = createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 24);
	return `<${hash}@${domain}>`;
}

const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

export async function composeMime(email: OutgoingEmail): Promise<Buffer> {
	const info = await builder.sendMail({
		from: email.from,
		to: [...email.to],
		subject: email.subject,
		text: email.text,
		html: email.html,
		messageId: email.messageId,
		date: email.date,
		headers: {
			// Tells mail servers and out-of-office robots not to answer an automated message.
			'Auto-Submitted': 'auto-generated',
			'X-Auto-Response-Suppress': 'All',
			'X-Parity-Key': email.dedupeKey
		},
		attachments: (email.images ?? []).map((image) => ({
			filename: image.filename,
			content: image.content,
			contentType: image.contentType,
			cid: image.cid,
			contentDisposition: 'inline' as const
		}))
	});
	const message: unknown = info.message;
	if (!Buffer.isBuffer(message))
		throw new Error('nodemailer did not return the message as a buffer');
	return message;
}
