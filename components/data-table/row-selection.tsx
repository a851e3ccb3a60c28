"use client";

import { createContext, useContext, useState } from "react";
import { DataTableCheckbox } from "./data-table-checkbox";

interface RowSelection {
  /** Keys ticked among the rows on this page. */
  selected: ReadonlySet<string>;
  keys: readonly string[];
  toggle: (key: string, on: boolean) => void;
  toggleAll: (on: boolean) => void;
}

const RowSelectionContext = createContext<RowSelection | null>(null);

/**
 * Selection state for a server-rendered table: the checkboxes in its cells and the bulk action
 * in its toolbar share it. Keys no longer on the page (revoked elsewhere, then refreshed) drop out.
 */
export function RowSelectionProvider({ keys, children }: { keys: readonly string[]; children: React.ReactNode }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const selected = new Set(keys.filter((key) => chosen.has(key)));
  const value: RowSelection = {
    selected,
    keys,
    toggle: (key, on) =>
      setChosen((current) => {
        const next = new Set(current);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      }),
    toggleAll: (on) => setChosen(on ? new Set(keys) : new Set()),
  };
  return <RowSelectionContext.Provider value={value}>{children}</RowSelectionContext.Provider>;
}

export function useRowSelection(): RowSelection {
  const selection = useContext(RowSelectionContext);
  if (!selection) throw new Error("useRowSelection needs a RowSelectionProvider around the table");
  return selection;
}

export function SelectRowCheckbox({ rowKey, label }: { rowKey: string; label: string }) {
  const { selected, toggle } = useRowSelection();
  return <DataTableCheckbox label={label} checked={selected.has(rowKey)} onChange={(event) => toggle(rowKey, event.target.checked)} rowSelect />;
}

export function SelectAllRowsCheckbox({ label }: { label: string }) {
  const { selected, keys, toggleAll } = useRowSelection();
  const all = keys.length > 0 && selected.size === keys.length;
  return <DataTableCheckbox label={label} checked={all} indeterminate={selected.size > 0 && !all} onChange={(event) => toggleAll(event.target.checked)} />;
}
