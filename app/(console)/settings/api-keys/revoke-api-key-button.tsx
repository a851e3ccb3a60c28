"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { revokeApiKeyAction } from "@/lib/features/api-keys/action";
import type { ApiKeyRow } from "@/lib/features/api-keys/schema";

/** Revokes a key at once: the next request with it gets a 401. */
export function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKeyRow }) {
  return (
    <ConfirmActionDialog
      triggerLabel="Revoke"
      title={`Revoke the API key "${apiKey.name}"?`}
      description="Every request with this key is refused from now on (401). This cannot be undone: create a new key if it is needed again."
      preview={
        <p>
          Key <span className="font-mono">{apiKey.id.slice(0, 8)}</span> ({apiKey.scopes.join(", ")}), created by {apiKey.createdBy}.
        </p>
      }
      confirmLabel="Revoke"
      danger
      onConfirm={() => revokeApiKeyAction({ id: apiKey.id })}
    />
  );
}
