"use client";

import { useId, useRef } from "react";
import { buttonClasses } from "@/components/ui/button";
import { fieldBaseClasses } from "@/components/ui/field-classes";
import { MAX_LIST_ENTRIES, type ParsedList } from "@/lib/features/list-jobs/entries";
import { cn } from "@/lib/format/cn";
import { formatCount } from "@/lib/format/format";
import { plural } from "@/lib/format/plural";

/** "N entries (x blank lines, y duplicates ignored)": what the job would hold. */
export function listSummary(parsed: ParsedList): string {
  const total = parsed.entries.length + parsed.invalid.length;
  const { blank, duplicate } = parsed.ignored;
  return `${plural(total, "entry", "entries")} (${plural(blank, "blank line", "blank lines")}, ${plural(duplicate, "duplicate", "duplicates")} ignored)`;
}

/** The list: pasted into the textarea or read from a .txt/.csv file in the browser (nothing is uploaded). */
export function ListInput({
  text,
  parsed,
  note,
  disabled,
  onChange,
  help,
}: {
  text: string;
  parsed: ParsedList;
  note: string | null;
  disabled: boolean;
  onChange: (text: string, note: string | null) => void;
  /** What the field takes, drawn by the server. */
  help: React.ReactNode;
}) {
  const ids = useId();
  const file = useRef<HTMLInputElement>(null);
  const total = parsed.entries.length + parsed.invalid.length;
  const tooMany = total > MAX_LIST_ENTRIES;

  async function load(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    try {
      // Reading a file is rarer than pasting: its code loads when a file is chosen.
      const { listFromFile } = await import("./list-file");
      const loaded = listFromFile(chosen.name, await chosen.text());
      onChange(loaded.text, loaded.note);
    } catch {
      onChange(text, `${chosen.name} could not be read as text.`);
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor={`${ids}-list`} className="block text-sm font-medium">
        Emails or user ids, one per line
      </label>
      <textarea
        id={`${ids}-list`}
        value={text}
        onChange={(event) => onChange(event.target.value, null)}
        rows={10}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        aria-invalid={tooMany}
        aria-describedby={`${ids}-summary`}
        placeholder={"ana@example.com\nbo@example.com\n3f0c2a9e-…"}
        className={cn(fieldBaseClasses, "min-h-40 w-full resize-y px-3 py-2 font-mono text-xs leading-5")}
      />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <input
          ref={file}
          id={`${ids}-file`}
          type="file"
          accept=".txt,.csv,text/plain,text/csv"
          className="sr-only"
          onChange={load}
          disabled={disabled}
          tabIndex={-1}
          aria-hidden
        />
        <button type="button" className={buttonClasses({ variant: "secondary", size: "sm" })} onClick={() => file.current?.click()} disabled={disabled}>
          <span className="icon icon-upload size-3.5" aria-hidden />
          Upload a file
        </button>
        <div id={`${ids}-summary`} aria-live="polite" className="min-w-0 text-sm">
          <p data-testid="list-summary" className={tooMany ? "font-medium text-danger" : "text-fg-muted"}>
            {text ? listSummary(parsed) : "No entries yet: paste them above, or upload a file."}
          </p>
          {tooMany ? (
            <p role="alert" className="text-danger">
              A list takes at most {formatCount(MAX_LIST_ENTRIES)} entries; this one has {formatCount(total)}. Split it into lists of{" "}
              {formatCount(MAX_LIST_ENTRIES)} or fewer: nothing is sent until then.
            </p>
          ) : null}
          {parsed.invalid.length ? (
            <p className="text-fg-muted">
              {plural(parsed.invalid.length, "line is", "lines are")} neither an email nor a user id: {parsed.invalid.length === 1 ? "it counts" : "they count"}{" "}
              as not found.
            </p>
          ) : null}
          {note ? <p className="text-fg-muted">{note}</p> : null}
        </div>
      </div>
      {help}
    </div>
  );
}
