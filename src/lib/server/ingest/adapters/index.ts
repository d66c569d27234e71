import type { Adapter } from '../types';
import { canonicalAdapter } from './canonical';
import { csvAdapter } from './csv';
import { freshdeskAdapter } from './freshdesk';
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
	canonicalAdapter,
	csvAdapter
];
