// One consolidated migration equal to the original's schema at version 2025_12_12_154340 (data.md §1).
// It carries that version number so a database created by the original at HEAD is left untouched.
// Later changes append new entries; never edit an entry that has shipped.
export interface Migration {
  version: string;
  sql: string;
}

const timestamps = '"created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL';
const id = '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL';

const initialSchema = `
CREATE TABLE "accounts" (${id}, "name" varchar NOT NULL, "join_code" varchar NOT NULL, "custom_styles" text,
  "settings" json, "singleton_guard" integer DEFAULT 0 NOT NULL, ${timestamps});
CREATE UNIQUE INDEX "index_accounts_on_singleton_guard" ON "accounts" ("singleton_guard");

CREATE TABLE "users" (${id}, "name" varchar NOT NULL, "email_address" varchar, "password_digest" varchar,
  "role" integer DEFAULT 0 NOT NULL, "status" integer DEFAULT 0 NOT NULL, "bio" text, "bot_token" varchar,
  ${timestamps});
CREATE UNIQUE INDEX "index_users_on_email_address" ON "users" ("email_address");
CREATE UNIQUE INDEX "index_users_on_bot_token" ON "users" ("bot_token");

CREATE TABLE "sessions" (${id}, "user_id" integer NOT NULL, "token" varchar NOT NULL, "ip_address" varchar,
  "user_agent" varchar, "last_active_at" datetime(6) NOT NULL, ${timestamps},
  CONSTRAINT "fk_rails_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_sessions_on_user_id" ON "sessions" ("user_id");
CREATE UNIQUE INDEX "index_sessions_on_token" ON "sessions" ("token");

CREATE TABLE "rooms" (${id}, "name" varchar, "type" varchar NOT NULL, "creator_id" bigint NOT NULL, ${timestamps});

CREATE TABLE "memberships" (${id}, "room_id" integer NOT NULL, "user_id" integer NOT NULL,
  "involvement" varchar DEFAULT 'mentions', "unread_at" datetime(6), "connections" integer DEFAULT 0 NOT NULL,
  "connected_at" datetime(6), ${timestamps});
CREATE UNIQUE INDEX "index_memberships_on_room_id_and_user_id" ON "memberships" ("room_id", "user_id");
CREATE INDEX "index_memberships_on_room_id_and_created_at" ON "memberships" ("room_id", "created_at");
CREATE INDEX "index_memberships_on_room_id" ON "memberships" ("room_id");
CREATE INDEX "index_memberships_on_user_id" ON "memberships" ("user_id");

CREATE TABLE "messages" (${id}, "room_id" integer NOT NULL, "creator_id" integer NOT NULL,
  "client_message_id" varchar NOT NULL, ${timestamps},
  CONSTRAINT "fk_rails_messages_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id"),
  CONSTRAINT "fk_rails_messages_creator_id" FOREIGN KEY ("creator_id") REFERENCES "users" ("id"));
CREATE INDEX "index_messages_on_room_id" ON "messages" ("room_id");
CREATE INDEX "index_messages_on_creator_id" ON "messages" ("creator_id");

CREATE TABLE "boosts" (${id}, "message_id" integer NOT NULL, "booster_id" integer NOT NULL,
  "content" varchar(16) NOT NULL, ${timestamps},
  CONSTRAINT "fk_rails_boosts_message_id" FOREIGN KEY ("message_id") REFERENCES "messages" ("id"));
CREATE INDEX "index_boosts_on_message_id" ON "boosts" ("message_id");
CREATE INDEX "index_boosts_on_booster_id" ON "boosts" ("booster_id");

CREATE TABLE "searches" (${id}, "user_id" integer NOT NULL, "query" varchar NOT NULL, ${timestamps},
  CONSTRAINT "fk_rails_searches_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_searches_on_user_id" ON "searches" ("user_id");

CREATE TABLE "push_subscriptions" (${id}, "user_id" integer NOT NULL, "endpoint" varchar, "p256dh_key" varchar,
  "auth_key" varchar, "user_agent" varchar, ${timestamps},
  CONSTRAINT "fk_rails_push_subscriptions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_push_subscriptions_on_user_id" ON "push_subscriptions" ("user_id");
CREATE INDEX "idx_on_endpoint_p256dh_key_auth_key_7553014576"
  ON "push_subscriptions" ("endpoint", "p256dh_key", "auth_key");

CREATE TABLE "webhooks" (${id}, "user_id" integer NOT NULL, "url" varchar, ${timestamps},
  CONSTRAINT "fk_rails_webhooks_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_webhooks_on_user_id" ON "webhooks" ("user_id");

CREATE TABLE "bans" (${id}, "user_id" integer NOT NULL, "ip_address" varchar NOT NULL, ${timestamps},
  CONSTRAINT "fk_rails_bans_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_bans_on_user_id" ON "bans" ("user_id");
CREATE INDEX "index_bans_on_ip_address" ON "bans" ("ip_address");

CREATE TABLE "action_text_rich_texts" (${id}, "name" varchar NOT NULL, "body" text,
  "record_type" varchar NOT NULL, "record_id" bigint NOT NULL, ${timestamps});
CREATE UNIQUE INDEX "index_action_text_rich_texts_uniqueness"
  ON "action_text_rich_texts" ("record_type", "record_id", "name");

CREATE TABLE "active_storage_blobs" (${id}, "key" varchar NOT NULL, "filename" varchar NOT NULL,
  "content_type" varchar, "metadata" text, "service_name" varchar NOT NULL, "byte_size" bigint NOT NULL,
  "checksum" varchar, "created_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_active_storage_blobs_on_key" ON "active_storage_blobs" ("key");

CREATE TABLE "active_storage_attachments" (${id}, "name" varchar NOT NULL, "record_type" varchar NOT NULL,
  "record_id" bigint NOT NULL, "blob_id" bigint NOT NULL, "created_at" datetime(6) NOT NULL,
  CONSTRAINT "fk_rails_active_storage_attachments_blob_id" FOREIGN KEY ("blob_id")
    REFERENCES "active_storage_blobs" ("id"));
CREATE INDEX "index_active_storage_attachments_on_blob_id" ON "active_storage_attachments" ("blob_id");
CREATE UNIQUE INDEX "index_active_storage_attachments_uniqueness"
  ON "active_storage_attachments" ("record_type", "record_id", "name", "blob_id");

CREATE TABLE "active_storage_variant_records" (${id}, "blob_id" bigint NOT NULL,
  "variation_digest" varchar NOT NULL,
  CONSTRAINT "fk_rails_active_storage_variant_records_blob_id" FOREIGN KEY ("blob_id")
    REFERENCES "active_storage_blobs" ("id"));
CREATE UNIQUE INDEX "index_active_storage_variant_records_uniqueness"
  ON "active_storage_variant_records" ("blob_id", "variation_digest");

CREATE VIRTUAL TABLE "message_search_index" USING fts5(body, tokenize=porter);
`;

export const migrations: readonly Migration[] = [{ version: "20251212154340", sql: initialSchema }];
