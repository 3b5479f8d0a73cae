import { BODY_JOIN, Message, type MessageRow } from "../models/message.ts";
import type { User } from "../models/user.ts";

// SearchesController: the last 100 matches, shown oldest first.
export const SEARCH_RESULTS_LIMIT = 100;

// Every character that is not part of a word becomes a space, so nothing a person types can act as
// an FTS5 operator or quote; each remaining word is quoted (FTS5 would read a bare AND/OR/NOT/NEAR
// as an operator) and all of them must match. Letters of any script count as word characters.
export function ftsQueryFor(query: string): string | null {
  const words = query
    .replace(/[^\p{L}\p{N}_]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  return words.length > 0 ? words.map((word) => `"${word}"`).join(" ") : null;
}

// Full-text search over the porter-stemmed index, limited to rooms the person is a member of right
// now (security.md §3): leaving a room takes its messages out of your results.
export function searchMessages(user: User, query: string): Message[] {
  const match = ftsQueryFor(query);
  if (!match) return [];
  const sql = `SELECT * FROM (SELECT messages.*, action_text_rich_texts.body AS body FROM messages
      JOIN message_search_index ON message_search_index.rowid = messages.id
      JOIN memberships ON memberships.room_id = messages.room_id AND memberships.user_id = ?1
      ${BODY_JOIN}
      WHERE message_search_index MATCH ?2
      ORDER BY messages.created_at DESC, messages.id DESC LIMIT ?3)
    ORDER BY created_at, id`;
  return user.db
    .query<MessageRow, [number, string, number]>(sql)
    .all(user.id, match, SEARCH_RESULTS_LIMIT)
    .map((row) => new Message(user.db, row));
}
