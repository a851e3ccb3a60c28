// Shared by DetailsDialog and the dialog it loads on demand, so the dialog never imports the file that loads it.

export interface DetailsDialogProps {
  /** The trigger's accessible name. */
  label: string;
  /** The trigger's face (an icon) and hover text. */
  icon: React.ReactNode;
  hint?: string;
  title: React.ReactNode;
  description?: React.ReactNode;
  wide?: boolean;
  children: React.ReactNode;
}
