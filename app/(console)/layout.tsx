import Link from "next/link";
import { stepUpAttributes } from "@/components/actions/step-up";
import { DynamoUnavailable } from "@/components/dynamo-unavailable";
import { Logo } from "@/components/logo";
import { QuickFind } from "@/components/quick-find/quick-find";
import { NavLinks } from "@/components/shell/nav-links";
import { OperatorMenu } from "@/components/shell/operator-menu";
import { OperatorFace } from "@/components/shell/operator-menu-face";
import { requireOperator } from "@/lib/auth/operator";
import { signOutAction } from "@/lib/auth/sign-out-action";
import { stepUpWindow } from "@/lib/auth/step-up";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { quickFindAction } from "@/lib/features/quick-find/action";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // The session lookup is the first DynamoDB call of every page: when it finds DynamoDB gone,
  // say so here (the console's own error boundary sits below this layout).
  const operator = await requireOperator().catch((error: unknown) => {
    if (error instanceof DynamoUnavailableError) return null;
    throw error;
  });
  if (!operator) return <DynamoUnavailable />;
  return (
    <div className="flex min-h-screen">
      {/* Short classes (globals.css): this shell is in every page, twice (HTML and RSC payload). */}
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link href="/" className="flex items-center gap-2.5 px-4 py-4">
          <Logo />
          <span className="font-semibold tracking-tight">Gatehouse</span>
        </Link>
        <div className="px-2 pb-3">
          <QuickFind find={quickFindAction} />
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-2">
          <NavLinks />
        </nav>
        <div className="border-t border-border p-2">
          <OperatorMenu
            email={operator.email}
            role={operator.role}
            signOutAction={signOutAction}
            face={<OperatorFace email={operator.email} role={operator.role} />}
          />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-7" {...stepUpAttributes(stepUpWindow(operator))}>
        {children}
      </main>
    </div>
  );
}
