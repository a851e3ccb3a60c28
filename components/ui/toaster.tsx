"use client";

import { lazy, Suspense, useEffect, useState } from "react";

const SonnerToaster = lazy(() => import("sonner").then((module) => ({ default: module.Toaster })));

/** sonner's Toaster, fetched once the page is interactive: toasts only ever follow an operator's action. */
export function Toaster() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted ? (
    <Suspense fallback={null}>
      <SonnerToaster richColors closeButton position="bottom-right" />
    </Suspense>
  ) : null;
}
