import { z } from "zod";

/** How times travel in rows and API responses, described once so every schema (and the OpenAPI document) says the same. */
export const isoTime = z.string().describe("ISO 8601 time");
export const epochMsTime = z.number().describe("epoch milliseconds");

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v, "a real date");
