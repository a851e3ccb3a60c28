"use client";

import { type ComponentType, lazy, Suspense, useRef, useState } from "react";

export interface Deferred<P extends object> {
  Component: React.LazyExoticComponent<ComponentType<P>>;
  preload: () => void;
}

/**
 * A component whose code is fetched on first use, or earlier through `preload` (on hover or
 * focus of what opens it), so menus and dialogs stay out of every page's first-load JavaScript.
 */
export function deferred<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Deferred<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      // A failed early fetch (hover, focus) is tried again on the click that needs it.
      loading = undefined;
      throw error;
    }));
  return { Component: lazy(preload), preload: () => void preload().catch(() => undefined) };
}

/** What a deferred dialog receives besides its own props. */
export interface DeferredDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes back on close: the button that opened it (these dialogs have no Radix Trigger). */
  returnFocusTo: React.RefObject<HTMLElement | null>;
}

/** Radix's `onCloseAutoFocus` for these dialogs: focus goes back where the dialog was opened from. */
export function focusBack(to: React.RefObject<HTMLElement | null> | undefined) {
  return (event: Event) => {
    if (!to?.current) return;
    event.preventDefault();
    to.current.focus();
  };
}

/**
 * State for a dialog whose code loads on demand: spread `trigger` on the button that opens it
 * and render `<DeferredDialog>` with the result; each opening starts from fresh state.
 */
export function useDeferredDialog(preload: () => void) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  /** `from`: where focus returns on close when it was not the trigger that opened it (a shortcut). */
  const show = (from?: Element | null) => {
    returnFocusTo.current = from instanceof HTMLElement && from !== document.body ? from : triggerRef.current;
    setOpening((count) => count + 1);
    setOpen(true);
  };
  return {
    opening,
    open,
    show,
    trigger: { ref: triggerRef, onPointerEnter: preload, onFocus: preload, onClick: () => show(), "aria-haspopup": "dialog" as const, "aria-expanded": open },
    state: { open, onOpenChange: setOpen, returnFocusTo } satisfies DeferredDialogProps,
  };
}

/** Renders a deferred dialog once it has been opened, keyed by the opening. */
export function DeferredDialog<P extends object>({
  dialog,
  opening,
  props,
}: {
  dialog: Deferred<P & DeferredDialogProps>;
  opening: number;
  props: P & DeferredDialogProps;
}) {
  if (opening === 0) return null;
  return (
    <Suspense fallback={null}>
      <dialog.Component key={opening} {...props} />
    </Suspense>
  );
}

/**
 * A menu button rendered at once; the menu (which renders its own trigger, looking the same)
 * loads on hover or focus and opens on the first click.
 */
export function DeferredMenu<P extends object>({
  menu,
  props,
  trigger,
}: {
  menu: Deferred<P & { defaultOpen?: boolean }>;
  props: P;
  trigger: React.ComponentProps<"button">;
}) {
  const [armed, setArmed] = useState(false);
  const placeholder = (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={menu.preload}
      onFocus={menu.preload}
      onClick={() => setArmed(true)}
      {...trigger}
    />
  );
  if (!armed) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <menu.Component {...props} defaultOpen />
    </Suspense>
  );
}
