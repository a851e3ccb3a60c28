import Link from "next/link";
import { LabelledField } from "@/components/filter-form-parts";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { activityTypeLabels } from "@/lib/features/activity/labels";
import { activityTypes } from "@/lib/features/activity/schema";
import { LeaveOutEmptyFields } from "../audit/leave-out-empty-fields";
import type { FilterField, RawActivityFilters } from "./filters";

/** A plain GET form: the filters live in the URL, and applying them starts again at the newest event. Works without JavaScript. */
export function ActivityFilterForm({ values, invalid = [] }: { values: RawActivityFilters; invalid?: readonly FilterField[] }) {
  const active = Object.values(values).some(Boolean);
  const bad = (field: FilterField) => invalid.includes(field) || undefined;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers and the e2e specs find; <search> would only wrap it
    <form action="/activity" method="get" role="search" aria-label="Filter the activity feed" className="mb-4 rounded-lg border border-border bg-surface p-3">
      <LeaveOutEmptyFields />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,12rem)_minmax(0,9rem)_minmax(0,1.4fr)_9.5rem_9.5rem_auto]">
        <LabelledField id="activity-type" label="Event">
          <Select id="activity-type" name="type" defaultValue={values.type ?? ""} aria-invalid={bad("type")}>
            <option value="">Every event</option>
            {activityTypes.map((type) => (
              <option key={type} value={type}>
                {activityTypeLabels[type]}
              </option>
            ))}
          </Select>
        </LabelledField>
        <LabelledField id="activity-provider" label="Provider">
          <Input
            id="activity-provider"
            name="provider"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            defaultValue={values.provider}
            placeholder="github"
            aria-invalid={bad("provider")}
          />
        </LabelledField>
        <LabelledField id="activity-who" label="User or email">
          <Input
            id="activity-who"
            name="who"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            defaultValue={values.who}
            placeholder="A user's id or an email address"
            aria-invalid={bad("who")}
          />
        </LabelledField>
        <LabelledField id="activity-from" label="From">
          <Input id="activity-from" name="from" type="date" defaultValue={values.from} aria-invalid={bad("from")} />
        </LabelledField>
        <LabelledField id="activity-to" label="To">
          <Input id="activity-to" name="to" type="date" defaultValue={values.to} aria-invalid={bad("to")} />
        </LabelledField>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="secondary">
            <span className="icon icon-funnel" aria-hidden />
            Filter
          </Button>
          {active ? (
            <Link href="/activity" className="h-9 rounded-md px-2 text-sm leading-9 text-fg-muted hover:bg-muted hover:text-fg">
              Clear
            </Link>
          ) : null}
        </div>
      </div>
    </form>
  );
}
