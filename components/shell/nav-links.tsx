"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Gauge, KeyRound, Link2, MonitorSmartphone, ScrollText, Stethoscope, Users } from "lucide-react";
import { cn } from "@/lib/cn";

export const navItems = [
  { href: "/", label: "Overview", Icon: Gauge },
  { href: "/users", label: "Users", Icon: Users },
  { href: "/accounts", label: "Accounts", Icon: Link2 },
  { href: "/sessions", label: "Sessions", Icon: MonitorSmartphone },
  { href: "/verification-tokens", label: "Verification tokens", Icon: KeyRound },
  { href: "/audit", label: "Audit", Icon: ScrollText },
  { href: "/doctor", label: "Doctor", Icon: Stethoscope },
] as const;

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {navItems.map(({ href, label, Icon }) => {
        const active = isActive(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-fg-muted hover:bg-muted hover:text-fg",
                active && "bg-muted font-medium text-fg",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
