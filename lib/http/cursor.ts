import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Opaque pagination cursors: a DynamoDB LastEvaluatedKey (which for sessions holds the token
 * itself) encrypted and authenticated with a key derived from the server's secret, bound to
 * the view it was made for, and valid for a day.
 */

export class CursorError extends Error {
  constructor(message = "This page link is stale or was altered.") {
    super(message);
    this.name = "CursorError";
  }
}

export type DynamoKey = Record<string, unknown>;

export interface CursorState {
  /** Where the next page starts. */
  start: DynamoKey;
  /** Start keys of the pages before this one (null for page one), newest last, capped. */
  trail: (DynamoKey | null)[];
  /** Free-form counters a view carries along, e.g. items scanned so far. */
  progress?: Record<string, number>;
}

const MAX_AGE_MS = 24 * 3600_000;
const MAX_TRAIL = 20;
const MAX_CURSOR_LENGTH = 8192;

function keyFor(secret: string) {
  return Buffer.from(hkdfSync("sha256", secret, "gatehouse", "pagination-cursor-v1", 32));
}

export function sealCursor(secret: string, view: string, state: CursorState, now = Date.now()): string {
  const trail = state.trail.slice(-MAX_TRAIL);
  const payload = Buffer.from(JSON.stringify({ v: view, t: now, s: state.start, p: trail, g: state.progress }));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(view));
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function openCursor(secret: string, view: string, cursor: string, now = Date.now()): CursorState {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new CursorError();
  const raw = Buffer.from(cursor, "base64url");
  if (raw.length < 29) throw new CursorError();
  let parsed: { v: string; t: number; s: DynamoKey; p: (DynamoKey | null)[]; g?: Record<string, number> };
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(view));
    decipher.setAuthTag(raw.subarray(12, 28));
    parsed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
  } catch {
    throw new CursorError();
  }
  if (parsed.v !== view) throw new CursorError();
  if (!(now - parsed.t < MAX_AGE_MS && parsed.t - now < 60_000)) throw new CursorError("This page link has expired.");
  return { start: parsed.s, trail: parsed.p, progress: parsed.g };
}
