import type { Adapter } from '../types';
import { canonicalAdapter } from './canonical';
import { intercomAdapter, intercomWarehouseAdapter } from './intercom';

/** Every importer Parity ships, in the order detection breaks ties. */
export const ADAPTERS: readonly Adapter[] = [
	canonicalAdapter,
	intercomAdapter,
	intercomWarehouseAdapter
];
