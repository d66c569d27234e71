import type { Adapter } from '../../types';
import { detectZendeskJson } from './detect';
import { readZendeskJson } from './read-json';

export { zendeskWarehouseAdapter } from './warehouse';

/** Zendesk Support API JSON: tickets, comments, audits, ticket events, satisfaction ratings. */
export const zendeskAdapter: Adapter = {
	name: 'zendesk',
	tool: 'zendesk',
	label: 'Zendesk API JSON / NDJSON',
	description:
		'Zendesk API JSON or NDJSON: tickets (with or without comments), incremental ticket exports, comments pages, audits, ticket events, satisfaction ratings',
	detect: ({ sample }) => detectZendeskJson(sample),
	read: readZendeskJson
};
