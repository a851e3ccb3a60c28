import "server-only";
import { serverConfig } from "@/lib/config";
import type { BlockView } from "@/lib/features/block/schema";
import { PRODUCT_URL_VARIABLE } from "@/lib/features/send-sign-in-link/server";
import { SendSignInLinkButton } from "./send-sign-in-link-button";
import type { ActionUser } from "./user-action-props";

/** Send sign-in link on the user page (admins): the button when the product is configured, else how to turn it on. */
export function SendSignInLink({ user, block }: { user: ActionUser; block: BlockView | null }) {
  const product = serverConfig().product;
  if (!product) {
    return (
      <p className="order-last basis-full text-xs text-fg-muted" data-testid="sign-in-link-off">
        To send sign-in links, set <code className="font-mono text-fg">{PRODUCT_URL_VARIABLE}</code> to the product&apos;s URL.
      </p>
    );
  }
  return <SendSignInLinkButton user={user} product={product.origin} blocked={block?.active === true ? block : null} />;
}
