import { cn } from "@/lib/format/cn";
import { cardClasses } from "./card-classes";

export function Card({ className, ...props }: React.HTMLAttributes<HTMLElement>) {
  return <section className={cn(cardClasses, className)} {...props} />;
}

export function CardHeader({ title, description, actions }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
      <div className="min-w-0">
        <h2 className="text-sm font-semibold">{title}</h2>
        {description ? <p className="mt-0.5 text-xs text-fg-muted">{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}
