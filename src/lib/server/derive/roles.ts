import type { AuthorRole } from '../../domain/conversation';
import { deriveHandler } from '../../domain/handler';
import type { DbHandle } from '../db/client';
import { createRoleRepo } from '../db/repos/bot-rules';
import { compileBotRules, type BotRule } from '../ingest/bot-rules';

export interface RoleSummary {
	/** Messages whose author the rules now read differently (agent ↔ AI). */
	messages: number;
	/** Conversations those messages are in: re-derived (handler, scores, rollups). */
	conversations: number;
}

/**
 * Re-decides, with the current bot rules, every message whose role was decided by the rules
 * at import (role_origin 'rules': the tool did not say bot or human), and recomputes the
 * handler of each conversation that had one change. Those conversations get a new revision
 * and go on the change queue, so the drain that follows rescores them and refreshes the
 * weeks they count in. Runs inside the caller's transaction (drain.ts `reconcile`).
 */
export function reapplyBotRules(handle: DbHandle, rules: readonly BotRule[]): RoleSummary {
	const repo = createRoleRepo(handle);
	const bots = compileBotRules(rules);
	const decided = new Map<string, boolean>();
	const changes: Array<[number, AuthorRole]> = [];
	const touched = new Set<number>();
	// Collected first: better-sqlite3 cannot write while a statement iterates.
	for (const message of repo.ruledMessages()) {
		const key = `${message.tool}\u0000${message.author_id ?? ''}\u0000${message.author_name ?? ''}`;
		let isBot = decided.get(key);
		if (isBot === undefined) {
			isBot = bots.isBot({ id: message.author_id, name: message.author_name }, message.tool);
			decided.set(key, isBot);
		}
		const role: AuthorRole = isBot ? 'ai' : 'agent';
		if (role === message.role) continue;
		changes.push([message.id, role]);
		touched.add(message.conversation_id);
	}
	for (const [id, role] of changes) repo.setRole(id, role);
	for (const conversationId of touched) {
		repo.setHandler(conversationId, deriveHandler(repo.roles(conversationId)));
	}
	return { messages: changes.length, conversations: touched.size };
}
