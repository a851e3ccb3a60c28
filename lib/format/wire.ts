import { z } from "zod";

/** How times travel in rows and API responses, described once so every schema (and the OpenAPI document) says the same. */
export const isoTime = z.string().describe("ISO 8601 time");
export const epochMsTime = z.number().describe("epoch milliseconds");
