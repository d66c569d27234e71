import { z } from 'zod';
import { isValidTimeZone } from '../../domain/time';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	deleteBotRule,
	getBotRule,
	insertBotRule,
	listBotRules,
	updateBotRule
} from '../db/repos/bot-rules';
import { liveJob, listJobs } from '../db/repos/jobs';
import { listSources } from '../db/repos/sources';
import { getSetting, type SettingKey } from '../db/repos/settings';
import { loadTaxonomy, saveTaxonomy } from '../db/repos/topics';
import { derivationUpToDate } from '../derive/service';
import { botPatternError } from '../ingest/bot-rules';
import {
	requestDerivation,
	type DerivationRequest,
	type DeriveMode
} from '../jobs/derive-requests';
import { ok, refuse, type Result } from '../result';
import { changeSetting } from '../setting-change';
import { OTHER_TOPIC, Taxonomy, type TopicDefinition } from '../scoring/topics';

/**
 * The settings analysts change and what follows each change: bot-detection rules (which
 * re-decide the roles they decided), the repeat-contact window and same-topic rule, the
 * organisation's time zone, and the topic taxonomy. Every change is stored, audited, and
 * followed by a derivation (jobs/derive-requests.ts).
 */

const id = z.coerce.number().int().positive();
const checkbox = z
	.literal('on', { error: 'not a checkbox value' })
	.optional()
	.transform((value) => value === 'on');
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((value) => (value ? value : null));

export const BotRuleForm = z
	.object({
		kind: z.enum(['name_pattern', 'author_id'], { error: 'choose what the rule matches' }),
		pattern: z.string().trim().min(1, 'enter a name pattern or an author id').max(300),
		tool: optionalText(40),
		note: optionalText(200)
	})
	.superRefine((rule, context) => {
		if (rule.kind !== 'name_pattern') return;
		const problem = botPatternError(rule.pattern);
		if (problem)
			context.addIssue({
				code: 'custom',
				path: ['pattern'],
				message: `not a valid pattern: ${problem}`
			});
	});
export const SaveBotRuleForm = BotRuleForm.and(z.object({ id }));
export const ToggleRuleForm = z.object({ id, enabled: z.enum(['true', 'false']) });
export const IdForm = z.object({ id });

export const RepeatForm = z.object({
	windowDays: z.coerce
		.number({ error: 'a number of days' })
		.int('a whole number of days')
		.min(1, 'at least 1 day')
		.max(90, 'at most 90 days'),
	sameTopicOnly: checkbox
});

const zone = z
	.string()
	.trim()
	.refine(isValidTimeZone, 'not a known time zone (e.g. Europe/Berlin)');
export const ZonesForm = z.object({ orgTimeZone: zone, importTimeZone: zone });

/** Keywords and tags as typed: one per line or comma separated. */
const list = z
	.string()
	.max(20_000)
	.default('')
	.transform((text) => [
		...new Set(
			text
				.split(/[\n,]/)
				.map((item) => item.trim())
				.filter(Boolean)
		)
	]);
export const TopicForm = z.object({
	original: z.string().trim().max(80).optional(),
	name: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-", e.g. account-access')
		.refine(
			(name) => name !== OTHER_TOPIC,
			`"${OTHER_TOPIC}" is for conversations no topic matched`
		),
	label: z.string().trim().min(1, 'give the topic a label').max(80),
	keywords: list,
	tags: list
});
export const MoveTopicForm = z.object({ name: z.string(), direction: z.enum(['up', 'down']) });
export const DeleteTopicForm = z.object({ name: z.string() });
export const AddKeywordForm = z.object({
	topic: z.string().trim().min(1, 'choose a topic'),
	term: z.string().trim().min(2).max(80)
});

export interface Changed {
	saved: string;
	derivation: DerivationRequest;
}

export function settingsPage(handle: DbHandle) {
	const derive = liveJob(handle, 'derive');
	return {
		rules: listBotRules(handle),
		tools: [...new Set(listSources(handle).map((source) => source.tool))].sort(),
		repeat: {
			windowDays: getSetting(handle, 'repeat.windowDays'),
			sameTopicOnly: getSetting(handle, 'repeat.sameTopicOnly')
		},
		zones: {
			org: getSetting(handle, 'org.timeZone'),
			import: getSetting(handle, 'import.timeZone')
		},
		taxonomy: loadTaxonomy(handle).topics,
		derivation: derivationStatus(handle),
		deriving: derive !== null
	};
}

/** Whether derived figures reflect the current settings, and the latest re-derivation. */
export function derivationStatus(handle: DbHandle) {
	const last = listJobs(handle, { kind: 'derive', limit: 1 })[0] ?? null;
	const running = liveJob(handle, 'derive');
	return {
		upToDate: derivationUpToDate(handle),
		running: running !== null,
		last: last
			? {
					label: last.label,
					status: running && running.id === last.id ? 'running' : last.status,
					startedAt: last.startedAt,
					finishedAt: last.finishedAt,
					error: last.error
				}
			: null
	};
}

function changed(handle: DbHandle, actor: Actor, saved: string, mode: DeriveMode): Result<Changed> {
	return ok({ saved, derivation: requestDerivation(handle, actor, saved, mode) });
}

export function addBotRule(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof BotRuleForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	const ruleId = insertBotRule(handle, { ...input, enabled: true });
	audit(handle, actor, 'bot_rule.change', `#${ruleId}`, { added: input });
	return changed(handle, actor, `Added the rule “${input.pattern}”.`, mode);
}

export function saveBotRule(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof SaveBotRuleForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	const before = getBotRule(handle, input.id);
	if (!before) return refuse(404, { form: 'That rule no longer exists.' });
	const { id: ruleId, ...values } = input;
	updateBotRule(handle, ruleId, values);
	audit(handle, actor, 'bot_rule.change', `#${ruleId}`, { from: before, to: values });
	return changed(handle, actor, `Saved the rule “${input.pattern}”.`, mode);
}

export function toggleBotRule(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof ToggleRuleForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	const enabled = input.enabled === 'true';
	const rule = getBotRule(handle, input.id);
	if (!rule || !updateBotRule(handle, input.id, { enabled }))
		return refuse(404, { form: 'That rule no longer exists.' });
	audit(handle, actor, 'bot_rule.change', `#${input.id}`, { enabled });
	return changed(
		handle,
		actor,
		`${enabled ? 'Enabled' : 'Disabled'} the rule “${rule.pattern}”.`,
		mode
	);
}

export function removeBotRule(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof IdForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	const rule = getBotRule(handle, input.id);
	if (!rule || !deleteBotRule(handle, input.id))
		return refuse(404, { form: 'That rule no longer exists.' });
	audit(handle, actor, 'bot_rule.change', `#${input.id}`, { deleted: rule });
	return changed(handle, actor, `Deleted the rule “${rule.pattern}”.`, mode);
}

function changeSettings(
	handle: DbHandle,
	actor: Actor,
	changes: Array<[SettingKey, unknown]>,
	what: string,
	mode: DeriveMode
): Result<Changed> {
	let any = false;
	for (const [key, value] of changes) if (changeSetting(handle, actor, key, value)) any = true;
	if (!any)
		return ok({ saved: 'Nothing changed.', derivation: { mode, job: null, summary: null } });
	return changed(handle, actor, what, mode);
}

export function saveRepeatSettings(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof RepeatForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return changeSettings(
		handle,
		actor,
		[
			['repeat.windowDays', input.windowDays],
			['repeat.sameTopicOnly', input.sameTopicOnly]
		],
		'Saved the repeat-contact rules.',
		mode
	);
}

export function saveZones(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof ZonesForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return changeSettings(
		handle,
		actor,
		[
			['org.timeZone', input.orgTimeZone],
			['import.timeZone', input.importTimeZone]
		],
		'Saved the time zones.',
		mode
	);
}

type TaxonomyError = { error: Record<string, string> };
const taxonomyError = (field: string, message: string): TaxonomyError => ({
	error: { [field]: message }
});

/** Applies an edit to the taxonomy, checks the result, stores it and re-derives topics. */
function editTaxonomy(
	handle: DbHandle,
	actor: Actor,
	edit: (topics: TopicDefinition[]) => string | TaxonomyError,
	mode: DeriveMode
): Result<Changed> {
	const topics = loadTaxonomy(handle).topics.map((topic) => ({ ...topic }));
	const outcome = edit(topics);
	if (typeof outcome !== 'string') return refuse(400, outcome.error);
	const parsed = Taxonomy.safeParse({ topics });
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return refuse(400, { form: issue ? issue.message : 'the taxonomy is not valid' });
	}
	saveTaxonomy(handle, parsed.data);
	audit(handle, actor, 'taxonomy.change', null, { change: outcome });
	return changed(handle, actor, outcome, mode);
}

export function saveTopic(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof TopicForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return editTaxonomy(
		handle,
		actor,
		(topics) => {
			const definition = {
				name: input.name,
				label: input.label,
				keywords: input.keywords,
				tags: input.tags
			};
			const at = input.original ? topics.findIndex((topic) => topic.name === input.original) : -1;
			if (input.original && at === -1) return taxonomyError('form', 'That topic no longer exists.');
			const clash = topics.findIndex((topic) => topic.name === input.name);
			if (clash !== -1 && clash !== at)
				return taxonomyError('name', `there is already a topic named “${input.name}”`);
			if (at === -1) topics.push(definition);
			else topics[at] = definition;
			return at === -1 ? `Added the topic “${input.label}”.` : `Saved the topic “${input.label}”.`;
		},
		mode
	);
}

export function deleteTopic(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof DeleteTopicForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return editTaxonomy(
		handle,
		actor,
		(topics) => {
			const at = topics.findIndex((topic) => topic.name === input.name);
			if (at === -1) return taxonomyError('form', 'That topic no longer exists.');
			const [removed] = topics.splice(at, 1);
			return `Deleted the topic “${removed?.label ?? input.name}”; its conversations are re-read.`;
		},
		mode
	);
}

export function moveTopic(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof MoveTopicForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return editTaxonomy(
		handle,
		actor,
		(topics) => {
			const at = topics.findIndex((topic) => topic.name === input.name);
			const to = input.direction === 'up' ? at - 1 : at + 1;
			if (at === -1 || to < 0 || to >= topics.length)
				return taxonomyError('form', 'That topic cannot move further.');
			const [moved] = topics.splice(at, 1);
			if (moved) topics.splice(to, 0, moved);
			return `Moved “${moved?.label ?? input.name}” ${input.direction}.`;
		},
		mode
	);
}

export function addKeyword(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof AddKeywordForm>,
	mode: DeriveMode = 'background'
): Result<Changed> {
	return editTaxonomy(
		handle,
		actor,
		(topics) => {
			const topic = topics.find((candidate) => candidate.name === input.topic);
			if (!topic) return taxonomyError('topic', 'choose a topic of the taxonomy');
			const term = input.term.toLowerCase();
			if (topic.keywords.map((keyword) => keyword.toLowerCase()).includes(term))
				return taxonomyError('term', `“${term}” is already a keyword of ${topic.label}`);
			topic.keywords = [...topic.keywords, term];
			return `Added “${term}” to the keywords of ${topic.label}.`;
		},
		mode
	);
}
