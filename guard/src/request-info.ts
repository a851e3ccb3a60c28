import type { IpAddressMode } from "./contract.js";

/** What the product's `requestInfo` may return for the request being handled. */
export interface RequestInfo {
  /** The client's address: behind a proxy, the hop the product trusts (see the README). */
  ip?: string;
  userAgent?: string;
  /** The CDN's country code, e.g. "DE". */
  country?: string;
}

/** What the guard stamps, already reduced to what `ipAddress` allows and capped in length. */
export interface SignInDevice {
  ip?: string;
  userAgent?: string;
  country?: string;
}

/** A user agent can be kilobytes long (and is the client's to choose): the item keeps its start. */
export const USER_AGENT_MAX = 512;
const COUNTRY_MAX = 8;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four bytes of a dotted IPv4 address, or undefined. */
function ipv4(text: string): [number, number, number, number] | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  return [a, b, c, d].every((part) => part <= 255) ? [a, b, c, d] : undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included), or undefined. */
function ipv6(text: string): number[] | undefined {
  let address = text.replace(/%.*$/, "");
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (tail) {
    const v4 = ipv4(tail);
    if (!v4) return undefined;
    const [a, b, c, d] = v4;
    address = `${address.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const [head, rest] = [groups(halves[0]), groups(halves[1])];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return all.map((group) => Number.parseInt(group, 16));
}

/**
 * The address as `mode` keeps it: "full" as given (normalised), "truncated" its network (IPv4 /24,
 * IPv6 /48, which name an ISP's block or a site, not a household), "off" nothing. An IPv4-mapped
 * IPv6 address counts as IPv4. Anything that is not an address is not kept.
 */
export function keptAddress(raw: string, mode: IpAddressMode): string | undefined {
  if (mode === "off") return undefined;
  const text = raw.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  const v4 = ipv4(mapped?.[1] ?? text);
  if (v4) return mode === "full" ? v4.join(".") : `${v4[0]}.${v4[1]}.${v4[2]}.0/24`;
  const v6 = ipv6(text);
  if (!v6) return undefined;
  if (mode === "full") return text.toLowerCase();
  const network = v6.slice(0, 3);
  while (network.length > 0 && network[network.length - 1] === 0) network.pop();
  return `${network.map((group) => group.toString(16)).join(":")}::/48`;
}

const capped = (value: unknown, max: number): string | undefined => {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

/** What of `info` is kept: the address per `mode`, the user agent capped, the country as an upper-case code. */
export function deviceOf(info: RequestInfo | undefined | null, mode: IpAddressMode): SignInDevice {
  if (!info || typeof info !== "object") return {};
  const ip = typeof info.ip === "string" ? keptAddress(info.ip, mode) : undefined;
  const userAgent = capped(info.userAgent, USER_AGENT_MAX);
  const country = capped(info.country, COUNTRY_MAX)?.toUpperCase();
  return { ...(ip && { ip }), ...(userAgent && { userAgent }), ...(country && /^[A-Z0-9-]+$/.test(country) && { country }) };
}
