export * from '../schema/names.generated';
export * from './request';
