export * from './OpenStackApi';
export * from './OpenStackClient';
