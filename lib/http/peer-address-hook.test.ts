import assert from "node:assert/strict";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { PEER_CHAIN_HEADER } from "./client-address";
import { recordPeerAddresses } from "./peer-address-hook";

/** One real request through a node http server, answering with the chain its handler saw. */
async function chainSeen(headers: Record<string, string>): Promise<string | undefined> {
  const server = createServer((req, res) => res.end(String(req.headers[PEER_CHAIN_HEADER] ?? "")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

test("the handler sees the forwarded entries, then the socket's own peer, and a client cannot write the chain itself", async () => {
  recordPeerAddresses();
  assert.equal(await chainSeen({}), "127.0.0.1");
  assert.equal(await chainSeen({ "X-Forwarded-For": "203.0.113.9, 198.51.100.7" }), "203.0.113.9, 198.51.100.7, 127.0.0.1");
  assert.equal(await chainSeen({ [PEER_CHAIN_HEADER]: "6.6.6.6" }), "127.0.0.1");
});
