let installed = false;

/**
 * React ends every server render by aborting its cache signal with a fresh Error, made inside a
 * setImmediate callback. Until its stack is read, V8 keeps that Error's frames, and with them
 * the Immediate the callback ran on, whose queue links (`_idleNext`, `_idlePrev`) Node leaves in
 * place after it has run. Each Immediate carries the async context, the whole store, of the
 * request that queued it. So a single request store kept by anything long-lived (a library's
 * module-level promise born during the first request, as the one preact makes inside Auth.js)
 * reached every request served after it while the server stayed busy: the console's live heap
 * grew with every page under load. Reading the reason's stack as the signal is aborted turns
 * the frames into a string and cuts that chain; a kept store then keeps only itself.
 * Installed once, at server start (instrumentation.ts).
 */
export function settleAbortReasons(): void {
  if (installed) return;
  installed = true;
  const abort = AbortController.prototype.abort;
  AbortController.prototype.abort = function (this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
}
