// The generated client (src/, regenerated from docs/openapi/gateway.json) and what a generator cannot make: the live
// event stream (Server-Sent Events) as an async iterator.
export * from '../src';
export { followEvents } from './events';
export type { LiveEvent, FollowOptions } from './events';
