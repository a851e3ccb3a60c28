"use client";

import { useEffect, useRef } from "react";

/** Empty fields stay out of the URL: disabled controls are not submitted, and the handler runs before the form data is read. */
function leaveOutEmptyFields(event: SubmitEvent) {
  const form = event.currentTarget as HTMLFormElement;
  const emptied: (HTMLInputElement | HTMLSelectElement)[] = [];
  for (const element of Array.from(form.elements)) {
    if ((element instanceof HTMLInputElement || element instanceof HTMLSelectElement) && element.name && element.value.trim() === "" && !element.disabled) {
      element.disabled = true;
      emptied.push(element);
    }
  }
  // Enabled again once the navigation has its URL, so Back shows a working form.
  setTimeout(() => {
    for (const element of emptied) element.disabled = false;
  });
}

/**
 * Placed inside the audit filter form, which is server-rendered: the form's only client code,
 * so the whole form (fields, labels, options) is not sent to the browser as JavaScript too.
 */
export function LeaveOutEmptyFields() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    form.addEventListener("submit", leaveOutEmptyFields);
    return () => form.removeEventListener("submit", leaveOutEmptyFields);
  }, []);
  return <span ref={marker} hidden />;
}
