/** Fails fast on a bad configuration when the server starts, instead of on the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { captureRootScope } = await import("./lib/dynamo/root-scope");
  captureRootScope();
  const { checkConfigOrExit } = await import("./lib/startup-check");
  checkConfigOrExit();
  const { recordPeerAddresses } = await import("./lib/http/peer-address-hook");
  recordPeerAddresses();
}
