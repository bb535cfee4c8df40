// The generated client (src/, written by the build from docs/openapi/gateway.json beside a copy of this folder) and
// what a generator cannot make: the live event stream (Server-Sent Events) as an async iterator.
export * from '../src';
export { followEvents } from './events';
export type { LiveEvent, FollowOptions } from './events';
