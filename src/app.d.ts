import type { TokenActor } from '$lib/server/auth/api-tokens';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { Services } from '$lib/server/services';

declare global {
	namespace App {
		interface Locals {
			services: Services;
			/** The signed-in user, if the request carries a valid session cookie. */
			user: SessionUser | null;
			/** The session's stored id (the hash of its token). */
			sessionId: string | null;
			/** The API token, if the request carries `Authorization: Bearer`. */
			token: TokenActor | null;
		}
	}
}

export {};
