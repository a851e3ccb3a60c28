/** A same-origin path to go to after sign-in; anything else becomes "/". */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 512) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/signin") || value.startsWith("/api/")) return "/";
  return value;
}
