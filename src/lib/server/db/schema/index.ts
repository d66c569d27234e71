export * from './ingest';
export * from './conversations';
export * from './settings';
