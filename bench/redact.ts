// Throughput of redact() on realistic support messages: how many messages per second the
// PII minimisation at import can take (the import's target is ~100k messages/s in all).
// Run: npx tsx bench/redact.ts
import { redact } from '../src/lib/server/privacy/redact';

let seed = 42;
function random(): number {
	seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
	return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const plain = [
	'Hi, I still have not received my refund, can you check?',
	'Thanks for reaching out! I can help you with that.',
	'The app keeps crashing when I open the settings page.',
	'Is there a human I can talk to? This is not helping.',
	'I understand how frustrating that must be. Let me look into your account.',
	'Your subscription renews on the first of every month.',
	'Could you please try logging out and back in again?',
	'Great, that worked. Thank you so much for your help!'
];
const numeric = [
	'Order #100234556 was placed on 2026-03-02 at 14:30 for €1,234.56.',
	'I was charged $49.99 twice on 03/02/2026, order 100234557.',
	'Tracking 1Z999AA10123456784 shows delivered at 09:12 but nothing arrived.',
	'Invoice INV-2026-000123 lists 3 items, total 1.234,56 €.'
];
const personal = [
	'You can reach me at jane.doe@example.com or +44 20 7946 0958.',
	'My card 4242 4242 4242 4242 was charged, please refund to DE89 3704 0044 0532 0130 00.',
	'Call me on (415) 555-0123 after 5pm, my email is j.smith@mail.example.org.',
	'My phone number is 07700900123.'
];

function corpus(size: number, mix: { numeric: number; personal: number }): string[] {
	const out: string[] = [];
	for (let i = 0; i < size; i++) {
		const r = random();
		const pool = r < mix.personal ? personal : r < mix.personal + mix.numeric ? numeric : plain;
		// Messages are one to three sentences.
		const sentences = 1 + Math.floor(random() * 3);
		const parts = [pick(pool)];
		for (let s = 1; s < sentences; s++) parts.push(pick(plain));
		out.push(parts.join(' '));
	}
	return out;
}

function measure(name: string, messages: string[]): void {
	const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m), 0);
	for (const m of messages.slice(0, 20_000)) redact(m); // warm up the JIT
	const rounds = 5;
	let best = Infinity;
	let changed = 0;
	for (let round = 0; round < rounds; round++) {
		const started = process.hrtime.bigint();
		changed = 0;
		for (const m of messages) if (redact(m) !== m) changed++;
		best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
	}
	const perSecond = messages.length / best;
	console.log(
		`${name.padEnd(34)} ${messages.length.toLocaleString('en')} messages, avg ${Math.round(bytes / messages.length)} B: ` +
			`${Math.round(perSecond).toLocaleString('en')} messages/s, ${(bytes / best / 1e6).toFixed(1)} MB/s ` +
			`(${((100 * changed) / messages.length).toFixed(1)}% changed)`
	);
}

const N = 200_000;
measure('typical (10% PII, 20% numbers)', corpus(N, { personal: 0.1, numeric: 0.2 }));
measure('number-heavy (10% PII, 60% numbers)', corpus(N, { personal: 0.1, numeric: 0.6 }));
measure('worst case (every message has PII)', corpus(N, { personal: 1, numeric: 0 }));
measure('no digits, no @', corpus(N, { personal: 0, numeric: 0 }));

// End to end: the same export imported with minimisation off and on, into a file database
// (`--import`; what it costs the import as a whole, not only redact()). Twice each, in
// turn, since a busy machine moves single runs by more than the difference.
if (process.argv.includes('--import')) {
	const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const { openAppDatabase } = await import('../src/lib/server/app');
	const { setSetting } = await import('../src/lib/server/db/repos/settings');
	const { importFiles } = await import('../src/lib/server/ingest/service');

	const conversations = 40_000;
	const texts = corpus(conversations * 5, { personal: 0.1, numeric: 0.2 });
	const dir = mkdtempSync(join(tmpdir(), 'parity-bench-'));
	const lines: string[] = [];
	for (let c = 0; c < conversations; c++) {
		const start = Date.UTC(2026, 0, 1) + c * 60_000;
		lines.push(
			JSON.stringify({
				id: `c${c}`,
				channel: 'chat',
				customer: { email: `customer${c % 9000}@example.com`, name: 'Jane Doe' },
				messages: texts.slice(c * 5, c * 5 + 5).map((text, m) => ({
					role: m % 2 === 0 ? 'customer' : 'ai',
					created_at: new Date(start + m * 1000).toISOString(),
					text
				}))
			})
		);
	}
	const file = join(dir, 'export.ndjson');
	writeFileSync(file, lines.join('\n'));
	for (const [round, minimize] of [false, true, false, true].entries()) {
		const db = openAppDatabase(join(dir, `bench-${round}.db`));
		setSetting(db, 'privacy.minimizeAtImport', minimize);
		const started = process.hrtime.bigint();
		const [report] = await importFiles(db, [file]);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const messages = report?.counts.messagesImported ?? 0;
		console.log(
			`import, minimisation ${minimize ? 'on ' : 'off'}: ${messages.toLocaleString('en')} messages in ${seconds.toFixed(2)} s = ` +
				`${Math.round(messages / seconds).toLocaleString('en')} messages/s`
		);
		db.close();
	}
	rmSync(dir, { recursive: true, force: true });
}
