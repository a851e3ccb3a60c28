import assert from "node:assert/strict";
import { test } from "node:test";
import { throughput } from "./throughput";

test("write units and write units per second spent in steps", () => {
  assert.equal(throughput({ writeUnits: 412, elapsedMs: 4790 }), "412 write units · 86 WCU/s");
  assert.equal(throughput({ writeUnits: 12.5, elapsedMs: 2000 }), "12.5 write units · 6.3 WCU/s");
  assert.equal(throughput({ writeUnits: 1, elapsedMs: 0 }), "1 write unit");
  assert.equal(throughput({ writeUnits: 10_400, elapsedMs: 100_000 }), "10,400 write units · 104 WCU/s");
});
