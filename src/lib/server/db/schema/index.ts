export * from './ingest';
export * from './conversations';
export * from './settings';
export * from './scores';
export * from './topics';
export * from './rollups';
