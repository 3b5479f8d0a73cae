/** Everything the API can write, as one string: equal snapshots mean a request changed nothing. */
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../db/target.ts";

const TABLES = [
  '"session"',
  '"user"',
  "account",
  "agents",
  "conversations",
  "conversation_members",
  "conversation_reads",
  "messages",
  "attachments",
  "message_reactions",
  "push_subscriptions",
  "notification_preferences",
  "channels",
];

export async function snapshot(database: DatabaseHandle): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = await queryRows(database, `select * from ${table} order by 1`);
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  return parts.join("\n");
}
