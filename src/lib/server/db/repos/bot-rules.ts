import { asc } from 'drizzle-orm';
import { DEFAULT_BOT_RULES, type BotRule } from '../../ingest/bot-rules';
import type { DbHandle } from '../client';
import { botRules } from '../schema';

export function listBotRules(
	handle: DbHandle
): Array<BotRule & { id: number; note: string | null }> {
	return handle.db.select().from(botRules).orderBy(asc(botRules.id)).all();
}

/** Installs the shipped rules into an empty rule table (first start, or a test database). */
export function seedDefaultBotRules(handle: DbHandle): void {
	if (handle.db.select({ id: botRules.id }).from(botRules).limit(1).get()) return;
	handle.db
		.insert(botRules)
		.values(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })))
		.run();
}
