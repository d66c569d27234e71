/**
 * What a service returns to a route or command: a value, or the reasons it refused, keyed
 * by form field (`form` for the form as a whole) with the HTTP status that fits.
 */
export type Result<T> =
	{ ok: true; value: T } | { ok: false; status: number; errors: Record<string, string> };

export function ok<T>(value: T): Result<T> {
	return { ok: true, value };
}

export function refuse(status: number, errors: Record<string, string>): Result<never> {
	return { ok: false, status, errors };
}
