export * from './api';
export * from './resources';
export * from './lookups';
