import { asc, eq } from 'drizzle-orm';
import type { AuthorRole } from '../../../domain/conversation';
import { DEFAULT_BOT_RULES, type BotRule } from '../../ingest/bot-rules';
import type { DbHandle } from '../client';
import { botRules, type BotRuleKind } from '../schema';

export type StoredBotRule = BotRule & { id: number; note: string | null };

export function listBotRules(handle: DbHandle): StoredBotRule[] {
	return handle.db.select().from(botRules).orderBy(asc(botRules.id)).all();
}

export function getBotRule(handle: DbHandle, id: number): StoredBotRule | null {
	return handle.db.select().from(botRules).where(eq(botRules.id, id)).get() ?? null;
}

export interface BotRuleValues {
	kind: BotRuleKind;
	pattern: string;
	tool: string | null;
	enabled: boolean;
	note: string | null;
}

export function insertBotRule(handle: DbHandle, values: BotRuleValues): number {
	return handle.db.insert(botRules).values(values).returning({ id: botRules.id }).get().id;
}

/** False when there is no such rule. */
export function updateBotRule(handle: DbHandle, id: number, values: Partial<BotRuleValues>) {
	return handle.db.update(botRules).set(values).where(eq(botRules.id, id)).run().changes > 0;
}

export function deleteBotRule(handle: DbHandle, id: number): boolean {
	return handle.db.delete(botRules).where(eq(botRules.id, id)).run().changes > 0;
}

/** Installs the shipped rules into an empty rule table (first start, or a test database). */
export function seedDefaultBotRules(handle: DbHandle): void {
	if (handle.db.select({ id: botRules.id }).from(botRules).limit(1).get()) return;
	handle.db
		.insert(botRules)
		.values(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })))
		.run();
}

/**
 * Queries of re-deciding roles after the rules changed (derive/roles.ts): the messages
 * whose role the rules decided, the update, and the handler of the conversations touched.
 */
export function createRoleRepo(handle: DbHandle) {
	const { sqlite } = handle;
	const ruled = sqlite.prepare<
		[],
		{
			id: number;
			conversation_id: number;
			role: AuthorRole;
			author_id: string | null;
			author_name: string | null;
			tool: string;
		}
	>(
		`SELECT m.id, m.conversation_id, m.role, m.author_id, m.author_name, src.tool
		   FROM messages m
		   JOIN conversations c ON c.id = m.conversation_id
		   JOIN sources src ON src.id = c.source_id
		  WHERE m.role_origin = 'rules'`
	);
	const setRole = sqlite.prepare('UPDATE messages SET role = ? WHERE id = ?');
	const roles = sqlite.prepare<[number], { role: AuthorRole; is_public: number }>(
		'SELECT role, is_public FROM messages WHERE conversation_id = ? ORDER BY created_at, id'
	);
	const setHandler = sqlite.prepare(
		'UPDATE conversations SET handler = ?, revision = revision + 1 WHERE id = ?'
	);
	const enqueue = sqlite.prepare(
		'INSERT OR IGNORE INTO conversation_changes (conversation_id) VALUES (?)'
	);
	return {
		/** Every message whose role the rules decided, with the tool its export came from. */
		ruledMessages: () => ruled.iterate(),
		setRole: (messageId: number, role: AuthorRole) => setRole.run(role, messageId),
		roles: (conversationId: number) =>
			roles.all(conversationId).map((row) => ({ role: row.role, isPublic: row.is_public === 1 })),
		/** Stores the handler and marks the conversation changed, for its scores to follow. */
		setHandler(conversationId: number, handler: string) {
			setHandler.run(handler, conversationId);
			enqueue.run(conversationId);
		}
	};
}
