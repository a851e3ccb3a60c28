/**
 * lib/features/list-jobs/fingerprint.ts in the browser (Web Crypto instead of node:crypto): the preview
 * shows the fingerprint the job and its batch audit entry will carry.
 */
export async function browserListFingerprint(entries: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(entries.join("\n")));
  return Array.from(new Uint8Array(digest).slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
