export * from './errors';
export * from './commands';
export * from './queries';
export * from './crm-api';
export * from './dispatcher';
export * from './client';
export * from './parse-args';
