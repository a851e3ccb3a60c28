import { OWNED_ATTRIBUTES, standingOf, timeOf } from "./contract.js";
import { failureReporter } from "./failures.js";
import { heartbeat } from "./heartbeat.js";
import { type GatehouseOptions, resolveOptions } from "./options.js";
import { type ReadStanding, standingCache } from "./standing-cache.js";
import { guardTable } from "./table.js";

/** The guard's own JWT claim: who signed in and when, since Auth.js renews `iat` on every read. */
export interface GuardClaim {
  userId: string;
  /** Epoch milliseconds. */
  signedInAt: number;
  /** The user had no item in the table at sign-in (a credentials provider's own users): a missing item doesn't end the session. */
  external?: true;
}

export const CLAIM = "gatehouse";

export function claimOf(token: Record<string, unknown> | null | undefined): GuardClaim | undefined {
  const claim = token?.[CLAIM] as Partial<GuardClaim> | undefined;
  return claim && typeof claim.userId === "string" && typeof claim.signedInAt === "number" && Number.isFinite(claim.signedInAt)
    ? { userId: claim.userId, signedInAt: claim.signedInAt, ...(claim.external === true && { external: true as const }) }
    : undefined;
}

interface SignInSubject {
  user?: { id?: string | null; email?: string | null } | null;
  account?: { type?: string; provider?: string; providerAccountId?: string } | null;
}

/** Accounts found through their provider: everything but the email and credentials flows, whose "account" is the user. */
function isProviderAccount(account: SignInSubject["account"]): account is { type?: string; provider: string; providerAccountId: string } {
  return Boolean(account?.provider && account.providerAccountId && account.type !== "email" && account.type !== "credentials");
}

type Verdict<T> = { ok: true; value: T } | { ok: false };

/** What a JWT session read comes to: over, or kept (with the claim to carry, when the guard could tell the user). */
export type TokenVerdict = { end: true } | { end: false; claim?: GuardClaim };

/** The decisions, shared by every config `withGatehouse` wraps (a config function gets one per request). */
export function createGuard(input: GatehouseOptions) {
  const options = resolveOptions(input);
  const table = guardTable(options);
  const cache = standingCache(table, options.cacheMs);
  const report = failureReporter(options.logger);
  const beat = heartbeat(table, options.appName, report);
  let ownedWarned = false;
  const checkFailed = options.failClosed ? "refusing (failClosed: true)" : "letting the user through (failClosed: false)";

  /** Runs a DynamoDB call; on failure reports it and says so, so callers apply failClosed. */
  async function attempt<T>(what: string, outcome: string, call: () => Promise<T>): Promise<Verdict<T>> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      report(what, outcome, error);
      return { ok: false };
    }
  }

  /** The user a sign-in is for, as the adapter will resolve it: by provider account, else by id, else by email. */
  async function standingForSignIn({ user, account }: SignInSubject): Promise<ReadStanding | undefined> {
    if (isProviderAccount(account)) {
      const userId = await table.userIdByAccount(account.provider, account.providerAccountId);
      if (userId) return cache.fresh(userId);
    } else if (user?.id) {
      const standing = await cache.fresh(String(user.id));
      if (standing.exists) return standing;
    }
    // A new provider account may still be linked to an existing (blocked) user by its email.
    if (user?.email) {
      const readAt = Date.now();
      const record = await table.userByEmail(user.email);
      if (record) return cache.found(record, readAt);
    }
    return undefined;
  }

  return {
    failClosed: options.failClosed,
    beat,

    /** False refuses the sign-in (Auth.js's AccessDenied); never throws. */
    async allowsSignIn(subject: SignInSubject): Promise<boolean> {
      const verdict = await attempt("Checking a sign-in", checkFailed, () => standingForSignIn(subject));
      return verdict.ok ? !verdict.value?.block : !options.failClosed;
    },

    /**
     * A JWT session is over when the user is blocked, when the user item no longer exists
     * (deleted, or merged into another user; the block went with it), or when the session began
     * before `gatehouseRevokedAt`. "Missing" is believed only from a strongly consistent read, so
     * a user created a moment ago is never signed out by a replica that has not caught up. A user
     * with no item at sign-in (a credentials provider's own users) is marked `external` and not
     * ended for it. A token without the claim (issued before the guard was added) is over once
     * any revocation is recorded or its user is gone; otherwise it gets a claim dated by the read,
     * which a later revocation postdates.
     */
    async judgeToken(token: Record<string, unknown>, signingIn?: { id?: string | null }): Promise<TokenVerdict> {
      const existing = claimOf(token);
      const userId = signingIn?.id ? String(signingIn.id) : (existing?.userId ?? (typeof token.sub === "string" ? token.sub : undefined));
      if (!userId) return { end: false };
      const external = !signingIn && existing?.external === true;
      const verdict = await attempt("Checking a session", checkFailed, () => (external ? cache.cached(userId) : cache.confirmed(userId)));
      if (!verdict.ok) {
        if (options.failClosed) return { end: true };
        return { end: false, claim: signingIn ? { userId, signedInAt: Date.now() } : existing };
      }
      const standing = verdict.value;
      if (standing.block) return { end: true };
      if (signingIn) return { end: false, claim: { userId, signedInAt: Date.now(), ...(!standing.exists && { external: true as const }) } };
      if (!standing.exists && !external) return { end: true };
      if (standing.revokedAt !== undefined && (!existing || existing.signedInAt < standing.revokedAt)) return { end: true };
      return { end: false, claim: existing ?? { userId, signedInAt: standing.readAt } };
    },

    /**
     * Database sessions: the adapter has just read the user item, so no read of our own. The
     * session's start is the `createdAt` the guard stamps on it; for sessions made before the
     * guard, `expires - maxAge` (when it was last extended) is the latest it can have begun.
     */
    databaseSessionEnded(user: Record<string, unknown>, session: { createdAt?: unknown; expires?: unknown }, maxAgeSeconds: number): boolean {
      const standing = standingOf(user);
      if (standing.block) return true;
      if (standing.revokedAt === undefined) return false;
      const created = timeOf(session.createdAt);
      const expires = timeOf(session.expires);
      const latestStart = created ?? (expires === undefined ? undefined : expires - maxAgeSeconds * 1000);
      return latestStart === undefined || latestStart < standing.revokedAt;
    },

    /** Once per guard: a product sending these on every profile save must not flood its logs. */
    warnOwnedAttributes(dropped: string[]): void {
      if (ownedWarned) return;
      ownedWarned = true;
      try {
        options.logger.warn(
          `[gatehouse-guard] adapter.updateUser was given ${dropped.join(", ")}: Gatehouse and the guard own ${OWNED_ATTRIBUTES.join(", ")}, so the guard dropped them and wrote the rest. Pass only the product's own fields. This warning is shown once.`,
        );
      } catch {
        // a broken logger must not break the update
      }
    },

    async recordSignIn(userId: string | undefined | null, provider: string | undefined): Promise<void> {
      if (!userId) return;
      await attempt("Recording a sign-in", "lastSignInAt is not updated", () => table.recordSignIn(String(userId), provider, new Date()));
    },

    async recordCreated(userId: string | undefined | null): Promise<void> {
      if (!userId) return;
      await attempt("Recording a new user", "createdAt is not set", () => table.recordCreated(String(userId), new Date()));
    },
  };
}

export type Guard = ReturnType<typeof createGuard>;
