import { cn } from "@/lib/format/cn";
import { cardClasses } from "./card-classes";

// Short classes from globals.css (.card ...): every page has several cards, each sent in the HTML and again in the RSC payload.

export function Card({ className, ...props }: React.HTMLAttributes<HTMLElement>) {
  return <section className={cn(cardClasses, className)} {...props} />;
}

export function CardHeader({ title, description, actions }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="card-header">
      <div className="min-w-0">
        <h2 className="card-title">{title}</h2>
        {description ? <p className="card-description">{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}
