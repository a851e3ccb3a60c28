import type { AuthConfig } from "@auth/core";
import type { Adapter } from "@auth/core/adapters";
import type { JWT } from "@auth/core/jwt";
import { OWNED_ATTRIBUTES } from "./contract.js";
import { CLAIM, createGuard, type Guard } from "./guard.js";
import type { GatehouseOptions } from "./options.js";

/** The parts of an Auth.js (or next-auth v5) config the guard wraps. */
export type GuardableConfig = Pick<AuthConfig, "callbacks" | "events" | "session" | "adapter">;

type Callbacks = NonNullable<AuthConfig["callbacks"]>;
type Events = NonNullable<AuthConfig["events"]>;
type Awaitable<T> = T | PromiseLike<T>;

const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Thrown from `callbacks.session` only; Auth.js answers it with "no session". */
class SessionEnded extends Error {
  override name = "GatehouseSessionEnded";
}

function strategyOf(config: GuardableConfig): "jwt" | "database" {
  return config.session?.strategy ?? (config.adapter ? "database" : "jwt");
}

/**
 * Database sessions end where Auth.js looks first: a null from `getSessionAndUser` makes it clear
 * the cookie and answer "no session" (a null from `callbacks.session` would not: next-auth's
 * `auth()` replaces it with the default session). New sessions carry `createdAt`, which
 * revocation is compared with.
 */
function guardAdapter(adapter: Adapter, guard: Guard, maxAgeSeconds: number, beat: () => Promise<void>): Adapter {
  const { createSession, getSessionAndUser, updateUser } = adapter;
  return {
    ...adapter,
    // A product that hands its users' input to updateUser must not let them lift their own block,
    // move their revocation time or rewrite the sign-in record.
    ...(updateUser && {
      updateUser(user) {
        const dropped = OWNED_ATTRIBUTES.filter((name) => Object.hasOwn(user, name));
        if (dropped.length === 0) return updateUser(user);
        guard.warnOwnedAttributes(dropped);
        const kept: Record<string, unknown> = { ...user };
        for (const name of dropped) delete kept[name];
        return updateUser(kept as typeof user);
      },
    }),
    ...(createSession && { createSession: (session) => createSession({ ...session, createdAt: new Date() } as typeof session) }),
    ...(getSessionAndUser && {
      async getSessionAndUser(sessionToken) {
        const [found] = await Promise.all([getSessionAndUser(sessionToken), beat()]);
        return found && guard.databaseSessionEnded(found.user as unknown as Record<string, unknown>, found.session, maxAgeSeconds) ? null : found;
      },
    }),
  };
}

function guardConfig<C extends GuardableConfig>(config: C, guard: Guard): C {
  const strategy = strategyOf(config);
  const maxAge = config.session?.maxAge ?? DEFAULT_MAX_AGE_SECONDS;
  const product: Callbacks = config.callbacks ?? {};
  const productSession = product.session;
  const events: Events = config.events ?? {};

  async function beating<T>(work: () => Promise<T>): Promise<T> {
    const beat = guard.beat(strategy);
    try {
      return await work();
    } finally {
      await beat;
    }
  }

  const callbacks: Callbacks = {
    ...product,
    signIn: (params) =>
      beating(async () => {
        if (!(await guard.allowsSignIn(params))) return false;
        return product.signIn ? product.signIn(params) : true;
      }),

    jwt: (params) =>
      beating(async () => {
        // `user` is only there at sign-in, whatever the types say.
        const signingIn = (params as { user?: { id?: string | null } }).user;
        const verdict = await guard.judgeToken(params.token, signingIn);
        if (verdict.end) return null;
        const token: JWT | null = product.jwt ? await product.jwt(params) : params.token;
        return token && verdict.claim ? { ...token, [CLAIM]: verdict.claim } : token;
      }),

    // Only a product's own session callback is wrapped: replacing Auth.js's default would change
    // what next-auth's auth() returns (it substitutes its own default when none is given).
    ...(productSession && {
      session: async (params: Parameters<NonNullable<Callbacks["session"]>>[0]) => {
        const { user, session } = params as unknown as { user?: Record<string, unknown>; session: { createdAt?: unknown; expires?: unknown } };
        if (strategy === "database" && user && guard.databaseSessionEnded(user, session, maxAge)) {
          throw new SessionEnded("gatehouse-guard: this user's session has ended (blocked or revoked)");
        }
        return productSession.call(product, params);
      },
    }),
  };

  const guardedEvents: Events = {
    ...events,
    async signIn(message) {
      await beating(() => guard.recordSignIn(message.user?.id, message.account?.provider));
      await events.signIn?.(message);
    },
    async createUser(message) {
      await beating(() => guard.recordCreated(message.user?.id));
      await events.createUser?.(message);
    },
  };

  return {
    ...config,
    callbacks,
    events: guardedEvents,
    ...(config.adapter && { adapter: guardAdapter(config.adapter, guard, maxAge, () => guard.beat(strategy)) }),
  };
}

/**
 * Adds the Gatehouse guard to an Auth.js config: blocked users can't sign in by any provider,
 * their sessions end (JWT within `cacheSeconds`), sessions from before `gatehouseRevokedAt`
 * end, JWTs of deleted users end, the adapter's `updateUser` can't write the attributes the
 * guard owns, and sign-ins are recorded on the user item. The config's own callbacks and events still
 * run and their results stand. Also takes next-auth's lazy form, `NextAuth(req => config)`.
 */
export function withGatehouse<C extends GuardableConfig>(config: C, options: GatehouseOptions): C;
export function withGatehouse<C extends GuardableConfig, A extends unknown[]>(
  config: (...args: A) => Awaitable<C>,
  options: GatehouseOptions,
): (...args: A) => Promise<C>;
export function withGatehouse<C extends GuardableConfig, A extends unknown[]>(config: C | ((...args: A) => Awaitable<C>), options: GatehouseOptions) {
  const guard = createGuard(options);
  if (typeof config === "function") return async (...args: A) => guardConfig(await config(...args), guard);
  return guardConfig(config, guard);
}
