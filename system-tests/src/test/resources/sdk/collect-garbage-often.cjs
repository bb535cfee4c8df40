// Preloaded by SdkClientsIT (node --expose-gc --require …): a full garbage collection every few milliseconds, so whatever
// the TypeScript client holds only weakly while it works (e.g. a fetch Response whose body it still means to read) is
// gone on every run, not on the odd run when a collection happens to fall there.
setInterval(() => globalThis.gc(), 5).unref();
