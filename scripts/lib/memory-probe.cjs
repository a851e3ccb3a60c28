// Preloaded into the console server by `npm run bench -- --load` (NODE_OPTIONS=--require), never
// by the app itself. On SIGUSR2 it runs a full GC and writes the server's memory to
// $GATEHOUSE_MEMORY_PROBE/<n>.json: resident memory, and V8's live heap, its reservation, and the
// memory outside it (Buffers). That tells a leak (the live heap grows) from memory that grew to fit
// the load, without a heap snapshot, whose own copy inflates the figure it is meant to explain.
// With $GATEHOUSE_HEAP_SNAPSHOTS set, it also writes a heap snapshot there, to look inside.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");
const vm = require("node:vm");

const dir = process.env.GATEHOUSE_MEMORY_PROBE;
if (dir) {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  let n = 0;
  process.on("SIGUSR2", () => {
    n += 1;
    const before = process.memoryUsage();
    gc();
    const after = process.memoryUsage();
    const snapshots = process.env.GATEHOUSE_HEAP_SNAPSHOTS;
    const snapshot = snapshots ? v8.writeHeapSnapshot(path.join(snapshots, `server-${process.pid}-${n}.heapsnapshot`)) : undefined;
    const file = path.join(dir, `${n}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ before, after, snapshot }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
