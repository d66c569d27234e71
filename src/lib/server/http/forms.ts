import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Result } from '../result';

/**
 * Form actions in one shape: read the form (bounded in size), parse it with a zod schema,
 * call one service, and answer `fail(status, { errors, values })` with errors per field
 * or the service's value. Routes declare `actions = { name: formAction(Schema, run) }`.
 */

/** No form of ours comes near this; anything larger is refused before it is buffered. */
export const FORM_BODY_LIMIT = 64 * 1024;

/** Fields never sent back to the page to refill the form. */
const SECRET = /password|code|current|next|token/i;

export type FieldErrors = Record<string, string>;
export interface FormFailure {
	errors: FieldErrors;
	values: Record<string, string>;
}

async function readBounded(
	request: Request,
	limit: number
): Promise<Uint8Array<ArrayBuffer> | null> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit || !request.body) return declared > limit ? null : new Uint8Array();
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}

/** The posted form, bounded in size; null when it is too large or not a form at all. */
export async function readFormData(request: Request): Promise<FormData | null> {
	try {
		const bytes = await readBounded(request, FORM_BODY_LIMIT);
		if (bytes === null) return null;
		return await new Response(bytes, {
			headers: { 'content-type': request.headers.get('content-type') ?? '' }
		}).formData();
	} catch {
		return null;
	}
}

/** Field errors as one message per field, for forms whose checks collect several. */
export function joinFieldErrors(errors: Record<string, string[]>): FieldErrors {
	return Object.fromEntries(
		Object.entries(errors).map(([field, messages]) => [field, messages.join('; ')])
	);
}

/** The form's text fields (first value of each); null when it is too large or unreadable. */
export async function readForm(request: Request): Promise<Record<string, string> | null> {
	try {
		const form = await readFormData(request);
		if (form === null) return null;
		const values: Record<string, string> = {};
		for (const [key, value] of form) {
			if (typeof value === 'string' && !(key in values)) values[key] = value;
		}
		return values;
	} catch {
		return null;
	}
}

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
		errors[field] ??= issue.message;
	}
	return errors;
}

function echo(values: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) {
		if (!SECRET.test(key)) out[key] = value.slice(0, 500);
	}
	return out;
}

function failure(status: number, errors: FieldErrors, values: Record<string, string>) {
	const data: FormFailure = { errors, values: echo(values) };
	return fail(status, data);
}

export function formAction<Schema extends z.ZodType, T>(
	schema: Schema,
	run: (input: z.output<Schema>, event: RequestEvent) => Result<T> | Promise<Result<T>>
) {
	return async (event: RequestEvent) => {
		const values = await readForm(event.request);
		if (values === null) return failure(400, { form: 'The form could not be read.' }, {});
		const parsed = schema.safeParse(values);
		if (!parsed.success) return failure(400, fieldErrors(parsed.error), values);
		const result = await run(parsed.data, event);
		if (!result.ok) return failure(result.status, result.errors, values);
		return result.value;
	};
}
