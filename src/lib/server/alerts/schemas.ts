import { z } from 'zod';
import { CHANNELS } from '../../domain/conversation';
import { MEASURE_IDS, type MeasureId } from './measures';
import type { AlertFinding, DigestContent } from './types';

/**
 * Findings are read through this schema where they cross a boundary: from the analytics
 * adapter (a bug there should fail loudly here, not as a garbled email) and back out of the
 * alerts table, where they are stored as JSON evidence.
 */

const week = z.string().regex(/^\d{4}-W\d{2}$/, 'not an ISO week like 2026-W09');
const finite = z.number().finite();
const interval = z.object({ estimate: finite, low: finite, high: finite });

export const SegmentSchema = z.object({
	handler: z.enum(['ai', 'human', 'hybrid']).nullable(),
	channel: z.enum(CHANNELS).nullable(),
	topic: z.string().nullable(),
	source: z.string().nullable()
});

export const AlertFindingSchema = z.object({
	segment: SegmentSchema,
	measure: z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]]),
	week,
	value: finite,
	n: z.number().int().min(0),
	baseline: z.object({ value: finite, n: z.number().int().min(0), weeks: z.number().int().min(1) }),
	smoothed: finite.optional(),
	valueFrom: week.optional(),
	effect: interval,
	p: z.number().min(0).max(1),
	q: z.number().min(0).max(1),
	since: week,
	direction: z.enum(['regression', 'improvement']),
	worstConversationIds: z.array(z.number().int()),
	trend: z
		.array(
			z.object({
				week,
				value: finite.nullable(),
				n: z.number().int().min(0),
				low: finite.nullable().optional(),
				high: finite.nullable().optional(),
				smoothed: finite.nullable().optional()
			})
		)
		.optional()
}) satisfies z.ZodType<AlertFinding>;

export function parseFinding(value: unknown): AlertFinding {
	return AlertFindingSchema.parse(value);
}

/** Findings from a provider; one that does not read is reported, not silently dropped. */
export function parseFindings(values: readonly unknown[]): {
	findings: AlertFinding[];
	invalid: string[];
} {
	const findings: AlertFinding[] = [];
	const invalid: string[] = [];
	values.forEach((value, index) => {
		const parsed = AlertFindingSchema.safeParse(value);
		if (parsed.success) findings.push(parsed.data);
		else
			invalid.push(
				`finding ${index}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
			);
	});
	return { findings, invalid };
}

const handlerValue = z.object({ value: finite.nullable(), n: z.number().int().min(0) });

export const DigestContentSchema = z.object({
	week,
	conversations: z.object({
		ai: z.number().int().min(0),
		human: z.number().int().min(0),
		hybrid: z.number().int().min(0)
	}),
	headline: z.array(
		z.object({
			measure: z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]]),
			ai: handlerValue,
			human: handlerValue,
			gap: interval.nullable(),
			mixAdjustedGap: interval.nullable().optional()
		})
	),
	findings: z.array(AlertFindingSchema),
	routing: z.array(
		z.object({
			topic: z.string(),
			label: z.string().optional(),
			verdict: z.enum(['parity', 'watch', 'humans']),
			reason: z.string(),
			aiN: z.number().int().min(0),
			humanN: z.number().int().min(0),
			was: z.enum(['parity', 'watch', 'humans']).optional()
		})
	),
	notes: z
		.array(z.object({ day: z.string(), text: z.string(), source: z.string().nullable() }))
		.optional()
}) satisfies z.ZodType<DigestContent>;
