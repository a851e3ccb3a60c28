export function Logo({ className }: { className?: string }) {
  return (
    <span className={className}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="7" fill="var(--accent)" />
        <path d="M9 25V13l7-5 7 5v12h-5v-7h-4v7z" fill="var(--accent-fg)" />
      </svg>
    </span>
  );
}
