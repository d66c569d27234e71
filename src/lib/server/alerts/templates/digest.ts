import { links } from '../links';
import { formatEffect, formatValue, isWorse, measureInfo } from '../measures';
import type {
	AlertFinding,
	DigestContent,
	HandlerValue,
	HeadlineMeasure,
	RoutingVerdict
} from '../types';
import type { EmailContent } from './alert';
import {
	formatCount,
	formatInterval,
	formatProbability,
	segmentName,
	topicName,
	weekNumber,
	weekTitle,
	type TopicLabels
} from './format';
import { levelText, weekAlone } from './change';
import { html, type Html } from './html';
import { badge, button, COLORS, emailDocument, link, sectionTitle, type BadgeTone } from './layout';

export interface DigestEmailContext {
	baseUrl: string;
	topicLabels: TopicLabels;
}

/** At most this many regressions and improvements are listed; the rest are a link away. */
export const DIGEST_FINDINGS = 8;

const VERDICT: Record<
	RoutingVerdict['verdict'],
	{ label: string; tone: BadgeTone; order: number }
> = {
	humans: { label: 'Send to humans', tone: 'bad', order: 0 },
	watch: { label: 'Watch', tone: 'warning', order: 1 },
	parity: { label: 'AI at parity', tone: 'good', order: 2 }
};

/** Whether the AI side is worse than humans, better, or not distinguishable. */
function gapTone(row: HeadlineMeasure): 'bad' | 'good' | 'neutral' {
	const gap = row.gap;
	if (!gap || (gap.low <= 0 && gap.high >= 0)) return 'neutral';
	return isWorse(row.measure, gap.estimate) ? 'bad' : 'good';
}

const TONE_COLOR = { bad: COLORS.bad, good: COLORS.good, neutral: COLORS.muted } as const;

function headlineTable(rows: readonly HeadlineMeasure[]): Html {
	const cell = 'padding:8px 6px;border-bottom:1px solid ' + COLORS.line + ';vertical-align:top;';
	const num = cell + 'text-align:right;white-space:nowrap;';
	return html`<table
			role="presentation"
			width="100%"
			cellpadding="0"
			cellspacing="0"
			border="0"
			style="font-size:14px;border-collapse:collapse;"
		>
			<tr
				style="background:${COLORS.panel};font-size:12px;color:${COLORS.muted};text-transform:uppercase;letter-spacing:0.03em;"
			>
				<td style="${cell}">Measure</td>
				<td style="${num}">AI</td>
				<td style="${num}">Human</td>
				<td style="${num}">Gap</td>
			</tr>
			${rows.map((row) => {
				const tone = gapTone(row);
				return html`<tr>
					<td style="${cell}">${measureInfo(row.measure).label}</td>
					<td style="${num}">${handlerCell(row.measure, row.ai)}</td>
					<td style="${num}">${handlerCell(row.measure, row.human)}</td>
					<td
						style="${num}color:${TONE_COLOR[tone]};font-weight:${tone === 'neutral' ? 400 : 700};"
					>
						${row.gap ? formatEffect(row.measure, row.gap.estimate) : '–'}${
							row.gap
								? html`<div style="font-size:12px;font-weight:400;color:${COLORS.muted};">
										${formatInterval(row.measure, row.gap)}
									</div>`
								: ''
						}${
							row.mixAdjustedGap
								? html`<div style="font-size:12px;font-weight:400;color:${COLORS.muted};">
										mix-adjusted ${formatEffect(row.measure, row.mixAdjustedGap.estimate)}
									</div>`
								: ''
						}
					</td>
				</tr>`;
			})}
		</table>
		<p style="margin:6px 0 0 0;font-size:12px;color:${COLORS.muted};">
			Gap = AI − human, with its 95% interval; coloured where the interval excludes zero.
			Mix-adjusted: AI re-weighted to the human mix of channel × topic groups, shown where those
			groups hold at least half of the human data.
		</p>`;
}

function handlerCell(measure: HeadlineMeasure['measure'], side: HandlerValue): Html {
	// A side with no conversations (humans have no escalation rate) shows a dash, not "n = 0".
	if (side.n === 0) return html`–`;
	return html`${formatValue(measure, side.value)}
		<div style="font-size:12px;color:${COLORS.muted};">n = ${formatCount(side.n)}</div>`;
}

function findingLine(finding: AlertFinding): string {
	const alone = weekAlone(finding);
	return [
		`${levelText(finding)} vs ${formatValue(finding.measure, finding.baseline.value)} baseline`,
		...(alone ? [alone] : []),
		`n = ${formatCount(finding.n)}`,
		formatProbability('q', finding.q),
		finding.since === finding.week ? 'new this week' : `since ${weekNumber(finding.since)}`
	].join(' · ');
}

function findingList(
	findings: readonly AlertFinding[],
	context: DigestEmailContext,
	tone: 'bad' | 'good'
): Html {
	return html`<table
		role="presentation"
		width="100%"
		cellpadding="0"
		cellspacing="0"
		border="0"
		style="font-size:14px;"
	>
		${findings.map(
			(finding) =>
				html`<tr>
						<td style="padding:8px 0 8px 10px;border-left:3px solid ${TONE_COLOR[tone]};">
							<div>
								<strong
									>${measureInfo(finding.measure).label}
									<span style="color:${TONE_COLOR[tone]};"
										>${formatEffect(finding.measure, finding.effect.estimate)}</span
									></strong
								>
								·
								${link(
									links.segment(context.baseUrl, finding.segment, finding.week),
									segmentName(finding.segment, context.topicLabels)
								)}
							</div>
							<div style="font-size:13px;color:${COLORS.muted};">
								${findingLine(finding)} · 95% interval
								${formatInterval(finding.measure, finding.effect)}
							</div>
						</td>
					</tr>
					<tr>
						<td style="height:6px;line-height:6px;font-size:0;">&nbsp;</td>
					</tr>`
		)}
	</table>`;
}

function routingTable(
	verdicts: readonly RoutingVerdict[],
	context: DigestEmailContext,
	week: string
): Html {
	return html`<table
		role="presentation"
		width="100%"
		cellpadding="0"
		cellspacing="0"
		border="0"
		style="font-size:14px;border-collapse:collapse;"
	>
		${verdicts.map(
			(verdict) =>
				html`<tr>
					<td
						style="padding:8px 8px 8px 0;border-bottom:1px solid ${COLORS.line};vertical-align:top;width:40%;"
					>
						${link(links.topic(context.baseUrl, verdict.topic, week), verdictName(verdict, context))}
						<div style="font-size:12px;color:${COLORS.muted};">
							${formatCount(verdict.aiN)} AI · ${formatCount(verdict.humanN)} human
						</div>
					</td>
					<td style="padding:8px 0;border-bottom:1px solid ${COLORS.line};vertical-align:top;">
						${badge(VERDICT[verdict.verdict].label, VERDICT[verdict.verdict].tone)}
						${
							verdict.was
								? html`<span style="margin-left:6px;font-size:12px;color:${COLORS.muted};">
										was ${VERDICT[verdict.was].label} last week</span
									>`
								: ''
						}
						<div style="font-size:13px;color:${COLORS.muted};margin-top:2px;">
							${verdict.reason}
						</div>
					</td>
				</tr>`
		)}
	</table>`;
}

/** The verdict's own label (the analytics layer's), else the taxonomy's. */
function verdictName(verdict: RoutingVerdict, context: DigestEmailContext): string {
	return verdict.label ?? topicName(verdict.topic, context.topicLabels);
}

/**
 * The week's conversations as the review page counts them: the AI's side holds those it
 * handed to a human (the table's AI n), so they are named inside it, not beside it.
 */
function volumeLine(volumes: { ai: number; human: number; hybrid: number }): string {
	const started = volumes.ai + volumes.hybrid;
	return (
		`${formatCount(started)} AI conversations (${formatCount(volumes.hybrid)} of them handed to a human) ` +
		`and ${formatCount(volumes.human)} human`
	);
}

/** In the order the analytics ranked them (analytics/order.ts), as the page and the report list them. */
function findingsInDirection(
	findings: readonly AlertFinding[],
	direction: AlertFinding['direction']
) {
	return findings.filter((finding) => finding.direction === direction);
}

function summaryLine(content: DigestContent, regressions: number, improvements: number): string {
	const humans = content.routing.filter((verdict) => verdict.verdict === 'humans').length;
	const parts = [
		`${regressions} regression${regressions === 1 ? '' : 's'}`,
		`${improvements} improvement${improvements === 1 ? '' : 's'}`
	];
	if (humans) parts.push(`${humans} topic${humans === 1 ? '' : 's'} to send to humans`);
	return parts.join(', ');
}

/** The Monday weekly review as an email. */
export function digestEmail(content: DigestContent, context: DigestEmailContext): EmailContent {
	const regressions = findingsInDirection(content.findings, 'regression');
	const improvements = findingsInDirection(content.findings, 'improvement');
	// Ranked by the analytics (order.ts rankVerdicts), as on the page and in the report.
	const verdicts = content.routing;
	const weeklyUrl = links.weekly(context.baseUrl, content.week);
	const volumes = content.conversations;
	const summary = summaryLine(content, regressions.length, improvements.length);
	// What the team noted changed that week, beside what the measures say changed.
	const notes = (content.notes ?? []).map(
		(note) => `${note.text} (${note.day}${note.source ? `, ${note.source}` : ''})`
	);
	const subject = `Parity weekly review, ${weekTitle(content.week)}: ${summary}`;
	const more = (shown: number, total: number) =>
		total > shown
			? html`<p style="margin:4px 0 0 0;font-size:13px;">
					${link(weeklyUrl, `and ${total - shown} more in the weekly review`)}
				</p>`
			: '';

	const body = html`
		<h1 style="margin:4px 0 4px 0;font-size:22px;line-height:1.3;">Weekly review</h1>
		<p style="margin:0 0 4px 0;font-size:14px;color:${COLORS.muted};">
			${weekTitle(content.week)} · ${volumeLine(volumes)}
		</p>
		<p style="margin:0 0 8px 0;"><strong>${summary}.</strong></p>
		${notes.length ? html`<p style="margin:0 0 8px 0;font-size:14px;">Noted this week: ${notes.join('; ')}</p>` : ''}
		${sectionTitle('AI vs human')}
		${content.headline.length ? headlineTable(content.headline) : html`<p style="color:${COLORS.muted};">No measures this week.</p>`}
		${sectionTitle('Regressions', `vs each segment’s own baseline`)}
		${
			regressions.length
				? html`${findingList(regressions.slice(0, DIGEST_FINDINGS), context, 'bad')}${more(DIGEST_FINDINGS, regressions.length)}`
				: html`<p style="margin:0;color:${COLORS.muted};">No significant regressions this week.</p>`
		}
		${sectionTitle('Improvements')}
		${
			improvements.length
				? html`${findingList(improvements.slice(0, DIGEST_FINDINGS), context, 'good')}${more(DIGEST_FINDINGS, improvements.length)}`
				: html`<p style="margin:0;color:${COLORS.muted};">
						No significant improvements this week.
					</p>`
		}
		${sectionTitle('Routing by topic')}
		${verdicts.length ? routingTable(verdicts, context, content.week) : html`<p style="margin:0;color:${COLORS.muted};">No topic had enough conversations for a verdict.</p>`}
		${button(weeklyUrl, 'Open the weekly review')}
	`;
	const footer = html`Significance: q values after Benjamini–Hochberg across every segment tested.
	${link(links.alerts(context.baseUrl), 'Alerts')} ·
	${link(links.rules(context.baseUrl), 'Alert rules')}`;

	const text = [
		`Parity weekly review — ${weekTitle(content.week)}`,
		volumeLine(volumes),
		`${summary}.`,
		...(notes.length ? [`Noted this week: ${notes.join('; ')}`] : []),
		'',
		'AI vs human (gap = AI − human, 95% interval)',
		...content.headline.map(
			(row) =>
				`  ${measureInfo(row.measure).label}: AI ${handlerText(row.measure, row.ai)}, human ${handlerText(row.measure, row.human)}, gap ${row.gap ? `${formatEffect(row.measure, row.gap.estimate)} (${formatInterval(row.measure, row.gap)})` : '–'}${row.mixAdjustedGap ? `, mix-adjusted ${formatEffect(row.measure, row.mixAdjustedGap.estimate)}` : ''}`
		),
		'',
		'Regressions',
		...(regressions.length
			? regressions.slice(0, DIGEST_FINDINGS).map((f) => findingText(f, context))
			: ['  none significant']),
		'',
		'Improvements',
		...(improvements.length
			? improvements.slice(0, DIGEST_FINDINGS).map((f) => findingText(f, context))
			: ['  none significant']),
		'',
		'Routing by topic',
		...(verdicts.length
			? verdicts.map(
					(v) =>
						`  ${verdictName(v, context)}: ${VERDICT[v.verdict].label}` +
						`${v.was ? ` (was ${VERDICT[v.was].label} last week)` : ''} — ${v.reason}`
				)
			: ['  no topic had enough conversations']),
		'',
		`Weekly review: ${weeklyUrl}`
	].join('\n');

	return {
		subject,
		html: emailDocument({ title: subject, preheader: summary, body, footer }),
		text: text + '\n'
	};
}

function handlerText(measure: HeadlineMeasure['measure'], side: HandlerValue): string {
	return side.n === 0 ? '–' : `${formatValue(measure, side.value)} (n = ${formatCount(side.n)})`;
}

function findingText(finding: AlertFinding, context: DigestEmailContext): string {
	return `  ${measureInfo(finding.measure).label} ${formatEffect(finding.measure, finding.effect.estimate)} (${formatInterval(finding.measure, finding.effect)}) — ${segmentName(finding.segment, context.topicLabels)}: ${findingLine(finding)}`;
}
