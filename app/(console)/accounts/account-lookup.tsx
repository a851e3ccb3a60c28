import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** A plain GET form: a hit opens the user at once, a miss comes back to the provider's list with a notice. */
export function AccountLookup({ providers, provider, account }: { providers: string[]; provider?: string; account?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers and the e2e specs find; <search> would only wrap it
    <form
      action="/accounts"
      method="get"
      role="search"
      aria-label="Find a user by provider account"
      className="flex w-full max-w-2xl flex-wrap items-end gap-2"
    >
      <div className="w-44">
        <label htmlFor="lookup-provider" className="mb-1 block text-xs font-medium text-fg-muted">
          Provider
        </label>
        {providers.length > 0 ? (
          <Select id="lookup-provider" name="provider" defaultValue={provider}>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            id="lookup-provider"
            name="provider"
            defaultValue={provider}
            required
            maxLength={64}
            pattern="[A-Za-z0-9_.\-]{1,64}"
            placeholder="github"
            spellCheck={false}
          />
        )}
      </div>
      <div className="min-w-48 flex-1">
        <label htmlFor="lookup-account" className="mb-1 block text-xs font-medium text-fg-muted">
          Provider account id
        </label>
        <div className="relative">
          <span className="icon icon-search pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-fg-muted" aria-hidden />
          <Input
            id="lookup-account"
            name="account"
            defaultValue={account}
            required
            maxLength={200}
            placeholder="The id the provider gives the user"
            spellCheck={false}
            withIcon
          />
        </div>
      </div>
      <Button type="submit" variant="secondary">
        Open user
      </Button>
    </form>
  );
}
