import type { MeasureId } from './measures';
import type { Segment } from './types';

/**
 * Every dashboard address an email links to, in one place, so that when routes move only
 * this file changes. `base` is the `alerts.baseUrl` setting (no trailing slash).
 */

function query(params: Record<string, string | null | undefined>): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
	const text = search.toString();
	return text ? `?${text}` : '';
}

export const links = {
	segment: (base: string, segment: Segment, measure: MeasureId, week: string) =>
		`${base}/segments${query({
			handler: segment.handler,
			channel: segment.channel,
			topic: segment.topic,
			source: segment.source,
			measure,
			week
		})}`,
	conversation: (base: string, id: number) => `${base}/conversations/${id}`,
	alert: (base: string, id: number) => `${base}/alerts#alert-${id}`,
	alerts: (base: string) => `${base}/alerts`,
	rules: (base: string) => `${base}/alerts/rules`,
	weekly: (base: string, week: string) => `${base}/weekly${query({ week })}`,
	topic: (base: string, topic: string, week: string) => `${base}/topics${query({ topic, week })}`
};
