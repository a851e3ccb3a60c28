"use client";

import { Copy, KeyRound, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { SignInAgainLink } from "@/components/actions/sign-in-again-notice";
import { useStepUp } from "@/components/actions/step-up";
import { Button } from "@/components/ui/button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiKeyExpiryDays } from "@/lib/auth/api-key-policy";
import { type Scope, scopes } from "@/lib/auth/roles";
import { createApiKeyAction } from "@/lib/features/api-keys/action";

const scopeHelp: Record<Scope, string> = {
  read: "Users, accounts, sessions and the audit log",
  "sessions:write": "Revoke sessions",
  "accounts:write": "Unlink accounts",
  "users:write": "Block, unblock and delete users",
};

const expiryLabel = (days: number) => (days === 365 ? "1 year" : `${days} days`);

/** Create API key: name, scopes and expiry; the key comes back once, to be copied now. Loaded on demand by CreateApiKeyButton. */
export default function CreateApiKeyDialogRoot({ open, onOpenChange: setOpen, returnFocusTo }: DeferredDialogProps) {
  const router = useRouter();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) router.refresh();
      }}
    >
      {open ? <CreateApiKeyDialog returnFocusTo={returnFocusTo} onDone={() => setOpen(false)} /> : null}
    </Dialog>
  );
}

function CreateApiKeyDialog({ returnFocusTo, onDone }: { returnFocusTo: React.RefObject<HTMLElement | null>; onDone: () => void }) {
  const ids = { name: useId(), expiry: useId(), error: useId(), key: useId() };
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<Scope[]>(["read"]);
  const [days, setDays] = useState(90);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; stepUp: boolean } | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string; expiresAt: string } | null>(null);
  const stepUp = useStepUp();

  if (created) {
    return (
      <DialogContent
        title="Copy your API key now"
        description="This is the only time it is shown: Gatehouse keeps only its SHA-256, so it cannot show it again."
        returnFocusTo={returnFocusTo}
      >
        <label htmlFor={ids.key} className="text-sm font-medium">
          API key “{created.name}”
        </label>
        <div className="mt-1.5 flex gap-2">
          <Input
            id={ids.key}
            readOnly
            value={created.key}
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
            data-testid="created-api-key"
          />
          <Button
            variant="secondary"
            className="shrink-0 whitespace-nowrap"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(created.key);
                toast.success("Copied");
              } catch {
                toast.error("Couldn't copy to the clipboard: select the key and copy it by hand");
              }
            }}
          >
            <Copy className="size-4" aria-hidden />
            Copy key
          </Button>
        </div>
        <p className="mt-3 text-sm text-fg-muted">
          Valid until {created.expiresAt.slice(0, 10)}. Keep it in a secret store; send it as{" "}
          <span className="font-mono text-xs">Authorization: Bearer gh_…</span>
        </p>
        <DialogFooter>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </DialogContent>
    );
  }

  const needsSignIn = stepUp.stale || error?.stepUp === true;
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await createApiKeyAction({ name, scopes: picked, expiresInDays: days });
    setPending(false);
    if (result.ok) {
      setCreated({ key: result.key, name: result.row.name, expiresAt: result.row.expiresAt });
      toast.success(result.message);
    } else setError({ message: result.error, stepUp: result.stepUp === true });
  }

  return (
    <DialogContent title="Create API key" description="For a script or runbook: give it only the scopes it needs." returnFocusTo={returnFocusTo}>
      {needsSignIn ? (
        <div className="space-y-4 text-sm">
          <p role="alert">
            Creating an API key needs a sign-in within the last {stepUp.window?.minutes ?? "few"} minutes, and yours is older. Nothing was created. Sign in
            again and you come back here.
          </p>
          <DialogFooter>
            <SignInAgainLink />
          </DialogFooter>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" aria-describedby={error ? ids.error : undefined}>
          <div className="space-y-1.5">
            <label htmlFor={ids.name} className="text-sm font-medium">
              Name
            </label>
            <Input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder="incident-runbook" maxLength={64} required autoFocus />
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium">Scopes</legend>
            {scopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 cursor-pointer rounded border-border accent-accent"
                  checked={picked.includes(scope)}
                  onChange={(e) => setPicked((now) => (e.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
                />
                <span>
                  <span className="font-mono text-xs">{scope}</span> <span className="text-fg-muted">— {scopeHelp[scope]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="space-y-1.5">
            <label htmlFor={ids.expiry} className="text-sm font-medium">
              Expires after
            </label>
            <Select id={ids.expiry} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {apiKeyExpiryDays.map((d) => (
                <option key={d} value={d}>
                  {expiryLabel(d)}
                </option>
              ))}
            </Select>
          </div>
          <div aria-live="polite" id={ids.error}>
            {error ? (
              <p role="alert" className="text-sm text-danger">
                {error.message}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={pending || picked.length === 0 || name.trim().length < 2}>
              {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <KeyRound className="size-4" aria-hidden />}
              Create API key
            </Button>
          </DialogFooter>
        </form>
      )}
    </DialogContent>
  );
}
