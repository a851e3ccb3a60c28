import { Logo } from "@/components/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2.5">
        <Logo />
        <span className="text-lg font-semibold tracking-tight">Gatehouse</span>
      </div>
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-7 shadow-sm">{children}</div>
      <p className="mt-6 max-w-sm text-center text-xs text-fg-muted">The operator console for Auth.js on DynamoDB. Only allow-listed operators can sign in.</p>
    </main>
  );
}
