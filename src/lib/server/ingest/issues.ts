import type { z } from 'zod';

/**
 * A zod failure as a reject reason: the field's path, what was wrong, and the value found
 * there when there was one — "messages[1].role: Invalid option: expected one of …; got 'robot'".
 * The value is what lets someone find and fix the record in the export.
 */
export function describeIssue(error: z.ZodError, input?: unknown): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid record';
	const path = issue.path
		.map((part, index) =>
			typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`
		)
		.join('');
	if (input === undefined) return `${path || 'record'}: ${issue.message}`;
	const found = valueAt(input, issue.path);
	const got = found === undefined ? missing(input, issue.path) : `; got ${shown(found)}`;
	return `${path || 'record'}: ${issue.message}${got}`;
}

const FIELDS_LISTED = 6;

/**
 * A field that is not there at all, with the fields that are beside it: a record of another
 * shape (a wrapper object, another tool's export) is then plain from the reason alone.
 */
function missing(input: unknown, path: readonly PropertyKey[]): string {
	if (path.length === 0) return '';
	const parent = valueAt(input, path.slice(0, -1));
	if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return '; missing';
	const keys = Object.keys(parent);
	if (keys.length === 0) return '; missing (the object is empty)';
	const listed = keys.slice(0, FIELDS_LISTED).join(', ');
	return `; missing (fields present: ${listed}${keys.length > FIELDS_LISTED ? ', …' : ''})`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

const SHOWN_LIMIT = 60;

function shown(value: unknown): string {
	const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
	return text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT - 1)}…` : text;
}
