import type { AuthorRole, Handler } from './conversation';

/**
 * Who handled a conversation (PRODUCT.md): `ai` when only the AI replied, `human` when only
 * humans replied, `hybrid` when the AI replied first and a human followed (an escalation).
 * A human who replied before any AI handled it; the AI afterwards only assisted, so it stays
 * `human`. A conversation nobody answered is `none` and is left out of AI-vs-human measures.
 * Internal notes do not count as replies: the customer never saw them.
 */
export function deriveHandler(
	messages: ReadonlyArray<{ role: AuthorRole; isPublic: boolean }>
): Handler {
	let firstReply: 'ai' | 'agent' | null = null;
	let sawAi = false;
	let sawAgent = false;
	for (const message of messages) {
		if (!message.isPublic) continue;
		if (message.role === 'ai') sawAi = true;
		else if (message.role === 'agent') sawAgent = true;
		else continue;
		firstReply ??= message.role;
	}
	if (firstReply === null) return 'none';
	if (firstReply === 'agent') return 'human';
	return sawAgent ? 'hybrid' : sawAi ? 'ai' : 'none';
}
