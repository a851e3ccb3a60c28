import { z } from "zod";
import { type ApiKeyStatus, apiKeyExpiryDays } from "@/lib/auth/api-key-policy";
import { type Scope, scopes } from "@/lib/auth/roles";

/** Input schemas of the API-key server actions (public POST endpoints, like every server action). */
export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Name the key (2 to 64 characters), e.g. the runbook or script that uses it.")
    .max(64, "Name the key (2 to 64 characters), e.g. the runbook or script that uses it.")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
    .regex(/^[^\u0000-\u001f\u007f]+$/, "The name cannot hold control characters."),
  scopes: z.array(z.enum(scopes, "Unknown scope.")).min(1, "Pick at least one scope.").max(scopes.length),
  expiresInDays: z.coerce
    .number()
    .refine((days) => (apiKeyExpiryDays as readonly number[]).includes(days), `Pick an expiry: ${apiKeyExpiryDays.join(", ")} days (at most a year).`),
});

export const revokeApiKeySchema = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "an API key id") });

/** What the list shows of a key: never the key, never its hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  status: ApiKeyStatus;
}
