import Link from "next/link";
import { LabelledField } from "@/components/filter-form-parts";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ActionSelect } from "./action-select";
import type { FilterField, RawAuditFilters } from "./filters";
import { LeaveOutEmptyFields } from "./leave-out-empty-fields";

interface AuditFilterFormProps {
  values: RawAuditFilters;
  pageSize: number;
  invalid?: readonly FilterField[];
}

/** A plain GET form: the filters live in the URL, and applying them starts again at page one. Works without JavaScript. */
export function AuditFilterForm({ values, pageSize, invalid = [] }: AuditFilterFormProps) {
  const active = Object.values(values).some(Boolean);
  const bad = (field: FilterField) => invalid.includes(field) || undefined;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark screen readers and the e2e specs find; <search> would only wrap it
    <form action="/audit" method="get" role="search" aria-label="Filter the audit log" className="mb-4 rounded-lg border border-border bg-surface p-3">
      <LeaveOutEmptyFields />
      {pageSize === 25 ? null : <input type="hidden" name="pageSize" value={pageSize} />}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,11rem)_minmax(0,1.3fr)_9.5rem_9.5rem_auto]">
        <LabelledField id="audit-operator" label="Operator">
          <Input
            id="audit-operator"
            name="operator"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            defaultValue={values.operator}
            placeholder="admin@example.com"
            aria-invalid={bad("operator")}
          />
        </LabelledField>
        <LabelledField id="audit-action" label="Action">
          <ActionSelect defaultValue={values.action ?? ""} invalid={bad("action")} />
        </LabelledField>
        <LabelledField id="audit-target" label="Target">
          <Input
            id="audit-target"
            name="target"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            defaultValue={values.target}
            placeholder="User id, email, provider account id or fingerprint"
            aria-invalid={bad("target")}
          />
        </LabelledField>
        <LabelledField id="audit-from" label="From">
          <Input id="audit-from" name="from" type="date" defaultValue={values.from} aria-invalid={bad("from")} aria-describedby="audit-dates-help" />
        </LabelledField>
        <LabelledField id="audit-to" label="To">
          <Input id="audit-to" name="to" type="date" defaultValue={values.to} aria-invalid={bad("to")} aria-describedby="audit-dates-help" />
        </LabelledField>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="secondary">
            <span className="icon icon-funnel" aria-hidden />
            Filter
          </Button>
          {active ? (
            <Link
              href={pageSize === 25 ? "/audit" : `/audit?pageSize=${pageSize}`}
              className="h-9 rounded-md px-2 text-sm leading-9 text-fg-muted hover:bg-muted hover:text-fg"
            >
              Clear
            </Link>
          ) : null}
        </div>
      </div>
      <p id="audit-dates-help" className="mt-2 text-xs text-fg-muted">
        Days are UTC and both ends are included; without dates, the last 30 days. The operator is matched exactly, the target by “contains”.
      </p>
    </form>
  );
}
