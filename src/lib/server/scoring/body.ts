/**
 * What a message says, without the furniture of email: the salutation line, the sign-off
 * block, and quoted earlier messages. Every email from one customer carries the same
 * "Hello," and "Kind regards, Jane", which would make any two of them look alike (a false
 * repeated question) and add the warmth of "kind regards" to every sentiment. Chat
 * messages (one line) are returned as they are.
 */

const SALUTATION =
	/^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|to whom it may concern)\b[^.!?\n]{0,40}[,:!]?\s*$/i;
const SIGN_OFF =
	/^(thanks|thank you|many thanks|thanks again|best|best wishes|best regards|kind regards|warm regards|regards|cheers|sincerely|yours sincerely|yours|br|kr|all the best)[,.!]?\s*$/i;
const QUOTE_HEADER =
	/^(on .{4,120} wrote:|-+ ?original message ?-+|-{2,}\s*forwarded message\s*-{2,}|from: .+)$/i;
/** A sign-off is only looked for this many lines from the end (the name and title follow it). */
const SIGN_OFF_REACH = 4;

export function messageBody(text: string): string {
	if (!text.includes('\n')) return text;
	let lines = text.split(/\r?\n/);
	const quote = lines.findIndex((line) => QUOTE_HEADER.test(line.trim()));
	if (quote > 0) lines = lines.slice(0, quote);
	lines = lines.filter((line) => !line.trimStart().startsWith('>'));
	while (lines.length && lines[0]?.trim() === '') lines.shift();
	while (lines.length && lines.at(-1)?.trim() === '') lines.pop();
	if (lines.length > 1 && SALUTATION.test((lines[0] as string).trim())) {
		lines.shift();
		while (lines.length && lines[0]?.trim() === '') lines.shift();
	}
	for (let i = Math.max(1, lines.length - SIGN_OFF_REACH); i < lines.length; i++) {
		if (SIGN_OFF.test((lines[i] as string).trim())) {
			lines = lines.slice(0, i);
			break;
		}
	}
	const body = lines.join('\n').trim();
	return body === '' ? text.trim() : body;
}
