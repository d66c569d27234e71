import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * What to watch and whom to tell. Segment filters are lists of allowed values (null: any);
 * a finding fires the rule when it is a regression of `measure` in an allowed segment, at
 * least `minEffect` large (in the measure's units, shares as 0..1), resting on at least
 * `minSample` conversations this week and in the baseline, with q ≤ `maxQ`.
 */
export const alertRules = sqliteTable('alert_rules', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	measure: text('measure').notNull(),
	handlers: text('handlers', { mode: 'json' }).$type<string[] | null>(),
	channels: text('channels', { mode: 'json' }).$type<string[] | null>(),
	topics: text('topics', { mode: 'json' }).$type<string[] | null>(),
	sources: text('sources', { mode: 'json' }).$type<string[] | null>(),
	minEffect: real('min_effect').notNull(),
	minSample: integer('min_sample').notNull(),
	maxQ: real('max_q').notNull().default(0.05),
	severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
	/** Addresses for this rule; empty means the `alerts.recipients` setting. */
	recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
	enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
	createdAt: integer('created_at').notNull(),
	updatedAt: integer('updated_at').notNull()
});

export const ALERT_STATUSES = ['open', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Whether an email still has to be queued for a state change: `pending` until the message
 * is in the outbox (a crash in between is repaired by the next evaluation), `skipped` when
 * nobody was to be told.
 */
export const NOTICE_STATES = ['pending', 'queued', 'skipped'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/**
 * One alert episode: a rule fired for a segment in a week and stayed open until a later
 * week came without the finding. The finding is kept as it was, as the evidence.
 */
export const alerts = sqliteTable(
	'alerts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		ruleId: integer('rule_id').references(() => alertRules.id, { onDelete: 'set null' }),
		ruleName: text('rule_name').notNull(),
		severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
		measure: text('measure').notNull(),
		segmentKey: text('segment_key').notNull(),
		segment: text('segment', { mode: 'json' }).$type<Record<string, string | null>>().notNull(),
		status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
		firedWeek: text('fired_week').notNull(),
		lastSeenWeek: text('last_seen_week').notNull(),
		firedAt: integer('fired_at').notNull(),
		/** The finding that fired it (AlertFinding as JSON). */
		finding: text('finding', { mode: 'json' }).$type<unknown>().notNull(),
		/** The most recent week's finding while it stayed open. */
		latestFinding: text('latest_finding', { mode: 'json' }).$type<unknown>().notNull(),
		resolvedWeek: text('resolved_week'),
		resolvedAt: integer('resolved_at'),
		/** The segment's value in the week it resolved, when known ({ value, n }). */
		resolvedValue: text('resolved_value', { mode: 'json' }).$type<unknown>(),
		acknowledgedAt: integer('acknowledged_at'),
		acknowledgedBy: text('acknowledged_by'),
		acknowledgeNote: text('acknowledge_note'),
		firedNotice: text('fired_notice', { enum: NOTICE_STATES }).notNull().default('pending'),
		resolvedNotice: text('resolved_notice', { enum: NOTICE_STATES })
	},
	(t) => [
		uniqueIndex('alerts_rule_segment_week_uq').on(t.ruleId, t.segmentKey, t.firedWeek),
		// At most one open episode per rule and segment, whoever evaluates concurrently.
		uniqueIndex('alerts_one_open_uq')
			.on(t.ruleId, t.segmentKey)
			.where(sql`${t.status} = 'open'`),
		index('alerts_fired_at_idx').on(t.firedAt)
	]
);

export const OUTBOX_KINDS = ['alert', 'resolved', 'digest', 'test'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every email, from the moment it is composed until a server (or the outbox folder) has
 * taken it. The message is stored fully built (MIME), so a retry sends the very same bytes
 * with the same Message-ID. `dedupe_key` (kind × rule × segment × week, or digest × week)
 * makes composing the same message twice a no-op.
 */
export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dedupeKey: text('dedupe_key').notNull().unique(),
		kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
		alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
		week: text('week').notNull(),
		subject: text('subject').notNull(),
		fromAddress: text('from_address').notNull(),
		recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
		messageId: text('message_id').notNull(),
		raw: blob('raw', { mode: 'buffer' }).notNull(),
		status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		createdAt: integer('created_at').notNull(),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		/** A sender's claim: another sender leaves the message alone until it lapses. */
		claimToken: text('claim_token'),
		claimedUntil: integer('claimed_until'),
		lastError: text('last_error'),
		sentAt: integer('sent_at'),
		/** 'smtp' or 'file', and the server's reply or the .eml path. */
		deliveredVia: text('delivered_via'),
		deliveryResponse: text('delivery_response')
	},
	(t) => [
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_created_idx').on(t.createdAt)
	]
);
