export * from './OpenStackApi';
