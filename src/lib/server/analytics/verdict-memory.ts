import { addWeeks } from '../../domain/time';
import { rankVerdicts } from './order';
import type { Finding } from './regressions';
import type { RollupIndex } from './cells';
import type { AnalyticsSettings } from './settings';
import {
	deficitInMinEffects,
	describeEvidence,
	routingVerdicts,
	type TopicVerdict,
	type Verdict,
	type VerdictEvidence
} from './verdicts';
import { formatQ } from './words';

/**
 * Routing verdicts with memory (docs/statistics.md, "Routing verdict", memory). The rules of
 * verdicts.ts decide each week afresh, so a topic whose gap sits near a threshold goes from
 * "send to humans" to "watch" and back as the four-week window slides, and a manager who
 * rerouted it is told the next Monday that it is fine to watch. Entering a verdict stays as
 * strict as the rules make it; leaving one needs the evidence to have moved:
 *
 * - a topic sent to humans stays there while, on some measure, the AI is still worse by at
 *   least the minimum effect and the whole interval lies on its worse side (significant
 *   before correction), though no longer after it; or while there are too few samples to
 *   decide afresh, which is what routing a topic away from the AI leads to;
 * - a topic at parity stays there while the only reason for "watch" is an interval that no
 *   longer rules out a deficit of `parityMarginEffects` minimum effects but still rules out
 *   one of `parityKeepMarginEffects`: no deficit, no regression, enough data.
 *
 * A kept verdict remembers the week the rules last reached it, at most `verdictMemoryWeeks`
 * back: after that, without being reached again, the topic is decided afresh.
 */

export interface RememberedVerdict extends TopicVerdict {
	/** The week the rules last reached this verdict when memory kept it since; null otherwise. */
	keptSince: string | null;
}

/** Findings of a week, for the "regressed this week" rule of each week looked back on. */
export type FindingsOf = (week: string) => readonly Finding[];

/** Why a verdict is kept: the evidence it rests on this week (none when too few samples). */
interface Keep {
	evidence: VerdictEvidence | null;
	reason: (since: string) => string;
}

function stillWorse(verdict: TopicVerdict, settings: AnalyticsSettings): Keep | null {
	// A topic routed away from the AI soon has too few AI conversations to test: no new
	// evidence is no reason to hand it back.
	if (verdict.rule === 'too-few')
		return {
			evidence: null,
			reason: (since) =>
				`Sent to humans since ${since} and kept until there are enough samples to decide afresh. ${verdict.reason}`
		};
	let worst: VerdictEvidence | null = null;
	let worstEstimate = -Infinity;
	for (const e of verdict.evidence) {
		const deficit = deficitInMinEffects(e, settings);
		if (deficit.estimate >= 1 && deficit.least > 0 && deficit.estimate > worstEstimate) {
			worst = e;
			worstEstimate = deficit.estimate;
		}
	}
	if (!worst) return null;
	const e = worst;
	return {
		evidence: e,
		reason: (since) =>
			`Sent to humans since ${since} and kept: ${describeEvidence(e, settings)}. Still worse by ` +
			`the minimum effect or more, with the whole interval on the AI's worse side, though not ` +
			`significant after correction this week (${formatQ(e.q)}).`
	};
}

function stillNearParity(verdict: TopicVerdict, settings: AnalyticsSettings): Keep | null {
	if (verdict.rule !== 'uncertain') return null;
	const widest = (e: VerdictEvidence) => deficitInMinEffects(e, settings).worst;
	if (verdict.evidence.some((e) => widest(e) > settings.parityKeepMarginEffects)) return null;
	const e = [...verdict.evidence].sort((a, b) => widest(b) - widest(a))[0];
	if (!e) return null;
	return {
		evidence: e,
		reason: (since) =>
			`At parity since ${since} and kept: ${describeEvidence(e, settings)}. No clear gap; the ` +
			`interval is wider than a first verdict of parity allows, but still rules out a large ` +
			`deficit, and nothing points to one.`
	};
}

const KEEPS: Record<
	Exclude<Verdict, 'watch'>,
	(verdict: TopicVerdict, settings: AnalyticsSettings) => Keep | null
> = { humans: stillWorse, parity: stillNearParity };

/** Each topic's verdict in `week`, with memory of the weeks before (ranked as rankVerdicts). */
export function verdictsWithMemory(
	index: RollupIndex,
	week: string,
	settings: AnalyticsSettings,
	findingsOf: FindingsOf
): RememberedVerdict[] {
	// Findings (a detection run per week, the costly part) only decide "regressed this week",
	// which can stop parity but never reaches or keeps "send to humans": that chain is
	// walked on verdicts decided without them.
	const byWeek = new Map<string, Map<string, TopicVerdict>>();
	const decided = (at: string, withFindings: boolean) => {
		const key = `${at}|${withFindings}`;
		let verdicts = byWeek.get(key);
		if (!verdicts) {
			const findings = withFindings ? findingsOf(at) : [];
			verdicts = new Map(routingVerdicts(index, at, settings, findings).map((v) => [v.topic, v]));
			byWeek.set(key, verdicts);
		}
		return verdicts;
	};

	const remember = (verdict: TopicVerdict): RememberedVerdict => {
		const fresh = { ...verdict, keptSince: null };
		if (verdict.verdict !== 'watch') return fresh;
		for (const kept of ['humans', 'parity'] as const) {
			const keep = KEEPS[kept](verdict, settings);
			if (!keep) continue;
			for (let back = 1; back <= settings.verdictMemoryWeeks; back++) {
				const at = addWeeks(week, -back);
				const then = decided(at, kept === 'parity').get(verdict.topic);
				if (!then) break;
				if (then.verdict === kept)
					return {
						...verdict,
						verdict: kept,
						reason: keep.reason(at),
						basis: keep.evidence,
						keptSince: at
					};
				if (!KEEPS[kept](then, settings)) break;
			}
		}
		return fresh;
	};

	return rankVerdicts([...decided(week, true).values()].map(remember));
}
