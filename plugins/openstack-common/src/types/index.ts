export * from '../schema/names.generated';
export * from './api';
export * from './resources';
export * from './lookups';
