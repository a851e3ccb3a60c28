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
