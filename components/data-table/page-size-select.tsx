"use client";

import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/select";

export function PageSizeSelect({ value, hrefs }: { value: number; hrefs: Record<string, string> }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-fg-muted">
      <span className="text-xs">Rows</span>
      <Select
        value={String(value)}
        onChange={(event) => {
          const href = hrefs[event.target.value];
          if (href) router.push(href);
        }}
        className="h-8 w-20 px-2.5 text-xs"
        aria-label="Rows per page"
      >
        {Object.keys(hrefs).map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </Select>
    </label>
  );
}
