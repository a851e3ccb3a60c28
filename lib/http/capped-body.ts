import "server-only";

/** A body longer than the route takes: the route answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is over ${maxBytes} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request body as text, read until `maxBytes` and no further: a Content-Length over it is
 * refused before reading, and a body without one (chunked) or lying about it is cut off as it
 * arrives, so an oversized upload never sits whole in memory.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
