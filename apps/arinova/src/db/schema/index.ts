/** The whole Drizzle schema, one namespace for `drizzle({ schema })` and Better Auth's adapter. */
export * from "./agents.ts";
export * from "./auth.ts";
export * from "./communities.ts";
export * from "./conversations.ts";
export * from "./enums.ts";
export * from "./marketplace.ts";
export * from "./messages.ts";
export * from "./notifications.ts";
