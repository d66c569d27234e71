import type { Annotation } from '../../domain/annotations';
import type { MeasureId } from '../analytics/measures';
import type { Verdict } from '../analytics/verdicts';
import type { AdjustedGapWords } from '../analytics/words';
import type { StoredConversations } from '../db/repos/dashboard';
import type { DemoStatus, WeekNavigation } from './context';
import type { FindingRow } from './present';

/** What the weekly review page (review.ts) hands to its route and components. */

export interface SideCell {
	value: string;
	ci: string | null;
	n: number;
	unit: string;
	baseline: string | null;
	change: { text: string; ci: string | null; worse: boolean } | null;
	/**
	 * A significant finding on this side, overall: it links to the finding below, and says its
	 * own test, weeks, effect and interval (present.ts findingFlag), which need not be the Δ's.
	 */
	finding: { worse: boolean; text: string; anchor: string } | null;
	href: string;
	/** Set when the figure is of another week than the review's (repeat contact): "W46". */
	week: string | null;
	/**
	 * The conversations the numerator counts, where the list can pick them: "46 satisfied",
	 * "34 escalated". `href` (the value's link) opens the n conversations where it can.
	 */
	hits: { text: string; href: string } | null;
}

export interface MeasureLine {
	id: MeasureId;
	label: string;
	better: string;
	monitored: boolean;
	ai: SideCell | null;
	human: SideCell | null;
	/** Why a side or the gap shows no value: not defined for it, or not known yet. */
	missing: string;
	/**
	 * Said in the row, visibly: why the review week's figure is missing and which week is shown
	 * instead (repeat contact, whose window is still open for the last complete week).
	 */
	note: string | null;
	gap: {
		text: string;
		ci: string | null;
		/** AI worse than humans beyond the interval: the gap's interval excludes zero that way. */
		aiWorse: boolean;
		/** The mix-adjusted gap with the share of human data it covers, or why it is withheld. */
		adjusted: AdjustedGapWords | null;
		finding: { worse: boolean; text: string; anchor: string } | null;
		/** As on the sides: the week shown when it is not the review's. */
		week: string | null;
	} | null;
}

export interface VerdictRow {
	topic: string;
	/** The topic's display name. */
	topicLabel: string;
	verdict: Verdict;
	label: string;
	/** The verdict in the review of the week before, when it was a different one. */
	wasLabel: string | null;
	/** "since W41" when memory kept the verdict since the week it was reached (verdict-memory.ts). */
	keptSince: string | null;
	reason: string;
	aiConversations: number;
	humanConversations: number;
	href: string;
}

export interface ReviewReady extends WeekNavigation {
	state: 'ready';
	/** Every finding listed, not only the most important ones. */
	all: boolean;
	isDefaultWeek: boolean;
	/** Notes on the timeline for the week reviewed (what changed: a bot update, a new policy). */
	notes: Annotation[];
	demo: DemoStatus;
	hasData: boolean;
	headline: string;
	tone: 'bad' | 'good' | 'steady';
	/** The baseline weeks, with how many hold data when not all do (words.ts coveredSpan). */
	baseline: string;
	/** The same weeks alone, for sentences: "2026-W39–W46". */
	baselineSpan: string;
	level: string;
	fdr: number;
	/** At most this many false findings a week are expected (settings.falseAlarmCap); null: no cap. */
	falseAlarmCap: number | null;
	tests: number;
	/** How the tests were split into BH families: " in families: CSAT 252, …", or ''. */
	families: string;
	volume: {
		total: number;
		ai: number;
		aiOnly: number;
		handedOver: number;
		human: number;
		aiShare: string;
		aiShareBaseline: string | null;
		aiHref: string;
		humanHref: string;
	};
	measures: MeasureLine[];
	more: MeasureLine[];
	/**
	 * What each kind of finding compares, with its weeks: "this week against 2026-W39–W46, …"
	 * (words.ts findingKindsNote).
	 */
	findingKinds: string;
	/** The most important first (effect in minimum effects × conversations touched). */
	regressions: FindingRow[];
	regressionCount: number;
	/** How many of them raised an alert (each row says whether it did, and if not why). */
	alerted: number;
	improvements: FindingRow[];
	improvementCount: number;
	verdicts: VerdictRow[];
	verdictWeeks: string;
	/** The week whose review the verdicts are compared with; null when it held no data. */
	verdictsBeforeWeek: string | null;
}

export interface ReviewEmpty {
	state: 'empty';
	demo: DemoStatus;
	/** Why no week has figures: nothing stored, or nothing answered. */
	stored: StoredConversations;
}

export type ReviewPage = ReviewReady | ReviewEmpty;
