import { NavLink } from "./nav-link";

const navItems = [
  { href: "/", label: "Overview", icon: "icon-gauge" },
  { href: "/activity", label: "Activity", icon: "icon-activity" },
  { href: "/users", label: "Users", icon: "icon-users" },
  { href: "/accounts", label: "Accounts", icon: "icon-link-2" },
  { href: "/sessions", label: "Sessions", icon: "icon-monitor-smartphone" },
  { href: "/verification-tokens", label: "Verification tokens", icon: "icon-key-round" },
  { href: "/audit", label: "Audit", icon: "icon-scroll-text" },
  { href: "/doctor", label: "Doctor", icon: "icon-stethoscope" },
] as const;

/**
 * The sidebar's sections; only the active-link check runs in the browser. The icons are CSS
 * masks (globals.css): inline SVGs would be sent twice on every page, in the HTML and the RSC payload.
 */
export function NavLinks() {
  return (
    <ul className="space-y-0.5">
      {navItems.map(({ href, label, icon }) => (
        <li key={href}>
          <NavLink href={href}>
            <span className={`icon ${icon}`} aria-hidden />
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
