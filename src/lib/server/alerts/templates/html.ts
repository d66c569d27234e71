/**
 * HTML built by a tagged template that escapes every interpolated value unless it is
 * already `Html` (the result of another `html` template or of `raw`). Topic names, rule
 * names and tool data reach these emails, so escaping is the default, not a habit.
 */

export class Html {
	constructor(readonly value: string) {}
	toString(): string {
		return this.value;
	}
}

type Interpolated = Html | string | number | null | undefined | false | readonly Interpolated[];

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function render(value: Interpolated): string {
	if (value === null || value === undefined || value === false) return '';
	if (value instanceof Html) return value.value;
	if (Array.isArray(value)) return value.map((item) => render(item as Interpolated)).join('');
	return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
	let out = strings[0] ?? '';
	for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
	return new Html(out);
}

/** Markup that is trusted as it is (constants written in this folder only). */
export function raw(markup: string): Html {
	return new Html(markup);
}

/** An http(s) URL for an href; anything else becomes "#" so a bad setting cannot inject. */
export function safeUrl(url: string): string {
	return /^https?:\/\//i.test(url) ? url : '#';
}
