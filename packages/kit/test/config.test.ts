import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { ConfigError, env, loadConfig, parseDuration } from "../src/index.ts";

const schema = z.object({
  PORT: env.port().default(3721),
  DATABASE_URL: env.url({ protocols: ["postgres", "postgresql"] }),
  DEBUG: env.boolean().default(false),
  ORIGINS: env.list().default([]),
  TIMEOUT: env.duration().default(5000),
  LOG_LEVEL: env.oneOf(["debug", "info", "warn", "error"]).default("info"),
  WORKERS: env.int({ min: 1 }).optional(),
});

describe("loadConfig", () => {
  test("parses typed values and applies defaults", () => {
    const config = loadConfig(schema, {
      DATABASE_URL: "postgres://u@h/db",
      DEBUG: "1",
      ORIGINS: " a.com, ,b.com ",
      TIMEOUT: "1.5m",
      UNRELATED: "x",
    });
    expect(config).toEqual({
      PORT: 3721,
      DATABASE_URL: "postgres://u@h/db",
      DEBUG: true,
      ORIGINS: ["a.com", "b.com"],
      TIMEOUT: 90_000,
      LOG_LEVEL: "info",
    });
  });

  test("an empty variable counts as unset", () => {
    expect(loadConfig(schema, { DATABASE_URL: "postgres://h/db", PORT: "" }).PORT).toBe(3721);
  });

  test("names every bad variable and why", () => {
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: "abc", DEBUG: "yes", TIMEOUT: "soon", WORKERS: "0", LOG_LEVEL: "loud" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.message).toContain('PORT: expected a port number (0-65535), got "abc"');
    expect(error.message).toContain("DATABASE_URL: required but not set");
    expect(error.message).toContain('DEBUG: expected true, false, 1 or 0, got "yes"');
    expect(error.message).toContain('TIMEOUT: expected a duration such as 500ms, 5s, 2m, 1h, got "soon"');
    expect(error.message).toContain('WORKERS: expected an integer of at least 1, got "0"');
    expect(error.message).toContain('LOG_LEVEL: expected one of debug, info, warn, error, got "loud"');
    expect(error.issues.map((i) => i.variable).sort()).toEqual(
      ["DATABASE_URL", "DEBUG", "LOG_LEVEL", "PORT", "TIMEOUT", "WORKERS"].sort(),
    );
  });

  test("rejects out-of-range ports and foreign URL schemes", () => {
    expect(() => loadConfig(schema, { PORT: "70000", DATABASE_URL: "postgres://h/db" })).toThrow(
      'PORT: expected a port number (0-65535), got "70000"',
    );
    expect(() => loadConfig(schema, { DATABASE_URL: "mysql://h/db" })).toThrow(
      'DATABASE_URL: expected a URL (postgres, postgresql), got "mysql://h/db"',
    );
  });

  test("number accepts decimals and bounds", () => {
    const s = z.object({ RATIO: env.number({ min: 0, max: 1 }) });
    expect(loadConfig(s, { RATIO: "0.25" }).RATIO).toBe(0.25);
    expect(() => loadConfig(s, { RATIO: "2" })).toThrow('RATIO: expected a number from 0 to 1, got "2"');
  });
});

test("parseDuration", () => {
  expect(parseDuration("250")).toBe(250);
  expect(parseDuration("250ms")).toBe(250);
  expect(parseDuration("5s")).toBe(5000);
  expect(parseDuration("2h")).toBe(7_200_000);
  expect(parseDuration("1d")).toBe(86_400_000);
  expect(parseDuration("-1s")).toBeUndefined();
  expect(parseDuration("5 sec")).toBeUndefined();
});
