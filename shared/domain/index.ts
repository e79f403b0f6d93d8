export * from './ids';
export * from './money';
export * from './phases';
export * from './entities';
export * from './gates';
export * from './leads';
export * from './pipelines';
