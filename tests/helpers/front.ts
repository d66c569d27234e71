import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Front exports assembled from the objects of Front's own OpenAPI examples
 * (tests/fixtures/front/front_core_api_schema_examples.json). The spec has one example of
 * each object, so a conversation with several messages is built from copies of its
 * message, each override named here; everything not overridden is the spec's value.
 */

type FrontObject = Record<string, unknown>;

export const FRONT_FIXTURE = join(
	import.meta.dirname,
	'../fixtures/front/front_core_api_schema_examples.json'
);

export function frontObjects(): Record<
	| 'ConversationResponse'
	| 'MessageResponse'
	| 'CommentResponse'
	| 'RecipientResponse'
	| 'TeammateResponse'
	| 'ContactResponse',
	FrontObject
> {
	const file = JSON.parse(readFileSync(FRONT_FIXTURE, 'utf8')) as {
		objects: Record<string, FrontObject>;
	};
	const { objects } = file;
	const pick = (name: string): FrontObject => {
		const value = objects[name];
		if (!value) throw new Error(`no ${name} in the Front fixture`);
		return value;
	};
	return {
		ConversationResponse: pick('ConversationResponse'),
		MessageResponse: pick('MessageResponse'),
		CommentResponse: pick('CommentResponse'),
		RecipientResponse: pick('RecipientResponse'),
		TeammateResponse: pick('TeammateResponse'),
		ContactResponse: pick('ContactResponse')
	};
}

/**
 * The spec's conversation (cnv_yo1kg5q, created 1701292649.333) with its messages, newest
 * first as Front lists them:
 * - the spec's message unchanged: a shared draft (`draft_mode: "shared"`), never sent;
 * - a reply by the spec's teammate, Michael Scott (`type: "user"`), at 1701292900.25;
 * - a reply by a bot teammate (`type: "API"`, an OAuth client) at 1701292700.5;
 * - the customer's message (`is_inbound: true`, no author, sent from the conversation's
 *   recipient's handle) at 1701292649.333;
 * and the spec's comment, posted at 1701292800.125 (the spec's example, 1698943401.378,
 * predates the conversation by four weeks).
 */
export function frontConversation(): FrontObject {
	const o = frontObjects();
	const message = o.MessageResponse;
	const teammate = o.TeammateResponse;
	return {
		...o.ConversationResponse,
		messages: [
			message,
			{ ...message, id: 'msg_agent', draft_mode: null, created_at: 1701292900.25 },
			{
				...message,
				id: 'msg_bot',
				draft_mode: null,
				created_at: 1701292700.5,
				author: {
					...teammate,
					id: 'tea_bot1',
					email: 'assistant@dundermifflin.com',
					username: 'assistant',
					first_name: 'Paper',
					last_name: 'Assistant',
					type: 'API'
				}
			},
			{
				...message,
				id: 'msg_inbound',
				is_inbound: true,
				draft_mode: null,
				author: null,
				created_at: 1701292649.333,
				recipients: [
					{ ...o.RecipientResponse, role: 'from' },
					{ ...o.RecipientResponse, name: null, handle: 'support@dundermifflin.com', role: 'to' }
				]
			}
		],
		comments: [{ ...o.CommentResponse, posted_at: 1701292800.125 }]
	};
}
