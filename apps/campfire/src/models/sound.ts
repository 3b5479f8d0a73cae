import { SOUNDS } from "../sounds/catalog.ts";

// `/play <name>` on its own, naming a known sound, makes a sound message (features.md §10).
const PLAY_COMMAND = /^\/play (\w+)$/;

export function soundNamedIn(plainText: string): string | null {
  const name = PLAY_COMMAND.exec(plainText)?.[1];
  return name !== undefined && SOUNDS.has(name) ? name : null;
}
