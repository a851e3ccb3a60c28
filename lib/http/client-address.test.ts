import assert from "node:assert/strict";
import { test } from "node:test";
import { clientAddress, limitedAddress } from "./client-address";

test("with no trusted proxy, the socket's peer decides, whatever X-Forwarded-For says", () => {
  assert.equal(clientAddress("127.0.0.1", 0), "127.0.0.1");
  assert.equal(clientAddress("203.0.113.9, 127.0.0.1", 0), "127.0.0.1");
  assert.equal(clientAddress("203.0.113.9, 198.51.100.1, 10.0.0.5", 0), "10.0.0.5");
});

test("each trusted proxy skips one address from the right", () => {
  // client (forged entry first), then what the load balancer appended, then the balancer itself.
  assert.equal(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.5", 1), "203.0.113.9");
  assert.equal(clientAddress("6.6.6.6, 203.0.113.9, 172.16.0.2, 10.0.0.5", 2), "203.0.113.9");
});

test("more trusted proxies than addresses falls back to the left-most", () => {
  assert.equal(clientAddress("10.0.0.5", 1), "10.0.0.5");
  assert.equal(clientAddress("203.0.113.9, 10.0.0.5", 5), "203.0.113.9");
});

test("IPv4-mapped IPv6 addresses read as IPv4; IPv6 stays; junk and emptiness are dropped", () => {
  assert.equal(clientAddress("::ffff:127.0.0.1", 0), "127.0.0.1");
  assert.equal(clientAddress("2001:db8::1", 0), "2001:db8::1");
  assert.equal(clientAddress("203.0.113.9, , ", 0), "203.0.113.9");
  assert.equal(clientAddress(`${"x".repeat(100)}, 10.0.0.5`, 1), "10.0.0.5");
  assert.equal(clientAddress("", 0), undefined);
  assert.equal(clientAddress(null, 0), undefined);
});

test("per-address limits count an IPv6 client by its /64, an IPv4 one by its address", () => {
  assert.equal(limitedAddress("203.0.113.9"), "203.0.113.9");
  assert.equal(limitedAddress("2001:db8:7:7::1"), "2001:db8:7:7::/64");
  assert.equal(limitedAddress("2001:0DB8:0007:0007:aaaa:bbbb:cccc:dddd"), "2001:db8:7:7::/64");
  assert.equal(limitedAddress("2001:db8::"), "2001:db8:0:0::/64");
  assert.equal(limitedAddress("::1"), "0:0:0:0::/64");
  assert.equal(limitedAddress("fe80::1%eth0"), "fe80:0:0:0::/64");
  assert.equal(limitedAddress("64:ff9b::192.0.2.1"), "64:ff9b:0:0::/64");
  assert.equal(limitedAddress("unknown"), "unknown");
});
