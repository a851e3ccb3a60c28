import Link from "next/link";
import { Notice } from "./notice";

/** Shown instead of a page whose cursor was tampered with or has expired. */
export function StaleCursor({ message, firstPage }: { message: string; firstPage: string }) {
  return (
    <Notice tone="warning" role="alert" title={message}>
      <p>
        Page links are sealed by the server and last a day. Nothing was read or changed.{" "}
        <Link href={firstPage} className="font-medium text-accent hover:underline">
          Go to page one
        </Link>
      </p>
    </Notice>
  );
}
