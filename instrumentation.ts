/** At server start, outside any request: fails fast on a bad configuration, and sets up what must not be born inside a request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { captureRootScope } = await import("./lib/dynamo/root-scope");
  captureRootScope();
  const { settleAbortReasons } = await import("./lib/http/abort-reasons");
  settleAbortReasons();
  const { checkConfigOrExit } = await import("./lib/startup-check");
  checkConfigOrExit();
  const { startActivityPollerOrExit } = await import("./lib/features/activity/start-poller");
  startActivityPollerOrExit();
  const { recordPeerAddresses } = await import("./lib/http/peer-address-hook");
  recordPeerAddresses();
}
