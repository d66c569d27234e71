import { addWeeks, weeksBetween } from '../../../domain/time';
import { noun } from '../../../plural';
import type { AlertSeverity } from '../../db/schema/alerts';
import { links } from '../links';
import { formatEffect, formatValue, measureInfo, thresholdText, type MeasureId } from '../measures';
import type { AlertFinding, HandlerValue } from '../types';
import {
	formatCount,
	formatInterval,
	formatProbability,
	segmentName,
	weekNumber,
	weekTitle,
	type TopicLabels
} from './format';
import {
	baselineWeeksText,
	changedLevel,
	fromTo,
	levelText,
	sinceSuffix,
	valueWeekCount,
	valueWeeks
} from './change';
import { html, type Html } from './html';
import {
	badge,
	button,
	COLORS,
	divider,
	EMAIL_CHART_WIDTH,
	emailDocument,
	facts,
	heading,
	link,
	sectionTitle,
	statRow
} from './layout';

export interface EmailContent {
	subject: string;
	html: string;
	text: string;
}

export interface AlertEmailContext {
	alertId: number;
	ruleName: string;
	severity: AlertSeverity;
	rule: { minEffect: number; minSample: number; maxQ: number };
	/** The `alerts.baseUrl` setting. */
	baseUrl: string;
	/** Content-ID of the attached trend chart; null when there is no chart. */
	chartCid: string | null;
	topicLabels: TopicLabels;
	/**
	 * The team's notes on the timeline from the week the change began to this one, as
	 * "text (day, source)": what changed then, beside what the measure says changed.
	 */
	notes?: readonly string[];
	/**
	 * The help desk's id of each example conversation, by Parity's id (repos/evidence.ts
	 * conversationRefs): the id the transcript list and the help desk show. Without one, the
	 * example is named by Parity's id.
	 */
	conversationRefs?: ReadonlyMap<number, string>;
}

/** How many example conversations an alert links to. */
export const EXAMPLES = 3;

const SEVERITY_WORD = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

/** "8 pts", "1 pt", "0.32": the size of a change without its sign, for sentences. */
function magnitude(measure: MeasureId, effect: number): string {
	return formatEffect(measure, Math.abs(effect)).replace(/^\+/, '');
}

function verb(effect: number): string {
	return effect < 0 ? 'fell' : 'rose';
}

function thresholds(measure: MeasureId, rule: AlertEmailContext['rule']): string {
	return `fires at a change of ${thresholdText(measure, rule.minEffect)} or more, n ≥ ${formatCount(rule.minSample)}, q ≤ ${rule.maxQ}`;
}

/**
 * The email sent when a rule fires. Example conversations are linked, never quoted: email
 * leaves Parity's access control (forwarded, archived, read on shared phones), and
 * transcripts carry customers' personal data.
 */
export function alertEmail(finding: AlertFinding, context: AlertEmailContext): EmailContent {
	const { measure, effect } = finding;
	const info = measureInfo(measure);
	const segment = segmentName(finding.segment, context.topicLabels);
	const change = magnitude(measure, effect.estimate);
	const smoothed = finding.smoothed !== undefined;
	// A drift's change built up over its run; any other change is this week's.
	const headline = smoothed
		? `${info.label} drifted ${effect.estimate < 0 ? 'down' : 'up'} ${change}${sinceSuffix(finding)}`
		: `${info.label} ${verb(effect.estimate)} ${change}`;
	const subject = `${SEVERITY_WORD[context.severity]}: ${headline} for ${segment} (${weekNumber(finding.week)})`;
	const segmentUrl = links.segment(context.baseUrl, finding.segment, finding.week);
	const conversationsUrl = links.segmentConversations(
		context.baseUrl,
		finding.segment,
		finding.week,
		measure,
		'base',
		valueWeekCount(finding)
	);
	// The list the link opens holds the value's n, the conversations the figure was computed on.
	const conversationsText = `Its ${formatCount(finding.n)} ${noun(finding.n, 'conversation')} measured ${valueWeeks(finding)}`;
	const alertUrl = links.alert(context.baseUrl, context.alertId);
	const examples = finding.worstConversationIds.slice(0, EXAMPLES);
	const sure = `${formatProbability('p', finding.p)}, ${formatProbability('q', finding.q)} after Benjamini–Hochberg across every segment tested this week`;
	const since =
		finding.since === finding.week ? 'this week' : `${weekTitle(finding.since)} onwards`;
	// A drift's baseline is the weeks before its run, not the weeks just before this one.
	const baselineText = `${formatValue(measure, finding.baseline.value)} ${baselineWeeksText(finding)} (n = ${formatCount(finding.baseline.n)})`;
	const lead = `${info.label} for ${segment} ${verb(effect.estimate)} ${fromTo(finding)}.`;
	const thisWeek = `${formatValue(measure, finding.value)} (n = ${formatCount(finding.n)})`;
	const changeNote = smoothed ? 'smoothed level − baseline; ' : '';
	const notes = context.notes ?? [];

	const body = html`
		${badge(SEVERITY_WORD[context.severity].toUpperCase(), context.severity)}
		${badge('REGRESSION', 'bad')}
		${heading(headline, html`<strong style="color:${COLORS.fg};">${segment}</strong> · ${weekTitle(finding.week)}`)}
		<p style="margin:0 0 12px 0;">${lead}</p>
		${statRow([
			smoothed
				? {
						label: 'Smoothed level',
						value: formatValue(measure, changedLevel(finding)),
						sub: `EWMA of the weekly values, ${weekNumber(finding.week)}`,
						color: COLORS.bad
					}
				: {
						label: 'This week',
						value: formatValue(measure, finding.value),
						sub: `n = ${formatCount(finding.n)} conversations`,
						color: COLORS.bad
					},
			{
				label: 'Baseline',
				value: formatValue(measure, finding.baseline.value),
				sub: `${finding.baseline.weeks} weeks, n = ${formatCount(finding.baseline.n)}`
			},
			...(smoothed
				? [
						{
							label: 'This week alone',
							value: formatValue(measure, finding.value),
							sub: `n = ${formatCount(finding.n)} conversations`
						}
					]
				: [])
		])}
		${facts([
			[
				'Change',
				html`<strong style="color:${COLORS.bad};">${formatEffect(measure, effect.estimate)}</strong>
					(${changeNote}95% interval ${formatInterval(measure, effect)})`
			],
			['How sure', sure],
			['Since', since],
			...(notes.length ? [['Noted', notes.join('; ')] as [string, string]] : [])
		])}
		${
			context.chartCid
				? html`<img
							src="cid:${context.chartCid}"
							width="${EMAIL_CHART_WIDTH}"
							alt="${`${info.label} for ${segment}, week by week: ${smoothed ? `smoothed level ${formatValue(measure, changedLevel(finding))}, the week alone ${formatValue(measure, finding.value)},` : formatValue(measure, finding.value)} in ${weekNumber(finding.week)} against a baseline of ${formatValue(measure, finding.baseline.value)}`}"
							style="display:block;width:100%;max-width:${EMAIL_CHART_WIDTH}px;height:auto;margin:16px 0 4px 0;border:0;"
						/>
						<p style="margin:0;font-size:12px;color:${COLORS.muted};">
							${info.label} per week for this segment; bars are 95%
							intervals.${
								smoothed
									? ' The red line is the smoothed level (EWMA) the change is measured on.'
									: ''
							}
						</p>`
				: ''
		}
		${button(segmentUrl, 'Open the segment in Parity')}
		<p style="margin:0 0 8px 0;font-size:13px;">${link(conversationsUrl, conversationsText)}</p>
		${examplesBlock(examples, context.baseUrl, context.conversationRefs)}
	`;
	const footer = html`Rule
		<strong>${context.ruleName}</strong> (${thresholds(measure, context.rule)}).<br />
		${link(alertUrl, 'Acknowledge or see the alert history')} ·
		${link(links.rules(context.baseUrl), 'Edit alert rules')}`;

	const text = [
		`${SEVERITY_WORD[context.severity]} regression: ${headline}`,
		`${segment} · ${weekTitle(finding.week)}`,
		'',
		lead,
		'',
		...(smoothed
			? [`Smoothed:   ${formatValue(measure, changedLevel(finding))} (EWMA of the weekly values)`]
			: [`This week:  ${thisWeek}`]),
		`Baseline:   ${baselineText}`,
		`Change:     ${formatEffect(measure, effect.estimate)} (${changeNote}95% interval ${formatInterval(measure, effect)})`,
		...(smoothed ? [`This week:  ${thisWeek} on its own`] : []),
		`How sure:   ${sure}`,
		`Since:      ${since}`,
		...(notes.length ? [`Noted:      ${notes.join('; ')}`] : []),
		'',
		`Open the segment: ${segmentUrl}`,
		`${conversationsText}: ${conversationsUrl}`,
		...examplesText(examples, context.baseUrl, context.conversationRefs),
		'',
		`Rule "${context.ruleName}" (${thresholds(measure, context.rule)}).`,
		`Acknowledge or see the alert history: ${alertUrl}`,
		`Edit alert rules: ${links.rules(context.baseUrl)}`
	].join('\n');

	return {
		subject,
		html: emailDocument({ title: subject, preheader: lead, body, footer }),
		text: text + '\n'
	};
}

const PRIVACY_NOTE =
	'Transcripts stay in Parity (sign-in required): they hold customers’ personal data.';

/** "#46520", the help desk's id, where known; else "Parity #5286". */
function exampleName(id: number, refs?: ReadonlyMap<number, string>): string {
	const ref = refs?.get(id);
	return ref === undefined ? `Parity #${id}` : `#${ref}`;
}

function examplesBlock(
	ids: readonly number[],
	baseUrl: string,
	refs?: ReadonlyMap<number, string>
): Html | '' {
	if (!ids.length) return '';
	return html`${divider}${sectionTitle('Conversations to look at', 'worst first')}
		<p style="margin:0 0 8px 0;">
			${ids.map(
				(id, index) =>
					html`${index ? html` · ` : ''}${link(links.conversation(baseUrl, id), exampleName(id, refs))}`
			)}
		</p>
		<p style="margin:0;font-size:13px;color:${COLORS.muted};">${PRIVACY_NOTE}</p>`;
}

function examplesText(
	ids: readonly number[],
	baseUrl: string,
	refs?: ReadonlyMap<number, string>
): string[] {
	if (!ids.length) return [];
	return [
		'',
		'Conversations to look at, worst first:',
		...ids.map((id) => `  ${exampleName(id, refs)}  ${links.conversation(baseUrl, id)}`),
		PRIVACY_NOTE
	];
}

export interface ResolvedEmailContext {
	alertId: number;
	ruleName: string;
	severity: AlertSeverity;
	baseUrl: string;
	/** The week in which the finding was gone. */
	resolvedWeek: string;
	/** The segment's value that week, when the analytics layer could tell. */
	current: HandlerValue | null;
	topicLabels: TopicLabels;
}

/** The email sent when an alert's segment has recovered: no finding in a later week. */
export function resolvedEmail(fired: AlertFinding, context: ResolvedEmailContext): EmailContent {
	const { measure } = fired;
	const info = measureInfo(measure);
	const segment = segmentName(fired.segment, context.topicLabels);
	const subject = `Resolved: ${info.label} for ${segment} is back within its baseline (${weekNumber(context.resolvedWeek)})`;
	const alertUrl = links.alert(context.baseUrl, context.alertId);
	const segmentUrl = links.segment(context.baseUrl, fired.segment, context.resolvedWeek);
	const now =
		context.current && context.current.value !== null
			? `${formatValue(measure, context.current.value)} (n = ${formatCount(context.current.n)})`
			: null;
	const lead = `The regression that fired in ${weekNumber(fired.week)} is no longer significant in ${weekNumber(context.resolvedWeek)}.`;
	const open = weeksBetween(fired.week, context.resolvedWeek);
	const lastWeek = addWeeks(context.resolvedWeek, -1);
	const lasted =
		open === 1
			? `1 week (${weekNumber(fired.week)})`
			: `${open} weeks (${weekNumber(fired.week)} to ${weekNumber(lastWeek)})`;
	const firedText = `${levelText(fired)} against a baseline of ${formatValue(measure, fired.baseline.value)} (${formatEffect(measure, fired.effect.estimate)}, n = ${formatCount(fired.n)})`;

	const body = html`
		${badge('RESOLVED', 'good')}
		${heading(`${info.label} recovered`, html`<strong style="color:${COLORS.fg};">${segment}</strong> · ${weekTitle(context.resolvedWeek)}`)}
		<p style="margin:0 0 12px 0;">${lead}</p>
		${facts([
			['When it fired', html`${weekTitle(fired.week)}: ${firedText}`],
			['Now', now ?? 'no longer among the significant regressions'],
			['Rule', context.ruleName]
		])}
		${button(segmentUrl, 'Open the segment in Parity')}
	`;
	const footer = html`${link(alertUrl, 'See the alert history')} ·
	${link(links.rules(context.baseUrl), 'Edit alert rules')}`;
	const text = [
		`Resolved: ${info.label} for ${segment}`,
		weekTitle(context.resolvedWeek),
		'',
		lead,
		'',
		`When it fired: ${weekTitle(fired.week)}, ${firedText}`,
		`Now:           ${now ?? 'no longer among the significant regressions'}`,
		`Lasted:        ${lasted}`,
		`Rule:          ${context.ruleName}`,
		'',
		`Open the segment: ${segmentUrl}`,
		`Alert history: ${alertUrl}`
	].join('\n');
	return {
		subject,
		html: emailDocument({ title: subject, preheader: lead, body, footer }),
		text: text + '\n'
	};
}
