/**
 * A month of backdated product activity for the demo data: what the activity page would have
 * collected from the product table's stream over the 30 days before `now`. Pure and
 * deterministic (the same users, seed and `now` give the same events); storing it is seed.ts's
 * job, through the same writer as the stream's events.
 */
import type { ActivityEvent } from "@/lib/features/activity/schema";
import { fingerprint } from "@/lib/secrets";
import { createRng, DEMO_PROVIDERS, type Rng } from "./demo-data";

/** A demo user as seeded: the real id, email and linked accounts the events name. */
export interface DemoActivityUser {
  id: string;
  email: string;
  /** When the demo data says the email was verified (epoch ms), or null. */
  verifiedAt: number | null;
  accounts: readonly { provider: string; providerAccountId: string }[];
}

export interface DemoActivityOptions {
  now: number;
  users: readonly DemoActivityUser[];
  seed: number;
  /** The full days before today's (UTC) that get activity. */
  days?: number;
}

export const DEMO_ACTIVITY_DAYS = 30;
/** Auth.js v5's magic-link provider id (and GATEHOUSE_PRODUCT_EMAIL_PROVIDER's default): what a sign-in by link records. */
export const DEMO_EMAIL_PROVIDER = "nodemailer";
/** Demo event ids start with this: a stream's ids are sequence numbers (digits), so the two never meet. */
export const DEMO_EVENT_PREFIX = "demo-";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Auth.js's defaults: a magic link lives a day, a database session 30 days. */
const LINK_MS = DAY;
const SESSION_MS = 30 * DAY;
/** Who signs in on an ordinary weekday, of the users there are. */
const DAILY_SIGN_IN_RATE = 0.2;
/** The share of users who signed up during the window (the rest were there before it). */
const NEWCOMER_SHARE = 0.3;

/** Sign-ins by hour of day (UTC): quiet at night, busy in office hours. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 6, 5, 4, 3, 2, 1];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

type Draft = Omit<ActivityEvent, "id">;

function hourOfDay(rng: Rng): number {
  let pick = rng.next() * HOUR_TOTAL;
  for (const [hour, weight] of HOUR_WEIGHTS.entries()) {
    pick -= weight;
    if (pick < 0) return hour;
  }
  return 12;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A fingerprint as the stream's events carry one: of a random fake token, never a real one. */
const fakeFingerprint = (rng: Rng) => fingerprint(rng.hex(64));

/** 0.55 on Saturdays and Sundays; a slight growth, +30% from the first day to the last. */
function dayWeight(dayStart: number, index: number, days: number): number {
  const weekday = new Date(dayStart).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.55 : 1;
  return weekend * (0.85 + (0.3 * index) / Math.max(1, days - 1));
}

export function planDemoActivity(options: DemoActivityOptions): ActivityEvent[] {
  const rng = createRng(options.seed ^ 0xac71);
  const days = options.days ?? DEMO_ACTIVITY_DAYS;
  const { now } = options;
  const today = Math.floor(now / DAY) * DAY;
  const first = today - days * DAY;
  const drafts: Draft[] = [];
  const add = (draft: Draft) => {
    if (Date.parse(draft.at) < now) drafts.push(draft);
  };
  const users = [...options.users];
  if (!users.length) return [];

  // Newcomers sign up during the window, more of them on later and on week days; the others were already there.
  const weights = Array.from({ length: days }, (_, i) => dayWeight(first + i * DAY, i, days));
  const total = weights.reduce((a, b) => a + b, 0);
  const signUpDay = new Map<string, number>();
  for (const user of users) {
    if (rng.next() >= NEWCOMER_SHARE) continue;
    let pick = rng.next() * total;
    let day = 0;
    while (day < days - 1 && pick >= (weights[day] ?? 0)) pick -= weights[day++] ?? 0;
    signUpDay.set(user.id, day);
  }

  const timeOn = (dayStart: number) => dayStart + hourOfDay(rng) * HOUR + rng.int(0, HOUR - 1);

  /** A session made at `at`: sometimes signed out the same day; if it was made long enough ago, expired 30 days later. */
  function session(user: DemoActivityUser, at: number) {
    const fp = fakeFingerprint(rng);
    add({ type: "session-created", at: iso(at), by: "product", userId: user.id, fingerprint: fp });
    if (rng.next() < 0.3) add({ type: "session-ended", at: iso(at + rng.int(10 * MINUTE, 8 * HOUR)), by: "product", userId: user.id, fingerprint: fp });
    else if (rng.next() < 0.5)
      add({ type: "session-expired", at: iso(at + SESSION_MS + rng.int(0, 2 * HOUR)), by: "expiry", userId: user.id, fingerprint: fp });
  }

  /** A magic link for `identifier`: used within minutes (returns when), or never, then expired by TTL a day later. */
  function link(identifier: string, at: number, used: boolean): number {
    const fp = fakeFingerprint(rng);
    add({ type: "link-requested", at: iso(at), by: "product", identifier, fingerprint: fp });
    if (!used) {
      add({ type: "link-expired", at: iso(at + LINK_MS + rng.int(MINUTE, 3 * HOUR)), by: "expiry", identifier, fingerprint: fp });
      return at;
    }
    const usedAt = at + rng.int(20_000, 6 * MINUTE);
    add({ type: "link-used", at: iso(usedAt), by: "product", identifier, fingerprint: fp });
    return usedAt;
  }

  function signIn(user: DemoActivityUser, at: number, provider: string) {
    session(user, at);
    add({ type: "sign-in", at: iso(at + rng.int(5, 200)), by: "product", userId: user.id, email: user.email, provider });
  }

  /** A sign-in with one of the user's providers, or by magic link (some links go unused; most users then ask again). */
  function visit(user: DemoActivityUser, at: number) {
    if (user.accounts.length && rng.next() < 0.75) {
      signIn(user, at, rng.pick(user.accounts).provider);
      return;
    }
    let requested = at;
    if (rng.next() < 0.28) {
      link(user.email, requested, false);
      if (rng.next() < 0.35) return;
      requested += rng.int(2 * MINUTE, 20 * MINUTE);
    }
    signIn(user, link(user.email, requested, true) + rng.int(100, 900), DEMO_EMAIL_PROVIDER);
  }

  function signUp(user: DemoActivityUser, at: number) {
    const base = { by: "product" as const, userId: user.id, email: user.email };
    const [account] = user.accounts;
    if (account && rng.next() < 0.8) {
      add({ ...base, type: "sign-up", at: iso(at) });
      add({
        type: "account-linked",
        at: iso(at + 40),
        by: "product",
        userId: user.id,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      });
      signIn(user, at + 80, account.provider);
      return;
    }
    const usedAt = link(user.email, at, true);
    add({ ...base, type: "sign-up", at: iso(usedAt + 30) });
    signIn(user, usedAt + 80, DEMO_EMAIL_PROVIDER);
  }

  for (let i = 0; i < days; i++) {
    const dayStart = first + i * DAY;
    const weight = weights[i] ?? 1;
    const present = users.filter((u) => (signUpDay.get(u.id) ?? -1) < i);
    for (const user of users) if (signUpDay.get(user.id) === i) signUp(user, timeOn(dayStart));

    const visits = Math.round(present.length * DAILY_SIGN_IN_RATE * weight * (0.9 + rng.next() * 0.2));
    for (let v = 0; v < visits && present.length; v++) visit(rng.pick(present), timeOn(dayStart));

    // Sessions made before the window end 30 days on: most of them expire, some users sign out.
    const earlier = Math.round(visits * 0.35);
    for (let e = 0; e < earlier && present.length; e++) {
      const user = rng.pick(present);
      const expired = rng.next() < 0.8;
      add({
        type: expired ? "session-expired" : "session-ended",
        at: iso(timeOn(dayStart)),
        by: expired ? "expiry" : "product",
        userId: user.id,
        fingerprint: fakeFingerprint(rng),
      });
    }

    // Addresses that ask for a link and never come back (no user, so no one is named).
    if (rng.next() < 0.5 * weight) link(`newcomer${i}@${rng.pick(["example.com", "example.org", "acme.test"])}`, timeOn(dayStart), false);

    // Another provider linked now and then; an account unlinked rarely.
    if (rng.next() < 0.5 * weight) {
      const linker = rng.pick(present.length ? present : users);
      const account = linker.accounts[1] ?? linker.accounts[0];
      if (account)
        add({
          type: "account-linked",
          at: iso(timeOn(dayStart)),
          by: "product",
          userId: linker.id,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        });
    }
    if (rng.next() < 0.12) {
      const user = rng.pick(present.length ? present : users);
      const gone = DEMO_PROVIDERS.find((p) => !user.accounts.some((a) => a.provider === p.id));
      if (gone) add({ type: "account-unlinked", at: iso(timeOn(dayStart)), by: "product", userId: user.id, provider: gone.id, providerAccountId: rng.hex(20) });
    }

    // Emails the demo data says were verified during the window: by a magic link that day.
    for (const user of present) {
      if (user.verifiedAt === null || user.verifiedAt < dayStart || user.verifiedAt >= dayStart + DAY) continue;
      const usedAt = link(user.email, user.verifiedAt - rng.int(20_000, 5 * MINUTE), true);
      add({ type: "email-verified", at: iso(Math.max(usedAt + 50, user.verifiedAt)), by: "product", userId: user.id, email: user.email });
      signIn(user, Math.max(usedAt + 100, user.verifiedAt + 50), DEMO_EMAIL_PROVIDER);
    }

    // A few blocks by an operator: some for a week, some lifted a day or two later.
    if (rng.next() < 0.1) {
      const user = rng.pick(present.length ? present : users);
      const at = timeOn(dayStart);
      const base = { by: "gatehouse" as const, userId: user.id, email: user.email };
      if (rng.next() < 0.5) add({ ...base, type: "user-blocked", at: iso(at), until: iso(at + 7 * DAY) });
      else {
        add({ ...base, type: "user-blocked", at: iso(at) });
        add({ ...base, type: "user-unblocked", at: iso(at + rng.int(20, 48) * HOUR) });
      }
    }
  }

  return drafts
    .map((draft, order) => ({ draft, order }))
    .sort((a, b) => a.draft.at.localeCompare(b.draft.at) || a.order - b.order)
    .map(({ draft }, n) => ({ id: `${DEMO_EVENT_PREFIX}${String(n).padStart(6, "0")}`, ...draft }));
}
