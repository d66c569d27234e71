import type { Adapter } from '../types';
import { canonicalAdapter } from './canonical';
import { csvAdapter } from './csv';

/** Every importer Parity ships, in the order detection breaks ties. */
export const ADAPTERS: readonly Adapter[] = [canonicalAdapter, csvAdapter];
