import { computeGap, usableAdjusted } from './gaps';
import { goodSign, MEASURES, formatValue, type MeasureId } from './measures';
import { weekRange, type Finding } from './regressions';
import { topicLabel, type RollupIndex } from './cells';
import { minEffectOf, minNOf, monitoredMeasures, type AnalyticsSettings } from './settings';
import { benjaminiHochberg, type Interval } from './stats';
import { effectWithInterval, formatQ, formatShare, weekSpan } from './words';
import { rankVerdicts } from './order';

/**
 * The routing verdict per topic: is the AI at parity with humans there, should it be
 * watched, or should the topic go to humans? The rules (docs/statistics.md, "Routing verdict"):
 *
 * Evidence: for each monitored measure defined for both sides, the AI − human gap on the topic
 * over the last `verdictWeeks` weeks (several weeks, so routing does not flip on one week's
 * noise), re-weighted to the human channel mix when that covers at least half the human
 * volume (MIX_MIN_COVERAGE); the reason then gives the rates as measured and the gap "at equal
 * channel mix". Every testable topic × measure gap enters one Benjamini–Hochberg family.
 *
 *  1. send to humans — on some measure the AI is worse by at least the minimum effect and the
 *     gap survives correction (q ≤ fdr);
 *  2. watch — otherwise, if: too few samples on either side to test anything; or the AI is worse
 *     by at least the minimum effect without significance yet; or an AI segment of the topic (or
 *     its gap) regressed this week; or the interval cannot rule out an AI deficit of
 *     `parityMarginEffects` minimum effects;
 *  3. at parity — otherwise: enough data, no material deficit, and the interval rules out a
 *     large one.
 *
 * These rules decide one week afresh; the review keeps a verdict reached in an earlier week
 * until the evidence has moved (verdict-memory.ts).
 */

export type Verdict = 'parity' | 'watch' | 'humans';

/** Which of the rules above decided a verdict (verdict-memory.ts keeps some verdicts by it). */
export type VerdictRule =
	'proven' | 'no-human-side' | 'too-few' | 'suspect' | 'regressed' | 'uncertain' | 'parity';

export interface VerdictEvidence {
	measure: MeasureId;
	/** The two sides as measured over the topic's weeks (what /gaps shows). */
	ai: number;
	human: number;
	/** AI − human; at equal channel mix when `adjusted` (then not ai − human above). */
	gap: number;
	ci: Interval;
	p: number;
	q: number;
	aiN: number;
	humanN: number;
	adjusted: boolean;
}

export interface TopicVerdict {
	topic: string;
	/** The topic's display name (taxonomy label). */
	label: string;
	verdict: Verdict;
	rule: VerdictRule;
	reason: string;
	weeks: { from: string; to: string };
	aiConversations: number;
	/** Of `aiConversations`, those the AI handed to a human (they end with the human's outcome). */
	aiHandedOver: number;
	humanConversations: number;
	evidence: VerdictEvidence[];
	/** The evidence the reason rests on (null when there was too little data). */
	basis: VerdictEvidence | null;
}

export function describeEvidence(e: VerdictEvidence, settings: AnalyticsSettings): string {
	const measure = MEASURES[e.measure];
	// The rates are the raw ones, as /gaps shows them; only the gap the verdict rests on is
	// adjusted, and says so. Adjusted rates beside raw ones elsewhere read as a contradiction.
	return (
		`AI ${measure.label} ${formatValue(measure, e.ai)} vs human ${formatValue(measure, e.human)} ` +
		`(gap${e.adjusted ? ' at equal channel mix' : ''} ${effectWithInterval(measure, e.gap, e.ci, settings)}, ` +
		`n=${e.aiN}/${e.humanN})`
	);
}

/**
 * How far the AI is behind on one piece of evidence, in minimum effects of its measure
 * (negative: ahead): the estimate, and the interval's two ends, the least and the worst
 * deficit it allows.
 */
export function deficitInMinEffects(
	e: VerdictEvidence,
	settings: AnalyticsSettings
): { estimate: number; least: number; worst: number } {
	const measure = MEASURES[e.measure];
	const unit = goodSign(measure) / minEffectOf(settings, measure);
	const [a, b] = [-e.ci.lo * unit, -e.ci.hi * unit];
	return { estimate: -e.gap * unit, least: Math.min(a, b), worst: Math.max(a, b) };
}

export function routingVerdicts(
	index: RollupIndex,
	week: string,
	settings: AnalyticsSettings,
	findings: readonly Finding[] = []
): TopicVerdict[] {
	const weeks = weekRange(week, settings.verdictWeeks);
	const span = { from: weeks[0]!, to: weeks[weeks.length - 1]! };
	const measures = monitoredMeasures(settings).filter((m) => m.appliesTo === 'all');
	const topics = index.topics
		.map((topic) => {
			const scope = { channel: null, topic };
			const evidence: Array<Omit<VerdictEvidence, 'q'>> = [];
			for (const measure of measures) {
				const gap = computeGap(index, weeks, scope, measure, settings);
				const minN = minNOf(settings, measure);
				if (gap.ai.n < minN || gap.human.n < minN || gap.gap === null || !gap.ci) continue;
				const adjusted = usableAdjusted(gap);
				evidence.push({
					measure: measure.id,
					ai: gap.ai.value!,
					human: gap.human.value!,
					gap: adjusted?.gap ?? gap.gap,
					ci: adjusted?.ci ?? gap.ci,
					p: adjusted?.p ?? gap.p!,
					aiN: gap.ai.n,
					humanN: gap.human.n,
					adjusted: adjusted !== null
				});
			}
			return {
				topic,
				evidence,
				ai: index.sum(weeks, 'aiStarted', scope),
				human: index.sum(weeks, 'human', scope)
			};
		})
		.filter((topic) => topic.ai.conversations > 0);

	const q = benjaminiHochberg(topics.flatMap((topic) => topic.evidence.map((e) => e.p)));
	let next = 0;
	const verdicts = topics.map(({ topic, evidence: raw, ai, human }): TopicVerdict => {
		const evidence = raw.map((e) => ({ ...e, q: q[next++]! }));
		const base = {
			topic,
			label: topicLabel(topic, settings.topicLabels),
			weeks: span,
			aiConversations: ai.conversations,
			aiHandedOver: ai.escalations,
			humanConversations: human.conversations,
			evidence
		};
		const say = (
			verdict: Verdict,
			rule: VerdictRule,
			reason: string,
			basis: VerdictEvidence | null = null
		) => ({ ...base, verdict, rule, reason, basis });
		const size = (e: VerdictEvidence) => deficitInMinEffects(e, settings).estimate;
		const byHarm = [...evidence].sort((a, b) => size(b) - size(a));

		const proven = byHarm.find((e) => size(e) >= 1 && e.q <= settings.fdr);
		if (proven)
			return say(
				'humans',
				'proven',
				`${describeEvidence(proven, settings)}, significant after correction (${formatQ(proven.q)}).`,
				proven
			);
		if (human.conversations === 0)
			return say(
				'watch',
				'no-human-side',
				`No human conversations on ${base.label} in ${weekSpan(span.from, span.to)} to compare with.`
			);
		if (evidence.length === 0) {
			const csat = MEASURES.csatPct;
			return say(
				'watch',
				'too-few',
				`Too few samples for a verdict: ${MEASURES.csatPct.sample(ai).n}/${csat.sample(human).n} ` +
					`answered surveys and ${ai.conversations}/${human.conversations} conversations (AI/human) ` +
					`in ${weekSpan(span.from, span.to)}; each measure needs ${minNOf(settings, csat)} on each side.`
			);
		}
		const suspect = byHarm.find((e) => size(e) >= 1);
		if (suspect)
			return say(
				'watch',
				'suspect',
				`${describeEvidence(suspect, settings)}: worse, but not significant after correction (${formatQ(suspect.q)}).`,
				suspect
			);
		const regressed = findings.find(
			(f) => f.worse && f.scope.topic === topic && (f.group === 'aiStarted' || f.group === 'gap')
		);
		if (regressed) return say('watch', 'regressed', `Regressed this week. ${regressed.summary}`);
		const uncertain = byHarm.find(
			(e) => deficitInMinEffects(e, settings).worst > settings.parityMarginEffects
		);
		if (uncertain)
			return say(
				'watch',
				'uncertain',
				`${describeEvidence(uncertain, settings)}: no clear gap, but the interval cannot rule out a large one yet.`,
				uncertain
			);
		const primary = evidence.find((e) => e.measure === 'csatPct') ?? evidence[0]!;
		// Parity is on what customers got, which for a hand-over is the human's work: a manager
		// routing the topic should know how much of "the AI's" result humans finished.
		const handedOver =
			ai.escalations > 0
				? `, counting the ${formatShare(ai.escalations / ai.conversations)} of its conversations ` +
					`it handed to a human (${ai.escalations} of ${ai.conversations})`
				: '';
		return say(
			'parity',
			'parity',
			`${describeEvidence(primary, settings)}; the AI is not behind by the minimum effect on ` +
				`${evidence.length === 1 ? 'the one measure' : `any of the ${evidence.length} measures`} tested${handedOver}.`,
			primary
		);
	});
	return rankVerdicts(verdicts);
}
