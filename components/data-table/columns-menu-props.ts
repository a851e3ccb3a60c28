// Shared by the frame, the "Columns" button and the menu it loads on demand, so the menu never imports the files that load it.

export interface ToggleableColumn {
  id: string;
  label: string;
  /** 1-based position among the table's columns: hiding is a CSS rule on that nth cell of every row. */
  position: number;
}

export interface ColumnsMenuProps {
  columns: ToggleableColumn[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string, visible: boolean) => void;
  defaultOpen?: boolean;
}
