// Shared by MergeUsersButton and the dialog it loads on demand, so the dialog never imports the file that loads it.

/** Where the merge starts: a doctor finding (its users), or a user page (that user, the other named by id or email). */
export type MergeStart = { kind: "finding"; userIds: string[]; label: string } | { kind: "user"; user: { id: string; email: string | null } };
