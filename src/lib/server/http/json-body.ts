import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from './forms';

/**
 * A JSON endpoint's body, parsed with its schema; otherwise the 400 answer to return, saying
 * the body is not JSON or naming each field that is wrong.
 */
export async function parseJsonBody<Schema extends z.ZodType>(
	request: Request,
	schema: Schema
): Promise<{ ok: true; data: z.output<Schema> } | { ok: false; response: Response }> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return {
			ok: false,
			response: json({ errors: { form: 'The body is not JSON.' } }, { status: 400 })
		};
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success)
		return { ok: false, response: json({ errors: fieldErrors(parsed.error) }, { status: 400 }) };
	return { ok: true, data: parsed.data };
}
