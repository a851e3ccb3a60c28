import assert from "node:assert/strict";
import { test } from "node:test";
import { BodyTooLargeError, readCappedText } from "./capped-body";

function chunked(chunks: string[], pulled: { count: number }) {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === chunks.length) return controller.close();
      pulled.count++;
      controller.enqueue(encoder.encode(chunks[i++]));
    },
  });
  return new Request("http://console.test/upload", { method: "POST", body, duplex: "half" } as RequestInit);
}

test("a body within the cap is read whole, multi-byte characters across chunks included", async () => {
  const pulled = { count: 0 };
  const text = await readCappedText(chunked(['{"a":"é', 'ü"}'], pulled), 100);
  assert.equal(text, '{"a":"éü"}');
});

test("a declared Content-Length over the cap is refused before reading", async () => {
  const request = new Request("http://console.test/upload", { method: "POST", body: "x".repeat(20), headers: { "content-length": "20" } });
  await assert.rejects(readCappedText(request, 10), BodyTooLargeError);
  assert.equal(request.bodyUsed, false);
});

test("without a Content-Length, reading stops at the first chunk past the cap", async () => {
  const pulled = { count: 0 };
  const chunks = Array.from({ length: 100 }, () => "x".repeat(10));
  await assert.rejects(readCappedText(chunked(chunks, pulled), 35), (error) => error instanceof BodyTooLargeError && error.maxBytes === 35);
  assert.ok(pulled.count <= 5, `read ${pulled.count} chunks`);
});
