/**
 * What may be stored about a failed DynamoDB call: its kind, never its text. DynamoDB's
 * messages quote keys and values, and a session's key holds its token, so the audit log gets
 * "DynamoDB refused the request (ValidationException)" and the detail goes to the server log.
 */
export function errorSummary(error: unknown): string {
  const name = safeName(error);
  const code = networkCode(error);
  if (code) return `DynamoDB could not be reached (${code})`;
  if (isAwsError(error)) return error.$fault === "server" ? `DynamoDB failed the request (${name})` : `DynamoDB refused the request (${name})`;
  return `an unexpected error (${name})`;
}

function safeName(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  return /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : "Error";
}

function isAwsError(error: unknown): error is Error & { $fault?: string } {
  return error instanceof Error && ("$fault" in error || "$metadata" in error);
}

/** Node's socket error codes (ECONNREFUSED, ETIMEDOUT…), on the error or its cause. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]{2,20}$/.test(code)) return code;
  }
  return undefined;
}
