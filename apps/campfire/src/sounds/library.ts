import { SOUNDS } from "./catalog.ts";
import { encodeWav, render } from "./synth.ts";

// Each sound is synthesized the first time someone plays it and then kept: a few KB each.
const rendered = new Map<string, Uint8Array<ArrayBuffer>>();

export function soundFile(name: string): Uint8Array<ArrayBuffer> | null {
  const sound = SOUNDS.get(name);
  if (!sound) return null;
  let wav = rendered.get(name);
  if (!wav) {
    wav = encodeWav(render(sound.score()));
    rendered.set(name, wav);
  }
  return wav;
}
