import type { Adapter } from '../types';
import { canonicalAdapter } from './canonical';
import { csvAdapter } from './csv';
import { freshdeskAdapter } from './freshdesk';
import { frontAdapter } from './front';
import { helpscoutAdapter } from './helpscout';
import { intercomAdapter, intercomWarehouseAdapter } from './intercom';
import { zendeskAdapter, zendeskWarehouseAdapter } from './zendesk';

/**
 * Every importer Parity ships. Tool-specific adapters come first: they claim their table
 * sets before single files are considered, and win ties in detection over the generic ones.
 */
export const ADAPTERS: readonly Adapter[] = [
	zendeskWarehouseAdapter,
	intercomWarehouseAdapter,
	zendeskAdapter,
	intercomAdapter,
	freshdeskAdapter,
	helpscoutAdapter,
	frontAdapter,
	canonicalAdapter,
	csvAdapter
];

/**
 * What a source's tool (Adapter.tool) is called where people read it: the internal names
 * ('canonical') mean nothing to them. Several adapters may serve one tool (the API export and
 * the warehouse tables), so the tool gets its own name rather than one adapter's label.
 */
const TOOL_LABELS: Record<string, string> = {
	zendesk: 'Zendesk',
	intercom: 'Intercom',
	freshdesk: 'Freshdesk',
	helpscout: 'Help Scout',
	front: 'Front',
	canonical: canonicalAdapter.label,
	csv: 'CSV'
};

export function toolLabel(tool: string): string {
	return TOOL_LABELS[tool] ?? tool;
}
