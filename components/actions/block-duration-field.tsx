"use client";

import { useId } from "react";
import { Select } from "@/components/ui/select";
import { type BlockDuration, blockDurations } from "@/lib/features/block/durations";

/** How long a block lasts: Block user's dialog and Act on a list offer the same choices. */
export function BlockDurationField({
  value,
  onChange,
  disabled,
  className,
}: {
  value: BlockDuration;
  onChange: (duration: BlockDuration) => void;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Duration
      </label>
      <Select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as BlockDuration)}>
        {blockDurations.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
