import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A plain GET form: exact emails and ids jump to the user, anything else becomes a metered scan. */
export function UserSearch({ defaultValue }: { defaultValue?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers and the e2e specs find; <search> would only wrap it
    <form action="/users" method="get" role="search" className="flex w-full max-w-xl items-center gap-2">
      <label htmlFor="user-search" className="sr-only">
        Find a user by email, id, or part of a name or email
      </label>
      <div className="relative flex-1">
        <span className="icon icon-search pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-fg-muted" aria-hidden />
        <Input id="user-search" name="q" defaultValue={defaultValue} maxLength={200} placeholder="Email, user id, or part of a name" withIcon />
      </div>
      <Button type="submit" variant="secondary">
        Find
      </Button>
    </form>
  );
}
