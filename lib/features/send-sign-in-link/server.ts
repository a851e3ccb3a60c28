import "server-only";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import type { Operator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { productTable } from "@/lib/dynamo/product-table";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import { requestProductSignIn } from "@/lib/features/send-sign-in-link/product-sign-in";

export const PRODUCT_URL_VARIABLE = "GATEHOUSE_PRODUCT_URL";

/**
 * Send sign-in link: the product emails its own magic link to the user's address (see
 * lib/features/send-sign-in-link/product-sign-in.ts). The product's refusal or absence is an outcome ("failed", with its
 * error), not an exception: the entry records it and the operator sees it.
 */
export async function sendSignInLink(operator: Operator | null, request: { userId: string; reason?: string | null }) {
  return audited(operator, "send-sign-in-link", { userId: request.userId }, request.reason ?? null, async (): Promise<Outcome> => {
    const product = serverConfig().product;
    if (!product) throw new RefusedError(`Sending sign-in links is off: set ${PRODUCT_URL_VARIABLE} to the product's URL.`);
    const table = productTable();
    const { Item: user } = await table.doc.get({
      TableName: table.schema.tableName,
      Key: table.keys.user(request.userId),
      ProjectionExpression: "#email, #block",
      ExpressionAttributeNames: { "#email": "email", "#block": GUARD_ATTRIBUTES.block },
    });
    if (!user) throw new RefusedError(`No user ${request.userId}: there is no one to send a link to.`);
    if (typeof user.email !== "string" || !user.email) throw new RefusedError("This user has no email address to send a link to.");
    const email = user.email;
    const target = { userId: request.userId, email };
    const blocked = toBlockView(user[GUARD_ATTRIBUTES.block], Date.now())?.active === true;
    const answer = await requestProductSignIn(product, email);
    if (answer.sent) {
      return { result: "ok", message: `Sent: ${product.origin} emailed its sign-in link to ${email}.`, counts: { sent: 1 }, target };
    }
    return {
      result: "failed",
      message: `${product.origin} did not send a link to ${email}: ${answer.error}.${blocked ? " The user is blocked: where the product runs gatehouse-guard it refuses their sign-ins." : ""}`,
      counts: { sent: 0 },
      target,
    };
  });
}
