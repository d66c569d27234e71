/**
 * Just enough of a MIME reader to check what a mail server received: headers (unfolded,
 * RFC 2047 words decoded), multipart trees, base64 and quoted-printable bodies. mailparser
 * is not a dependency; this reads nodemailer's output, not arbitrary mail.
 */

export interface MimePart {
	headers: Map<string, string>;
	contentType: string;
	params: Record<string, string>;
	body: Buffer;
	parts: MimePart[];
}

function decodeWords(value: string): string {
	return value.replace(
		/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
		(...m) => {
			const encoding = (m[2] ?? m[5]) as string;
			const text = (m[3] ?? m[6]) as string;
			if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
			const bytes = text
				.replace(/_/g, ' ')
				.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
	);
}

function parseHeaderBlock(block: string): Map<string, string> {
	const headers = new Map<string, string>();
	const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
	for (const line of unfolded.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		headers.set(
			line.slice(0, colon).trim().toLowerCase(),
			decodeWords(line.slice(colon + 1).trim())
		);
	}
	return headers;
}

function parseParams(value: string): { value: string; params: Record<string, string> } {
	const [first, ...rest] = value.split(';');
	const params: Record<string, string> = {};
	for (const part of rest) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		params[part.slice(0, eq).trim().toLowerCase()] = part
			.slice(eq + 1)
			.trim()
			.replace(/^"|"$/g, '');
	}
	return { value: (first ?? '').trim().toLowerCase(), params };
}

function decodeBody(body: string, encoding: string): Buffer {
	switch (encoding.toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64');
		case 'quoted-printable': {
			const soft = body.replace(/=\r?\n/g, '');
			const bytes: number[] = [];
			for (let i = 0; i < soft.length; i++) {
				const char = soft[i] as string;
				if (char === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
					bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
					i += 2;
				} else bytes.push(char.charCodeAt(0));
			}
			return Buffer.from(bytes);
		}
		default:
			return Buffer.from(body, 'latin1');
	}
}

export function parseMime(raw: Buffer | string): MimePart {
	const text = typeof raw === 'string' ? raw : raw.toString('latin1');
	const split = text.search(/\r?\n\r?\n/);
	const headerBlock = split < 0 ? text : text.slice(0, split);
	const bodyText = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
	const headers = parseHeaderBlock(headerBlock);
	const { value: contentType, params } = parseParams(headers.get('content-type') ?? 'text/plain');
	const part: MimePart = { headers, contentType, params, body: Buffer.alloc(0), parts: [] };
	if (contentType.startsWith('multipart/') && params.boundary) {
		const sections = bodyText.split(`--${params.boundary}`);
		for (const section of sections.slice(1)) {
			if (section.startsWith('--')) break;
			part.parts.push(parseMime(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
		}
	} else {
		// The message was read as latin1 so that every byte survives as one character.
		part.body = decodeBody(bodyText, headers.get('content-transfer-encoding') ?? '7bit');
	}
	return part;
}

/** Every leaf part, depth first. */
export function leaves(part: MimePart): MimePart[] {
	return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export function textOf(part: MimePart | undefined): string {
	return part ? part.body.toString('utf8') : '';
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
	if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
