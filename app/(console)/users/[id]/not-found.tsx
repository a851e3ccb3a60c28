import Link from "next/link";

export default function UserNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md text-center">
      <span className="icon icon-user-x mx-auto block size-10 text-fg-muted" aria-hidden />
      <h1 className="mt-3 text-xl font-semibold">No such user</h1>
      <p className="mt-1 text-sm text-fg-muted">No user item has this id. It may have been deleted, or the link is wrong.</p>
      <Link href="/users" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
        Back to users
      </Link>
    </div>
  );
}
