export * from './ingest';
export * from './conversations';
export * from './settings';
export * from './alerts';
export * from './auth';
export * from './scores';
export * from './topics';
export * from './rollups';
