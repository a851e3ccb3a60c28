/** The digest error boundaries see when DynamoDB is unreachable (Next.js keeps a thrown error's own digest). */
export const DYNAMO_UNAVAILABLE_DIGEST = "GATEHOUSE_DYNAMO_UNAVAILABLE";
