import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { AttributeState } from "@/lib/audit/tombstones";
import type { Item } from "@/lib/dynamo/scan-page";

/** The named attributes of an item as they are: value, or absent. */
export function statesOf(item: Item, attributes: readonly string[]): Record<string, AttributeState> {
  return Object.fromEntries(
    attributes.map((name) => [name, name in item && item[name] !== undefined ? { present: true, value: item[name] } : { present: false }]),
  );
}

/** Whether the item still holds exactly these states. */
export function holdsStates(item: Item, states: Record<string, AttributeState>): boolean {
  return Object.entries(states).every(([name, state]) =>
    state.present ? name in item && isDeepStrictEqual(item[name], state.value) : !(name in item) || item[name] === undefined,
  );
}

/**
 * One UpdateItem's expressions: write `to` (set, or remove when absent), on the condition that
 * the item exists and still holds `expected` (optimistic concurrency: what the operator saw).
 */
export function conditionalWrite(partitionKey: string, expected: Record<string, AttributeState>, to: Record<string, AttributeState>) {
  const names: Record<string, string> = { "#pk": partitionKey };
  const values: Record<string, unknown> = {};
  const nameOf = (attribute: string) => {
    const existing = Object.entries(names).find(([, value]) => value === attribute)?.[0];
    if (existing) return existing;
    const placeholder = `#a${Object.keys(names).length}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const conditions = ["attribute_exists(#pk)"];
  Object.entries(expected).forEach(([attribute, state], i) => {
    const name = nameOf(attribute);
    if (state.present && state.value === null) {
      values[":null"] = "NULL";
      conditions.push(`attribute_type(${name}, :null)`);
    } else if (state.present) {
      values[`:e${i}`] = state.value;
      conditions.push(`${name} = :e${i}`);
    } else conditions.push(`attribute_not_exists(${name})`);
  });
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(to).forEach(([attribute, state], i) => {
    const name = nameOf(attribute);
    if (state.present) {
      values[`:v${i}`] = state.value;
      sets.push(`${name} = :v${i}`);
    } else removes.push(name);
  });
  const update = [sets.length ? `SET ${sets.join(", ")}` : "", removes.length ? `REMOVE ${removes.join(", ")}` : ""].filter(Boolean).join(" ");
  return {
    UpdateExpression: update,
    ConditionExpression: conditions.join(" AND "),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}
