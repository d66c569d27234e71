import { z } from 'zod';
import {
	createApiToken,
	NewApiToken,
	revokeApiToken,
	tokensForAdmin
} from '$lib/server/auth/api-tokens';
import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	tokens: tokensForAdmin(locals.services.db)
});

const TokenId = z.object({ id: z.coerce.number().int().positive('no such token') });

export const actions: Actions = {
	create: formAction(NewApiToken, (input, event) =>
		createApiToken(event.locals.services.db, actorOf(event), input)
	),
	revoke: formAction(TokenId, (input, event) =>
		revokeApiToken(event.locals.services.db, actorOf(event), input.id)
	)
};
