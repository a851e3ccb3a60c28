/**
 * A deterministic plan of demo data: what users, accounts, sessions and sign-in tokens to
 * create. The same seed and `now` always give the same plan; writing it is seed.ts's job.
 */

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  uuid(): string;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0 || 1;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join("");
  return {
    next,
    int,
    hex,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick: an empty list");
      return item;
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}

const FIRST = [
  "Ana",
  "Bruno",
  "Chen",
  "Dara",
  "Elif",
  "Farah",
  "Gus",
  "Hana",
  "Ivo",
  "Jade",
  "Kofi",
  "Lena",
  "Mateo",
  "Nia",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Uma",
  "Victor",
  "Wen",
  "Yusuf",
  "Zoe",
];
const LAST = [
  "Alves",
  "Bauer",
  "Costa",
  "Diaz",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
  "Kim",
  "Lopez",
  "Moreau",
  "Novak",
  "Okafor",
  "Petrov",
  "Rossi",
  "Silva",
  "Tanaka",
  "Usman",
  "Varga",
  "Weber",
  "Yilmaz",
  "Zhang",
];
const DOMAINS = ["example.com", "example.org", "acme.test", "globex.test", "initech.test"];

export const DEMO_PROVIDERS = [
  { id: "github", type: "oauth", scope: "read:user user:email", tokenPrefix: "gho_", refresh: false, idToken: false },
  { id: "google", type: "oidc", scope: "openid email profile", tokenPrefix: "ya29.", refresh: true, idToken: true },
  { id: "discord", type: "oauth", scope: "identify email", tokenPrefix: "dsc_", refresh: true, idToken: false },
  { id: "okta", type: "oidc", scope: "openid email profile offline_access", tokenPrefix: "okta_", refresh: true, idToken: true },
  { id: "apple", type: "oidc", scope: "name email", tokenPrefix: "apl_", refresh: true, idToken: true },
] as const;

export interface PlannedUser {
  name: string;
  email: string;
  emailVerified: Date | null;
  image?: string;
}

export interface PlannedAccount {
  provider: string;
  type: "oauth" | "oidc";
  providerAccountId: string;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_at: number;
  scope: string;
  token_type: "bearer";
}

export interface PlannedSession {
  sessionToken: string;
  expires: Date;
}

export interface PlannedToken {
  identifier: string;
  token: string;
  expires: Date;
}

export interface DemoPlan {
  users: { user: PlannedUser; accounts: PlannedAccount[]; sessions: PlannedSession[]; tokens: PlannedToken[] }[];
  /** Sign-in links requested by addresses that have no user yet. */
  strayTokens: PlannedToken[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function planDemoData(options: { users: number; seed: number; now: number }): DemoPlan {
  const rng = createRng(options.seed);
  const { now } = options;
  const manySessions = new Set(Array.from({ length: Math.min(3, Math.ceil(options.users / 30)) }, () => rng.int(0, options.users - 1)));
  const token = () => rng.hex(64);
  const users: DemoPlan["users"] = [];

  for (let i = 0; i < options.users; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const email = `${first}.${last}${i}@${rng.pick(DOMAINS)}`.toLowerCase();
    const verified = rng.next() < 0.65;
    const user: PlannedUser = {
      name: `${first} ${last}`,
      email,
      emailVerified: verified ? new Date(now - rng.int(1, 700) * DAY) : null,
    };

    const accounts: PlannedAccount[] = [];
    const providers = [...DEMO_PROVIDERS].sort(() => rng.next() - 0.5).slice(0, rng.pick([0, 1, 1, 1, 2, 2, 3]));
    for (const p of providers) {
      accounts.push({
        provider: p.id,
        type: p.type,
        providerAccountId: p.id === "github" ? String(rng.int(10_000, 99_999_999)) : rng.hex(20),
        access_token: `${p.tokenPrefix}${rng.hex(36)}`,
        ...(p.refresh ? { refresh_token: `rt_${rng.hex(40)}` } : {}),
        ...(p.idToken ? { id_token: `eyJ${rng.hex(60)}` } : {}),
        expires_at: Math.floor((now + rng.int(-48, 48) * HOUR) / 1000),
        scope: p.scope,
        token_type: "bearer",
      });
    }
    if (accounts.some((a) => a.provider === "github")) user.image = `https://avatars.githubusercontent.com/u/${rng.int(1, 9_999_999)}`;

    const sessionCount = manySessions.has(i) ? rng.int(30, 60) : rng.pick([0, 1, 1, 2, 3]);
    const sessions: PlannedSession[] = Array.from({ length: sessionCount }, () => ({
      sessionToken: rng.uuid(),
      expires: rng.next() < 0.75 ? new Date(now + rng.int(1, 30 * 24) * HOUR + rng.int(0, 999)) : new Date(now - rng.int(1, 72) * HOUR - rng.int(0, 999)),
    }));

    const tokens: PlannedToken[] = [];
    if (rng.next() < 0.15) {
      tokens.push({ identifier: email, token: token(), expires: new Date(now + rng.int(1, 23) * HOUR) });
      if (rng.next() < 0.5) tokens.push({ identifier: email, token: token(), expires: new Date(now - rng.int(1, 48) * HOUR) });
    }
    users.push({ user, accounts, sessions, tokens });
  }

  const strayTokens: PlannedToken[] = Array.from({ length: Math.max(2, Math.round(options.users / 20)) }, (_, n) => ({
    identifier: `newcomer${n}@${rng.pick(DOMAINS)}`,
    token: token(),
    expires: new Date(now + (rng.next() < 0.6 ? 1 : -1) * rng.int(1, 23) * HOUR),
  }));

  return { users, strayTokens };
}
