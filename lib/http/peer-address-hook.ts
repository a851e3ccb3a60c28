import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { PEER_CHAIN_HEADER } from "./client-address";

let installed = false;

/**
 * Next only sets X-Forwarded-For from the socket when the request has none, so a client that
 * sends one hides its real address from the app. Node publishes every request on this channel
 * before the server's handler runs: record the chain, socket peer last, where the app reads it.
 */
export function recordPeerAddresses() {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    const request = (message as { request: IncomingMessage }).request;
    const forwarded = request.headers["x-forwarded-for"];
    const chain = [...(Array.isArray(forwarded) ? forwarded : forwarded ? [forwarded] : []), request.socket.remoteAddress ?? "unknown"];
    request.headers[PEER_CHAIN_HEADER] = chain.join(", ");
  });
}
