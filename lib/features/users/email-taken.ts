import "server-only";
import { RefusedError } from "@/lib/audit/act";

const messages = {
  create: (email: string, holderId: string) => `${email} already belongs to another user (${holderId}): nothing was created.`,
  edit: (email: string) => `Another user already has the email ${email}: nothing was changed.`,
  /** The address was free when read, and another user's item took it before the write. */
  "edit-raced": (email: string) => `Another user took the email ${email} meanwhile: nothing was changed.`,
};

/**
 * Another user already holds the address (Create user, Edit user): refused, with who holds it so the page can link there.
 * One user per email is what the product's sign-in relies on (GSI1 `USER#<email>` finds one user).
 */
export class EmailTakenError extends RefusedError {
  constructor(
    readonly email: string,
    readonly holderId: string,
    attempt: keyof typeof messages,
  ) {
    super(messages[attempt](email, holderId));
    this.name = "EmailTakenError";
  }

  /** Create user's callers name the holder `userId` (the user the address belongs to). */
  get userId(): string {
    return this.holderId;
  }
}
