import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Synthetic exports for throughput benchmarks: deterministic, with the shape of real ones
 * (4–6 messages, customer/AI/agent turns, sentences of support text), not realistic
 * statistics — the demo generator is for that.
 */

const CUSTOMER = [
	'Hi, my card payment was declined twice this morning and I do not know why',
	'Where is my parcel? The tracking page has not changed since Monday',
	'I was charged twice for the same order, please refund the second payment',
	'I cannot log in, the reset link in the email does not work',
	'This is the third time I am asking, nobody has answered my question',
	'Thanks, that solved it. Have a nice day!'
];
const AI = [
	'I can help with that. Could you share the order number?',
	'I have checked your account and the payment is pending with your bank.',
	'You can reset your password from the settings page under Security.'
];
const AGENT = [
	'Sorry for the trouble, I have issued the refund; it takes 3-5 working days.',
	'I have escalated this to our delivery partner and will update you tomorrow.',
	'Your account is unlocked now, please try again.'
];

function pick<T>(list: readonly T[], n: number): T {
	return list[n % list.length] as T;
}

export interface GeneratedConversation {
	id: string;
	channel: string;
	customerEmail: string;
	messages: Array<{ id: string; role: 'customer' | 'ai' | 'agent'; at: number; text: string }>;
	csat: number | null;
}

export function* conversations(
	count: number,
	start = Date.UTC(2026, 0, 5)
): Generator<GeneratedConversation> {
	for (let i = 0; i < count; i++) {
		const startedAt = start + i * 37_000;
		const length = 4 + (i % 3);
		const aiFirst = i % 3 !== 0;
		const messages: GeneratedConversation['messages'] = [];
		for (let m = 0; m < length; m++) {
			const role = m % 2 === 0 ? 'customer' : aiFirst && m < 3 ? 'ai' : 'agent';
			const list = role === 'customer' ? CUSTOMER : role === 'ai' ? AI : AGENT;
			messages.push({
				id: `m${i}-${m}`,
				role,
				at: startedAt + m * 45_000,
				text: pick(list, i + m)
			});
		}
		yield {
			id: `c${i}`,
			channel: i % 4 === 0 ? 'email' : 'chat',
			customerEmail: `customer${i % (count / 2 + 1)}@example.com`,
			messages,
			csat: i % 5 === 0 ? 1 + (i % 5) : null
		};
	}
}

async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
	const out = createWriteStream(path);
	let bytes = 0;
	let buffer = '';
	for (const line of lines) {
		buffer += line + '\n';
		if (buffer.length > 1 << 20) {
			bytes += buffer.length;
			if (!out.write(buffer)) await once(out, 'drain');
			buffer = '';
		}
	}
	bytes += buffer.length;
	out.end(buffer);
	await once(out, 'finish');
	return bytes;
}

export function writeCanonicalNdjson(path: string, count: number): Promise<number> {
	return writeLines(
		path,
		(function* () {
			for (const c of conversations(count)) {
				yield JSON.stringify({
					id: c.id,
					channel: c.channel,
					customer: { email: c.customerEmail },
					csat: c.csat === null ? null : { score: c.csat, scale: '1-5' },
					messages: c.messages.map((m) => ({
						id: m.id,
						role: m.role,
						created_at: new Date(m.at).toISOString(),
						text: m.text
					}))
				});
			}
		})()
	);
}

function csvField(value: string): string {
	return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One message per row, the shape spreadsheet exports have. */
export function writeMessageCsv(path: string, count: number): Promise<number> {
	return writeLines(
		path,
		(function* () {
			yield 'conversation_id,message_id,role,created_at,body,channel,customer_email,csat';
			for (const c of conversations(count)) {
				for (const [index, m] of c.messages.entries()) {
					yield [
						c.id,
						m.id,
						m.role,
						new Date(m.at).toISOString(),
						csvField(m.text),
						c.channel,
						c.customerEmail,
						index === 0 && c.csat !== null ? String(c.csat) : ''
					].join(',');
				}
			}
		})()
	);
}
