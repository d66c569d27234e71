import type { BotRuleKind } from '../db/schema/settings';

export interface BotRule {
	kind: BotRuleKind;
	pattern: string;
	tool: string | null;
	enabled: boolean;
}

/**
 * Rules shipped with Parity for tools that do not mark AI authors. Patterns match the whole
 * author name, case-insensitively. Analysts edit them in Analysis settings; handlers are re-derived.
 */
export const DEFAULT_BOT_RULES: ReadonlyArray<Omit<BotRule, 'enabled'> & { note: string }> = [
	{ kind: 'name_pattern', pattern: 'fin( ai agent)?', tool: null, note: "Intercom's Fin" },
	{ kind: 'name_pattern', pattern: 'answer ?bot', tool: null, note: "Zendesk's Answer Bot" },
	{
		kind: 'name_pattern',
		pattern: 'freddy( ai)?( (agent|copilot|assistant))?',
		tool: null,
		note: "Freshworks' Freddy"
	},
	{ kind: 'name_pattern', pattern: 'virtual (assistant|agent)', tool: null, note: 'Generic' },
	{
		kind: 'name_pattern',
		pattern: '.*\\b(chat)?bot\\b.*',
		tool: null,
		note: 'Names containing "bot"'
	},
	{
		kind: 'name_pattern',
		pattern: '(ai|automated) (agent|assistant|reply|response)',
		tool: null,
		note: 'Generic'
	},
	{
		kind: 'author_id',
		pattern: 'zd:answerBot',
		tool: null,
		note: "Zendesk chat's Answer Bot actor"
	}
];

export interface BotMatcher {
	isBot(author: { id: string | null; name: string | null }, tool: string): boolean;
}

export function compileBotRules(rules: readonly BotRule[]): BotMatcher {
	const active = rules
		.filter((rule) => rule.enabled)
		.map((rule) => ({
			...rule,
			regex: rule.kind === 'name_pattern' ? safeRegex(rule.pattern) : null
		}));
	return {
		isBot(author, tool) {
			for (const rule of active) {
				if (rule.tool !== null && rule.tool !== tool) continue;
				if (rule.kind === 'author_id' && author.id !== null && author.id === rule.pattern)
					return true;
				if (rule.regex && author.name !== null && rule.regex.test(author.name.trim())) return true;
			}
			return false;
		}
	};
}

function safeRegex(pattern: string): RegExp | null {
	try {
		return new RegExp(`^(?:${pattern})$`, 'i');
	} catch {
		return null;
	}
}

/** Validates a name pattern before it is stored; null when it is usable. */
export function botPatternError(pattern: string): string | null {
	try {
		new RegExp(pattern);
		return null;
	} catch (error) {
		return (error as Error).message;
	}
}
