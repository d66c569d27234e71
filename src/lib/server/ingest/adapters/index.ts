import type { Adapter } from '../types';
import { canonicalAdapter } from './canonical';
import { zendeskAdapter, zendeskWarehouseAdapter } from './zendesk';

/** Every importer Parity ships, in the order detection breaks ties. */
export const ADAPTERS: readonly Adapter[] = [
	canonicalAdapter,
	zendeskAdapter,
	zendeskWarehouseAdapter
];
