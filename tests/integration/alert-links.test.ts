import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../src/lib/domain/conversation-filters';
import { alertHistory } from '../../src/lib/server/alerts/service';
import { alertEmail, resolvedEmail } from '../../src/lib/server/alerts/templates/alert';
import { digestEmail } from '../../src/lib/server/alerts/templates/digest';
import type { AlertFinding, Segment } from '../../src/lib/server/alerts/types';
import { ReviewQuery, TrendsQuery, GapsQuery } from '../../src/lib/server/dashboard/query';
import { insertFiredAlert } from '../../src/lib/server/db/repos/alerts';
import { seedDefaultAlertRules } from '../../src/lib/server/db/repos/alert-rules';
import { csatFinding, digestContent, TOPIC_LABELS } from '../helpers/alerts';
import { testDb } from '../helpers/db';
import { routesOnDisk, type RouteOnDisk } from '../helpers/routes';

/**
 * Every address an alert email, a resolved email, the digest and the alert history can hold
 * must open a page that exists, with query parameters that page reads. The routes come from
 * src/routes itself, and what a page reads from its source: the query schema its
 * +page.server.ts parses, or the `searchParams.get('…')` calls it makes.
 */

const BASE = 'https://parity.example.com';

/** A route id ('/(app)/conversations/[id]') as a pattern on paths ('/conversations/48213'). */
function routePattern(id: string): RegExp {
	const parts = id
		.split('/')
		.filter((part) => part !== '' && !/^\(.*\)$/.test(part))
		.map((part) => (/^\[.+\]$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	return new RegExp(`^/${parts.join('/')}$`);
}

const pages = routesOnDisk().filter((route) => route.files.includes('+page.svelte'));

function routeOf(path: string): RouteOnDisk | undefined {
	return pages.find((route) => routePattern(route.id).test(path));
}

type QueryCheck = (params: URLSearchParams) => string[];

/** Keys of a zod object schema whose value survived parsing (the pages drop bad values). */
function schemaCheck(schema: typeof ReviewQuery | typeof TrendsQuery | typeof GapsQuery) {
	return (params: URLSearchParams) => {
		const object = Object.fromEntries(params);
		const parsed: Record<string, unknown> = schema.parse(object);
		return [...params.keys()].filter((key) => !(key in schema.shape) || parsed[key] === undefined);
	};
}

/** What the route's server file reads from its URL, found by reading that file. */
function queryCheckOf(route: RouteOnDisk): QueryCheck {
	const file = join(route.dir, '+page.server.ts');
	let source = '';
	try {
		source = readFileSync(file, 'utf8');
	} catch {
		// A page without a server file reads no query parameters on the server.
	}
	if (source.includes('ReviewQuery.parse')) return schemaCheck(ReviewQuery);
	if (source.includes('TrendsQuery.parse')) return schemaCheck(TrendsQuery);
	if (source.includes('GapsQuery.parse')) return schemaCheck(GapsQuery);
	if (source.includes('parseConversationQuery'))
		return (params) => parseConversationQuery(params).ignored;
	const read = new Set([...source.matchAll(/searchParams\.get\('([^']+)'\)/g)].map((m) => m[1]));
	return (params) => [...params.keys()].filter((key) => !read.has(key));
}

function problemsOf(url: string): string[] {
	if (!url.startsWith(BASE)) return [`${url}: not on the base URL`];
	const parsed = new URL(url);
	const route = routeOf(parsed.pathname);
	if (!route) return [`${url}: no page at ${parsed.pathname}`];
	return queryCheckOf(route)(parsed.searchParams).map(
		(key) => `${url}: ${route.id} does not read "${key}" as given`
	);
}

/** Every http(s) address in an email's HTML (hrefs) and its text part. */
function urlsOf(email: { html: string; text: string }): string[] {
	const fromHtml = [...email.html.matchAll(/href="([^"]+)"/g)].map((m) =>
		m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')
	);
	const fromText = [...email.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
	return [...new Set([...fromHtml, ...fromText])].filter((url) => /^https?:/.test(url));
}

const SEGMENTS: Segment[] = [];
for (const handler of ['ai', 'human', 'hybrid', null] as const)
	for (const channel of ['email', null] as const)
		for (const topic of ['order status', 'a&b=c?', null])
			for (const source of ['zendesk', null]) SEGMENTS.push({ handler, channel, topic, source });

const findings: AlertFinding[] = SEGMENTS.map((segment) => csatFinding({ segment }));

describe('links in alert emails, the digest and the alert history', () => {
	it('finds the pages it checks against in src/routes', () => {
		expect(routeOf('/')?.id).toBe('/(app)');
		expect(routeOf('/conversations/12')?.id).toBe('/(app)/conversations/[id]');
		expect(routeOf('/segments')).toBeUndefined();
		expect(problemsOf(`${BASE}/weekly?week=2026-W47`)).toEqual([
			`${BASE}/weekly?week=2026-W47: no page at /weekly`
		]);
		expect(problemsOf(`${BASE}/trends?measure=csatPct`)).toEqual([
			`${BASE}/trends?measure=csatPct: /(app)/trends does not read "measure" as given`
		]);
		expect(problemsOf(`${BASE}/conversations?handler=robot`)).toHaveLength(1);
	});

	it('alert and resolved emails link only to pages that exist, with parameters they read', () => {
		const problems: string[] = [];
		let checked = 0;
		for (const finding of findings) {
			const context = {
				alertId: 7,
				ruleName: 'rule',
				severity: 'warning' as const,
				baseUrl: BASE,
				topicLabels: TOPIC_LABELS
			};
			for (const email of [
				alertEmail(finding, {
					...context,
					rule: { minEffect: 0.05, minSample: 30, maxQ: 0.05 },
					chartCid: null
				}),
				resolvedEmail(finding, { ...context, resolvedWeek: '2026-W49', current: null })
			])
				for (const url of urlsOf(email)) {
					checked++;
					problems.push(...problemsOf(url));
				}
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(findings.length * 8);
	});

	it('the digest links only to pages that exist, with parameters they read', () => {
		const content = { ...digestContent(), findings };
		const urls = urlsOf(digestEmail(content, { baseUrl: BASE, topicLabels: TOPIC_LABELS }));
		expect(urls.length).toBeGreaterThan(10);
		expect(urls.flatMap(problemsOf)).toEqual([]);
	});

	it('the alert history links each alert to its segment and conversations', () => {
		const handle = testDb();
		seedDefaultAlertRules(handle);
		findings.forEach((finding, index) =>
			insertFiredAlert(handle, {
				ruleId: 1,
				ruleName: 'rule',
				severity: 'warning',
				segmentKey: `segment-${index}`,
				finding,
				firedAt: 1
			})
		);
		const items = alertHistory(handle, { baseUrl: BASE });
		expect(items).toHaveLength(findings.length);
		const urls = items.flatMap((item) => [
			item.segmentUrl!,
			item.segmentConversationsUrl!,
			...item.conversationUrls.flatMap((c) => (c.url ? [c.url] : []))
		]);
		expect(urls.flatMap(problemsOf)).toEqual([]);
		// The page itself builds relative links with the same builders.
		expect(alertHistory(handle)[0]!.segmentUrl).toMatch(/^\/trends\?week=2026-W47/);
	});
});
