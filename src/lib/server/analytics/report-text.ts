import { scopeLabel } from './cells';
import { MIX_MIN_COVERAGE, type Gap } from './gaps';
import {
	formatEffect,
	formatEffectInterval,
	formatValue,
	MEASURES,
	type MeasureDef
} from './measures';
import { previousVerdictIfChanged, type MeasureRow, type WeeklyReview } from './report';
import type { Interval } from './stats';
import {
	adjustedGapWords,
	coveredSpan,
	describeSupporting,
	familiesNote,
	formatShare,
	weekSpan
} from './words';

/** The weekly review as plain text: what `parity report` prints and the digest can reuse. */

const VERDICT_LABEL = { humans: 'send to humans', watch: 'watch', parity: 'AI at parity' };

function interval(measure: MeasureDef, ci: Interval | null): string {
	if (!ci || !Number.isFinite(ci.lo)) return '';
	return `(${formatValue(measure, ci.lo)}–${formatValue(measure, ci.hi)})`;
}

function cell(row: MeasureRow | undefined): string {
	if (!row || row.value === null) return '–';
	const measure = MEASURES[row.measure];
	const change = row.change ? ` Δ${formatEffect(measure, row.change.effect)}` : '';
	const ci = interval(measure, row.ci);
	return `${formatValue(measure, row.value)}${ci ? ` ${ci}` : ''} n=${row.n}${change}`;
}

function gapCell(gap: Gap | undefined, adjusted = false): string {
	if (!gap) return '–';
	const measure = MEASURES[gap.measure];
	if (adjusted) {
		if (!gap.adjusted) return '–';
		return adjustedGapWords(measure, gap.adjusted, gap).text;
	}
	if (gap.gap === null || !gap.ci) return '–';
	return `${formatEffect(measure, gap.gap)} (${formatEffectInterval(measure, gap.ci)})`;
}

/** What the mix-adjusted column rests on, and when it is withheld. */
function mixNote(): string {
	return (
		`  mix-adjusted: the AI re-weighted to the human mix of channel × topic groups where both ` +
		`sides have data, with the share of human samples those groups hold; under ` +
		`${formatShare(MIX_MIN_COVERAGE)} it is not a figure for the whole and is not shown.`
	);
}

export function renderReviewText(review: WeeklyReview): string {
	const lines: string[] = [];
	const level = `${Math.round(review.settings.level * 100)}%`;
	lines.push(
		`Parity weekly review — ${review.week}, compared with the baseline ${coveredSpan(review.baseline.from, review.baseline.to, review.baseline.covered)}`,
		'',
		review.headline,
		''
	);
	if (!review.hasData) return lines.join('\n');

	const [aiStarted, aiOnly, human] = ['aiStarted', 'aiOnly', 'human'].map((group) =>
		review.groups.find((g) => g.group === group)
	);
	lines.push(
		`This week by handler — value (${level} CI), n, Δ change vs baseline (uncorrected; ` +
			`corrected changes are the regressions below). AI = every conversation the AI started, ` +
			`hand-overs included.`
	);
	lines.push(
		`  conversations: AI ${aiStarted?.conversations ?? 0} (never handed over ${aiOnly?.conversations ?? 0}), human ${human?.conversations ?? 0}`
	);
	const header = [
		'measure'.padEnd(32),
		'AI'.padEnd(36),
		'human'.padEnd(36),
		// As wide as the gap cells below, so the next heading stands over its column.
		'gap AI − human'.padEnd(24),
		'mix-adjusted'
	];
	lines.push('  ' + header.join(''));
	const overallGaps = review.gaps.filter((g) => g.scope.channel === null && g.scope.topic === null);
	const standIn = review.repeatContact;
	for (const row of aiStarted?.measures ?? []) {
		const measure = MEASURES[row.measure];
		// Repeat contact of the latest week that has it, labelled with that week (report.ts).
		const late = row.measure === 'repeatRate' && standIn?.week ? standIn : null;
		const gap = late ? late.gap! : overallGaps.find((g) => g.measure === row.measure);
		lines.push(
			'  ' +
				[
					(late ? `${measure.label}, ${late.week}` : measure.label).padEnd(32),
					cell(late ? (late.ai ?? undefined) : row).padEnd(36),
					cell(
						late
							? (late.human ?? undefined)
							: human?.measures.find((r) => r.measure === row.measure)
					).padEnd(36),
					gapCell(gap).padEnd(24),
					gapCell(gap, true)
				].join('')
		);
	}

	if (standIn) lines.push(`  ${MEASURES.repeatRate.label}: ${standIn.reason}.`);
	lines.push(mixNote());

	const { fdr, falseAlarmCap } = review.settings;
	// After a list of families, a plain "and" would read as one more item of the list.
	const cap =
		falseAlarmCap === null
			? ''
			: `${review.families.length > 1 ? ';' : ''} and p ≤ ${falseAlarmCap}/${review.tests} (at most ${falseAlarmCap} false alarms a week expected)`;
	if (review.tests === 0) {
		// The headline says why; an empty list under "over 0 tests" would read as all clear.
		lines.push('', 'Regressions and improvements — nothing could be tested this week');
	} else {
		lines.push(
			'',
			`Regressions in outcomes — q ≤ ${fdr} after Benjamini–Hochberg over ${review.tests} tests` +
				`${familiesNote(review.families)}${cap}`
		);
		if (review.regressions.length === 0) lines.push('  none');
		for (const finding of review.regressions) {
			lines.push(`  • ${finding.summary}`);
			const supporting = describeSupporting(finding);
			if (supporting) lines.push(`    (${supporting})`);
		}
		lines.push('', 'Improvements');
		if (review.improvements.length === 0) lines.push('  none');
		for (const finding of review.improvements) lines.push(`  • ${finding.summary}`);
	}

	const first = review.verdicts[0];
	lines.push(
		'',
		`Routing verdicts per topic${first ? ` (${weekSpan(first.weeks.from, first.weeks.to)})` : ''}`
	);
	if (review.verdicts.length === 0) lines.push('  no topic had AI conversations');
	for (const verdict of review.verdicts) {
		const before = previousVerdictIfChanged(verdict);
		const was = before ? ` (was ${VERDICT_LABEL[before]} in ${review.verdictsBeforeWeek})` : '';
		lines.push(
			`  ${VERDICT_LABEL[verdict.verdict].padEnd(15)} ${verdict.label}${was}: ${verdict.reason}`
		);
	}

	const csatByTopic = review.gaps.filter(
		(g) => g.measure === 'csatPct' && g.scope.channel === null && g.scope.topic !== null
	);
	if (csatByTopic.length) {
		lines.push(
			'',
			`CSAT gap by topic this week (AI − human, ${level} CI; mix-adjusted over channels)`
		);
		for (const gap of csatByTopic) {
			lines.push(
				`  ${scopeLabel(gap.scope, review.settings.topicLabels).padEnd(22)} AI ${formatValue(MEASURES.csatPct, gap.ai.value)} n=${gap.ai.n}`.padEnd(
					40
				) +
					`human ${formatValue(MEASURES.csatPct, gap.human.value)} n=${gap.human.n}`.padEnd(22) +
					gapCell(gap).padEnd(24) +
					gapCell(gap, true)
			);
		}
	}
	return lines.join('\n');
}
