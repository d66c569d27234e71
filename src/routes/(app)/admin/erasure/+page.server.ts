import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import {
	eraseCustomer,
	ErasureForm,
	ErasureRequest,
	previewErasure
} from '$lib/server/privacy/erase';
import { ok } from '$lib/server/result';
import type { Actions } from './$types';

export const actions: Actions = {
	find: formAction(ErasureRequest, (input, event) =>
		ok({
			preview: previewErasure(event.locals.services.db, input),
			identity: input.identity,
			kind: input.kind ?? ''
		})
	),
	erase: formAction(ErasureForm, (input, event) => {
		const result = eraseCustomer(event.locals.services.db, actorOf(event), input);
		return result.ok ? ok({ erased: result.value }) : result;
	})
};
