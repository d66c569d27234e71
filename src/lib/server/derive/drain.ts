import { isoWeekOf } from '../../domain/time';
import type { DbHandle } from '../db/client';
import { createRollupRepo } from '../db/repos/rollups';
import { createSearchIndexRepo } from '../db/repos/search';
import { createDerivationRepo, readDerivationState, type DerivationRepo } from '../db/repos/scores';
import { repeatLinks } from '../scoring/repeat-contact';
import { builtWith, currentConfig, type BuiltWith, type DerivationConfig } from './config';
import { reapplyBotRules, type RoleSummary } from './roles';
import { createConversationScorer, type ConversationScorer } from './score';

/**
 * The derivation step: drains `conversation_changes` (written by the import store inside
 * each batch's transaction) into scores, repeat-contact links and weekly rollups, and
 * `search_pending` into the full-text index.
 *
 * Crash safety: every step runs in a transaction that also records what is left. A chunk of
 * changed conversations is rescored (when its stored scores are older than its content),
 * its customers relinked, the weeks it touched queued in `rollup_dirty_weeks` and the chunk
 * taken off the change queue, in one transaction; the dirty weeks are then recomputed and
 * cleared in another. A process killed anywhere leaves queues the next import or start
 * drains, and settings that changed under stored derivations are noticed by `reconcile`.
 */

const CHUNK = 5000;
/** Conversations whose text is indexed per transaction (db/search-index.ts). */
const SEARCH_CHUNK = 20_000;
const BUILT = 'built';
const HORIZON = 'horizon';

export interface DrainSummary {
	/** Changed conversations taken off the queue. */
	conversations: number;
	/** Of those, rescored from storage (merged, or scored under older settings). */
	rescored: number;
	relinkedCustomers: number;
	weeksRefreshed: number;
	/** What had to be rebuilt because settings, taxonomy or scoring version changed. */
	rebuilt: 'none' | 'rollups' | 'repeat-and-weeks' | 'scores';
	/** Roles the bot rules decided differently since the last derivation (rules changed). */
	roles: RoleSummary | null;
	/** Conversations whose text was (re)indexed for search. */
	textIndexed: number;
	seconds: number;
}

/** Relinks one customer's contacts; the weeks of conversations whose link changed go dirty. */
function relinkCustomer(
	repo: DerivationRepo,
	contacts: ReturnType<DerivationRepo['contactsOf']>,
	config: DerivationConfig
): void {
	const links = repeatLinks(
		contacts.map((contact) => ({
			id: contact.id,
			startedAt: contact.startedAt,
			endAt: contact.contactEndAt,
			topic: contact.topic
		})),
		config.windowMs,
		config.sameTopicOnly
	);
	for (const contact of contacts) {
		const next = links.get(contact.id) ?? null;
		if (next !== contact.repeatNextId) {
			repo.setRepeatNext(contact.id, next);
			repo.markDirty(contact.week);
		}
	}
}

function rescore(repo: DerivationRepo, scorer: ConversationScorer, id: number): void {
	const stored = repo.load(id);
	if (!stored) return;
	const { sentiments, row } = scorer.scoreStored(stored);
	stored.messages.forEach((message, index) => {
		const value = sentiments[index];
		if (value !== null && value !== undefined && message.sentiment !== value) {
			repo.setSentiment(message.id, value);
		}
	});
	repo.writer.write(id, stored.revision, stored.sourceId, row);
}

/** Weeks (when the zone changed), repeat due times and links of every scored conversation. */
function rebuildRepeatAndWeeks(
	repo: DerivationRepo,
	config: DerivationConfig,
	zoneChanged: boolean
) {
	if (zoneChanged) {
		for (const row of repo.scoreTimes()) {
			const week = isoWeekOf(row.started_at, config.zone);
			if (week !== row.week) repo.setWeek(row.conversation_id, week);
		}
	}
	repo.setRepeatDue(config.windowMs);
	for (const contacts of repo.allContactsByCustomer()) relinkCustomer(repo, contacts, config);
	// No horizon: the refresh that follows rebuilds every week from nothing.
	repo.setState(HORIZON, null);
}

/**
 * Brings stored derivations in line with what they depend on: new bot rules re-decide the
 * roles they decided (and queue the conversations whose roles moved); a new scoring version
 * or taxonomy re-queues every conversation for rescoring; a new zone, repeat window or
 * same-topic rule recomputes weeks, repeat links and then all rollups.
 */
function reconcile(
	handle: DbHandle,
	repo: DerivationRepo,
	config: DerivationConfig,
	force: 'none' | 'repeat-and-weeks' | 'scores'
): Pick<DrainSummary, 'rebuilt' | 'roles'> {
	const want = builtWith(config);
	const have = repo.getState<BuiltWith>(BUILT);
	if (force === 'none' && have !== null && JSON.stringify(have) === JSON.stringify(want)) {
		return { rebuilt: 'none', roles: null };
	}
	return handle.sqlite
		.transaction((): Pick<DrainSummary, 'rebuilt' | 'roles'> => {
			repo.setState(BUILT, want);
			// A fresh database was imported under the current rules: nothing to re-decide.
			const roles =
				have !== null && have.botRules !== want.botRules
					? reapplyBotRules(handle, config.botRules)
					: null;
			const rebuilt = rebuild(repo, config, force, have, want);
			return { rebuilt, roles };
		})
		.immediate();
}

function rebuild(
	repo: DerivationRepo,
	config: DerivationConfig,
	force: 'none' | 'repeat-and-weeks' | 'scores',
	have: BuiltWith | null,
	want: BuiltWith
): DrainSummary['rebuilt'] {
	const rescoreAll =
		force === 'scores' ||
		have === null ||
		have.version !== want.version ||
		have.taxonomy !== want.taxonomy;
	if (rescoreAll) {
		if (have !== null && have.version !== want.version) repo.clearSentiments();
		repo.invalidateScores();
		repo.enqueueAll();
		repo.setState(HORIZON, null);
		return 'scores';
	}
	const repeatChanged =
		have.zone !== want.zone ||
		have.windowDays !== want.windowDays ||
		have.sameTopicOnly !== want.sameTopicOnly;
	if (force === 'none' && !repeatChanged) {
		// A rollup column counts something else now: every week is grouped again.
		if (have.rollups !== want.rollups) {
			repo.setState(HORIZON, null);
			return 'rollups';
		}
		// Only the roles moved: the queued conversations are rescored and relinked as usual.
		return 'none';
	}
	rebuildRepeatAndWeeks(repo, config, force !== 'none' || have.zone !== want.zone);
	return 'repeat-and-weeks';
}

/** What the stored derivations were last built with (null before the first derivation). */
export function readBuiltWith(handle: DbHandle): BuiltWith | null {
	return readDerivationState<BuiltWith>(handle, BUILT);
}

export interface DrainOptions {
	/** Rebuild even when nothing it depends on changed (`parity rollup --rebuild`). */
	force?: 'none' | 'repeat-and-weeks' | 'scores';
}

/** Derives everything the change queue asks for; cheap when the queue is empty. */
export function drainChanges(handle: DbHandle, options: DrainOptions = {}): DrainSummary {
	const started = performance.now();
	const repo = createDerivationRepo(handle);
	const rollups = createRollupRepo(handle);
	const config = currentConfig(handle);
	const { rebuilt, roles } = reconcile(handle, repo, config, options.force ?? 'none');
	const scorer = createConversationScorer(config);
	const summary: DrainSummary = {
		conversations: 0,
		rescored: 0,
		relinkedCustomers: 0,
		weeksRefreshed: 0,
		rebuilt,
		roles,
		textIndexed: 0,
		seconds: 0
	};

	const drainChunk = handle.sqlite.transaction((ids: number[]) => {
		// The weeks the chunk was in before and is in after rescoring both need recomputing.
		repo.markDirtyFromIds(ids);
		const stale = repo.stale(ids);
		for (const { id } of stale) rescore(repo, scorer, id);
		if (stale.length) repo.markDirtyFromIds(ids);
		summary.rescored += stale.length;
		// Collected before relinking writes: better-sqlite3 cannot write while it iterates.
		for (const contacts of [...repo.contactsOfCustomersOf(ids)]) {
			relinkCustomer(repo, contacts, config);
			summary.relinkedCustomers++;
		}
		repo.dequeue(ids);
	});
	for (;;) {
		const ids = repo.pending(CHUNK);
		if (ids.length === 0) break;
		drainChunk.immediate(ids);
		summary.conversations += ids.length;
	}
	// The search index reads what imports queued, a large chunk per transaction.
	const search = createSearchIndexRepo(handle);
	for (let indexed = search.indexPending(SEARCH_CHUNK); indexed > 0;) {
		summary.textIndexed += indexed;
		indexed = search.indexPending(SEARCH_CHUNK);
	}

	handle.sqlite
		.transaction(() => {
			const horizon = repo.horizon();
			if (horizon === null) {
				// Nothing is stored (the last conversations were removed or deleted): the weeks
				// they counted in have no figures left, and the next import starts as on a new
				// database.
				rollups.deleteWeeks(rollups.dirtyWeeks());
				rollups.clearDirty();
				repo.setState(HORIZON, null);
				return;
			}
			const previous = repo.getState<number>(HORIZON);
			if (previous === null) {
				rollups.rebuildAll(horizon);
				summary.weeksRefreshed = rollups.weekCount();
			} else {
				// Conversations whose repeat window closed between the two horizons became eligible.
				if (previous !== horizon) {
					const [from, to] = previous < horizon ? [previous, horizon] : [horizon, previous];
					for (const week of repo.weeksDue(from, to)) repo.markDirty(week);
				}
				const weeks = rollups.dirtyWeeks();
				rollups.refreshWeeks(weeks, horizon);
				summary.weeksRefreshed = weeks.length;
			}
			rollups.clearDirty();
			repo.setState(HORIZON, horizon);
		})
		.immediate();
	summary.seconds = (performance.now() - started) / 1000;
	return summary;
}
