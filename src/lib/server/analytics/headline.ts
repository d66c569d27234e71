import { channelInText } from '../../domain/conversation-filters';
import { GROUP_LABELS, topicLabel, type Scope, type TopicLabels } from './cells';
import { formatEffect, formatValue, MEASURES } from './measures';
import type { Finding } from './regressions';
import { minEffectOf, type AnalyticsSettings } from './settings';
import { harmOf, rankFindings } from './order';

export { harmOf } from './order';
import type { TopicVerdict } from './verdicts';
import { describeEvidence } from './verdicts';
import {
	baselineParts,
	driftWindow,
	effectWithInterval,
	movement,
	sinceWords,
	weekSpan
} from './words';

/**
 * "What matters most this week", in one sentence. The most important item is the one with the
 * largest harm — effect in minimum effects times the conversations it touches a week — among
 * the regressions (all of which already passed correction) and the topics the AI should hand
 * to humans; the sentence says who, what changed, how sure, and what follows from it.
 */

interface HeadlineInput {
	week: string;
	hasData: boolean;
	regressions: readonly Finding[];
	improvements: readonly Finding[];
	verdicts: readonly TopicVerdict[];
	tests: number;
	settings: AnalyticsSettings;
}

function where(scope: Scope, labels: TopicLabels): string {
	const channel = scope.channel && channelInText(scope.channel);
	const topic = scope.topic && topicLabel(scope.topic, labels);
	if (channel && topic) return ` in ${channel} about ${topic}`;
	if (channel) return ` in ${channel}`;
	if (topic) return ` about ${topic}`;
	return '';
}

function who(finding: Finding, labels: TopicLabels): string {
	if (finding.group === 'gap') return `Against humans${where(finding.scope, labels)}, the AI`;
	const subject =
		finding.group === 'human'
			? 'Human-handled conversations'
			: `${GROUP_LABELS[finding.group]} conversations`;
	return `${subject}${where(finding.scope, labels)}`;
}

function findingSentence(finding: Finding, settings: AnalyticsSettings): string {
	const measure = MEASURES[finding.measure];
	const value = (v: number) => formatValue(measure, v);
	const effect = effectWithInterval(measure, finding.effect, finding.ci, settings);
	const sure = `it holds after correcting for the many tests of the week`;
	switch (finding.kind) {
		case 'baseline':
		case 'recent':
			return (
				`${who(finding, settings.topicLabels)} got ${finding.worse ? 'worse' : 'better'}: ${measure.label} went from ` +
				`${value(finding.baseline.value)} in ${baselineParts(finding).span} to ${value(finding.current.value)} ` +
				`${finding.kind === 'recent' ? `over ${weekSpan(finding.current.from, finding.current.to)}` : 'this week'} (${effect}; ` +
				`${finding.current.n} ${measure.unit})${finding.since !== finding.week ? `, ${sinceWords(finding, settings)}` : ''}; ${sure}`
			);
		case 'gap':
			return (
				`${who(finding, settings.topicLabels)} ${finding.worse ? 'fell further behind' : 'caught up'} on ${measure.label}: the gap went from ` +
				`${formatEffect(measure, finding.baseline.value)} to ${formatEffect(measure, finding.current.value)} ` +
				`(change ${effect}; AI n=${finding.current.n}, human n=${finding.current.nHuman ?? 0}); ${sure}`
			);
		case 'drift':
			return (
				`${who(finding, settings.topicLabels)} have been drifting ${movement(finding.effect)} on ${measure.label}, ` +
				`for the ${finding.worse ? 'worse' : 'better'}: their smoothed level (EWMA) over ` +
				`${driftWindow(finding)} is ${value(finding.ewma ?? NaN)} against ${value(finding.baseline.value)} ` +
				`in ${baselineParts(finding).span} (${effect}); ${sure}`
			);
	}
}

/** What the review says when the week had no test at all: too few conversations for one. */
function nothingTested(settings: Pick<AnalyticsSettings, 'baselineWeeks'>): string {
	return (
		`Nothing could be tested this week: too few conversations, this week or in the ` +
		`${settings.baselineWeeks} weeks before it, to compare any segment with its baseline`
	);
}

export function headline(input: HeadlineInput): string {
	const { settings, regressions, improvements, verdicts } = input;
	if (!input.hasData)
		return `No conversations in the rollups for ${input.week}: nothing to review.`;
	const toHumans = verdicts.filter((v) => v.verdict === 'humans');
	const verdictHarm = (v: TopicVerdict) => {
		const e = v.basis;
		if (!e) return 0;
		const weekly = v.aiConversations / settings.verdictWeeks;
		return (Math.abs(e.gap) / minEffectOf(settings, MEASURES[e.measure])) * weekly;
	};
	const worst = rankFindings(regressions, settings)[0];
	const worstVerdict = [...toHumans].sort((a, b) => verdictHarm(b) - verdictHarm(a))[0];

	if (worst && (!worstVerdict || harmOf(worst, settings) >= verdictHarm(worstVerdict))) {
		const topicVerdict = worst.scope.topic
			? verdicts.find((v) => v.topic === worst.scope.topic && v.verdict === 'humans')
			: undefined;
		const tail = topicVerdict
			? ` — and the AI is now clearly behind humans on ${topicVerdict.label}: send it to humans.`
			: regressions.length > 1
				? ` (${regressions.length - 1} more regression${regressions.length > 2 ? 's' : ''} below).`
				: '.';
		return findingSentence(worst, settings) + tail;
	}
	if (worstVerdict) {
		const e = worstVerdict.basis!;
		const others =
			toHumans.length > 1
				? `${toHumans.length} of ${verdicts.length} topics, most of all on ${worstVerdict.label}`
				: worstVerdict.label;
		return (
			`${regressions.length ? 'Beyond this week’s changes' : input.tests ? 'Nothing regressed this week' : 'Nothing could be tested for regressions this week'}, but the AI is ` +
			`clearly behind humans on ${others} — ${describeEvidence(e, settings)} — so ` +
			`${worstVerdict.label} should go to humans.`
		);
	}
	const watch = verdicts.filter((v) => v.verdict === 'watch').length;
	const parity = verdicts.filter((v) => v.verdict === 'parity').length;
	const standing = verdicts.length
		? ` The AI is at parity on ${parity} of ${verdicts.length} topics${watch ? `, ${watch} to watch` : ''}.`
		: '';
	// No segment had the samples a test needs, this week and in its baseline: "none of the 0
	// tests found…" would read as a clean bill of health.
	if (input.tests === 0) return `${nothingTested(settings)}.${standing}`;
	const best = rankFindings(improvements, settings)[0];
	if (best)
		return `Nothing got worse this week; the clearest change is for the better. ${findingSentence(best, settings)}.${standing}`;
	return (
		`A steady week: none of the ${input.tests} tests found a segment beyond its usual range ` +
		`(q ≤ ${settings.fdr}).${standing}`
	);
}
