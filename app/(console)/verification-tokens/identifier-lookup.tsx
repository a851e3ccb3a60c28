import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A plain GET form: one identifier is one Query on its partition. */
export function IdentifierLookup({ defaultValue }: { defaultValue?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers and the e2e specs find; <search> would only wrap it
    <form action="/verification-tokens" method="get" role="search" className="flex w-full max-w-xl items-center gap-2">
      <label htmlFor="token-identifier" className="sr-only">
        Email or identifier to show pending sign-in tokens for
      </label>
      <div className="relative flex-1">
        <span className="icon icon-search pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-fg-muted" aria-hidden />
        <Input
          id="token-identifier"
          name="identifier"
          defaultValue={defaultValue}
          maxLength={254}
          placeholder="Email (exact, as Auth.js stored it)"
          spellCheck={false}
          withIcon
        />
      </div>
      <Button type="submit" variant="secondary">
        Show tokens
      </Button>
    </form>
  );
}
