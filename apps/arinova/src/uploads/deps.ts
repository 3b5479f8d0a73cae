/** What `uploadRoutes` is built from. */
import type { Logger } from "@rt/kit";
import type { MiddlewareHandler } from "hono";
import type { Database } from "../db/client.ts";
import type { Conversation, Message } from "./attachments.ts";
import type { UploadLimits } from "./limits.ts";
import type { UploadStorage } from "./storage.ts";

/** The signed-in user as the original's requireAuth exposed it. */
export interface UploadUser {
  id: string;
  email: string;
  name: string;
}

/** Any Hono env whose `user` variable the auth middleware sets. */
export interface UserEnv {
  Variables: { user: UploadUser };
}

/** A chat upload that became a user message: what the agent should now answer. */
export interface UploadedMessage {
  userId: string;
  conversation: Conversation;
  message: Message;
}

export interface UploadDeps<E extends UserEnv> {
  db: Database;
  storage: UploadStorage;
  /** UPLOAD_DIR: root of `/uploads/*`, which serves local files whatever the storage mode. */
  uploadDir: string;
  /** Sets `c.get("user")`, or answers 401 `{"error":"Unauthorized"}`. */
  requireUser: MiddlewareHandler<E>;
  logger: Logger;
  limits?: Partial<UploadLimits>;
  /**
   * Sends the upload's message to the agent of a direct conversation, like a WebSocket
   * `send_message` whose user message is already saved. Not awaited by the response; its
   * failures are logged and otherwise ignored, as the original swallowed them.
   */
  triggerAgent?: (upload: UploadedMessage) => Promise<void>;
}
