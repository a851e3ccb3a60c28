import { isIPv6 } from "node:net";

/**
 * The request header through which the server tells the app who connected: every
 * X-Forwarded-For entry the request came with, then the socket's own peer address. Set (and
 * overwritten, whatever a client sent) by `recordPeerAddresses` before Next sees the request.
 */
export const PEER_CHAIN_HEADER = "x-gatehouse-peer-chain";

/**
 * The client's address: the right-most address not added by one of the `trustedProxies`
 * reverse proxies in front of the console. With none, the socket's peer: nothing a client
 * writes into X-Forwarded-For decides it.
 */
export function clientAddress(chain: string | null | undefined, trustedProxies: number): string | undefined {
  const addresses = (chain ?? "")
    .split(",")
    .map((entry) => normalize(entry.trim()))
    .filter((entry): entry is string => Boolean(entry));
  if (addresses.length === 0) return undefined;
  // More trusted hops than entries: a misconfiguration; the left-most is the best guess left.
  return addresses[Math.max(0, addresses.length - 1 - trustedProxies)];
}

function normalize(address: string): string | undefined {
  if (!address || address.length > 64) return undefined;
  const mapped = address.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i);
  return mapped ? mapped[1] : address;
}

/** An IPv6 address's groups, the `::` filled in and an IPv4 tail counted as two. */
function ipv6Groups(address: string): string[] {
  const groups = (part: string) => (part ? part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])) : []);
  const [head = "", tail] = address.split("::");
  if (tail === undefined) return groups(head);
  const before = groups(head);
  const after = groups(tail);
  return [...before, ...Array(8 - before.length - after.length).fill("0"), ...after];
}

/**
 * Whom a per-address limit (signin-ip, api-auth, api-docs) counts: an IPv4 client by its
 * address, an IPv6 one by its /64. One host is usually given a whole /64 and can pick any
 * address in it, so counting single IPv6 addresses would give it 2^64 separate limits.
 */
export function limitedAddress(address: string): string {
  const plain = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (!isIPv6(plain)) return address;
  return `${ipv6Groups(plain.toLowerCase())
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
