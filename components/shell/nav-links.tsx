import { Gauge, KeyRound, Link2, MonitorSmartphone, ScrollText, Stethoscope, Users } from "lucide-react";
import { NavLink } from "./nav-link";

const navItems = [
  { href: "/", label: "Overview", Icon: Gauge },
  { href: "/users", label: "Users", Icon: Users },
  { href: "/accounts", label: "Accounts", Icon: Link2 },
  { href: "/sessions", label: "Sessions", Icon: MonitorSmartphone },
  { href: "/verification-tokens", label: "Verification tokens", Icon: KeyRound },
  { href: "/audit", label: "Audit", Icon: ScrollText },
  { href: "/doctor", label: "Doctor", Icon: Stethoscope },
] as const;

/** The sidebar's sections; icons render on the server, only the active-link check runs in the browser. */
export function NavLinks() {
  return (
    <ul className="space-y-0.5">
      {navItems.map(({ href, label, Icon }) => (
        <li key={href}>
          <NavLink href={href}>
            <Icon className="size-4" aria-hidden />
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
