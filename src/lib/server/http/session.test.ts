import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { safeNext, setSessionCookie } from './session';

function eventAt(origin: string) {
	const set: Array<{ name: string; options: Record<string, unknown> }> = [];
	const event = {
		url: new URL(`${origin}/login`),
		cookies: {
			set: (name: string, _value: string, options: Record<string, unknown>) =>
				set.push({ name, options })
		}
	} as unknown as RequestEvent;
	return { event, set };
}

describe('the session cookie', () => {
	it('is HttpOnly and SameSite=Lax, and Secure exactly when the site is served over HTTPS', () => {
		for (const [origin, secure] of [
			['https://parity.example.com', true],
			['http://127.0.0.1:3000', false]
		] as const) {
			const { event, set } = eventAt(origin);
			setSessionCookie(event, 'token', Date.UTC(2026, 2, 9));
			expect(set).toEqual([
				{
					name: 'parity_session',
					options: {
						path: '/',
						httpOnly: true,
						sameSite: 'lax',
						secure,
						expires: new Date(Date.UTC(2026, 2, 9))
					}
				}
			]);
		}
	});
});

describe('where sign-in returns to', () => {
	it('only ever a path on this site', () => {
		expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1');
		for (const unsafe of [
			'//evil.example/',
			'/\\evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'',
			null
		]) {
			expect(safeNext(unsafe)).toBe('/');
		}
	});
});
