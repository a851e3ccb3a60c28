/** What a client shows when a server action or route cannot be reached: it changed nothing we know of. */
export const UNREACHABLE = "The console could not reach the server. Check your connection and try again.";
