"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { EditUserDialogProps, EditUserDraft } from "./edit-user-dialog";

const Body = deferred(() => import("./edit-user-dialog"));

/**
 * Edit user: name, image URL, email, email verified. The dialog sends the values it was opened
 * with, so the server refuses it when someone else edited the user meanwhile. The image URL is
 * only ever text or a link here: the console never loads it. The button renders with the page;
 * the form (see edit-user-dialog.tsx) loads on hover, focus or click. What was typed stays here,
 * so closing and reopening the dialog keeps it.
 */
export function EditUserButton(props: EditUserDialogProps) {
  const { seen } = props;
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  const [draft, setDraft] = useState<EditUserDraft>(() => ({
    name: seen.name ?? "",
    image: seen.image ?? "",
    email: seen.email ?? "",
    verified: "keep",
    deleteTokens: true,
    takenBy: null,
  }));
  return (
    <>
      <Button variant="secondary" size="md" {...trigger}>
        <span className="icon icon-pencil" aria-hidden />
        Edit user
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ ...props, draft, onDraftChange: setDraft, ...state }} />
    </>
  );
}
