import type { Note, Wave } from "./synth.ts";

// The 56 names people type after /play (features.md §10), each with our own caption and our own
// synthesized score; none of the original's recordings or images are used.
interface Sound {
  caption: string;
  score: () => Note[];
}

const A4 = 440;
const pitch = (semitones: number) => A4 * 2 ** (semitones / 12);

function melody(notes: readonly number[], step: number, wave: Wave = "triangle", gain = 0.5): Note[] {
  return notes.map((semitones, index) => ({
    at: index * step,
    duration: step * 0.95,
    frequency: pitch(semitones),
    wave,
    gain,
  }));
}

const drum = (at: number, frequency: number, decay = 18, gain = 0.8): Note => ({
  at,
  duration: 0.35,
  frequency,
  slideTo: frequency / 2,
  decay,
  gain,
});
const hiss = (at: number, duration: number, decay = 25, gain = 0.35): Note => ({
  at,
  duration,
  frequency: 0,
  wave: "noise",
  decay,
  gain,
});

// Sounds without a score of their own get a short jingle derived from their name, so each one is
// recognisably itself.
function jingle(name: string): Note[] {
  const scale = [0, 2, 4, 7, 9, 12, 14, 16];
  const waves: Wave[] = ["triangle", "square", "sine", "saw"];
  let seed = [...name].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) >>> 0, 7);
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed >>> 8;
  };
  const notes = Array.from({ length: 4 + (next() % 3) }, () => scale[next() % scale.length]! - 5);
  return melody(notes, 0.13 + (next() % 4) * 0.02, waves[next() % waves.length]);
}

const scores: Record<string, () => Note[]> = {
  bell: () =>
    [1, 2.76, 5.4].map((ratio) => ({
      at: 0,
      duration: 1.6,
      frequency: 660 * ratio,
      decay: 3 + ratio,
      gain: 0.5 / ratio,
    })),
  rimshot: () => [drum(0, 180), drum(0.22, 180), hiss(0.5, 0.6, 9, 0.5), drum(0.5, 120)],
  tada: () => [
    ...melody([0, 4, 7], 0.09, "square", 0.35),
    { at: 0.3, duration: 0.8, frequency: pitch(12), wave: "square", gain: 0.4, vibrato: 6 },
  ],
  trombone: () => [
    ...[0, -1, -2].map(
      (step, index): Note => ({
        at: index * 0.4,
        duration: 0.38,
        frequency: pitch(step - 12),
        wave: "saw",
        gain: 0.45,
      }),
    ),
    { at: 1.2, duration: 1, frequency: pitch(-15), wave: "saw", gain: 0.45, vibrato: 5 },
  ],
  crickets: () =>
    Array.from({ length: 8 }, (_, index) => ({
      at: index * 0.18 + (index % 2) * 0.03,
      duration: 0.07,
      frequency: 4_200,
      gain: 0.3,
      vibrato: 40,
    })),
  honk: () => [
    { at: 0, duration: 0.35, frequency: 330, wave: "square", gain: 0.6 },
    { at: 0.4, duration: 0.35, frequency: 330, wave: "square", gain: 0.6 },
  ],
  horn: () => [{ at: 0, duration: 0.9, frequency: 220, wave: "saw", gain: 0.5, vibrato: 4 }],
  vuvuzela: () => [{ at: 0, duration: 1.8, frequency: 233, wave: "saw", gain: 0.5, vibrato: 7 }],
  sax: () => melody([-5, -2, 0, 3, 0, -2], 0.16, "saw", 0.4),
  "56k": () => [
    { at: 0, duration: 0.3, frequency: 2_100, gain: 0.4 },
    hiss(0.35, 0.9, 2, 0.3),
    { at: 0.5, duration: 0.4, frequency: 1_200, wave: "square", slideTo: 2_400, gain: 0.25 },
  ],
  yay: () => [{ at: 0, duration: 0.5, frequency: 520, slideTo: 880, wave: "triangle", gain: 0.5 }],
  noooo: () => [{ at: 0, duration: 1.4, frequency: 300, slideTo: 150, wave: "saw", gain: 0.45, vibrato: 5 }],
  wups: () => [{ at: 0, duration: 0.25, frequency: 600, slideTo: 300, gain: 0.5 }],
  drama: () => [
    ...melody([0, 3], 0.2, "saw", 0.4),
    { at: 0.4, duration: 1, frequency: pitch(-1), wave: "saw", gain: 0.45, vibrato: 6 },
  ],
  secret: () => melody([7, 6, 3, -3, -4, 4, 8, 12], 0.09, "square", 0.3),
  rumble: () => [
    hiss(0, 1.4, 1.5, 0.5),
    { at: 0, duration: 1.4, frequency: 55, wave: "saw", gain: 0.4, vibrato: 3 },
  ],
};

const captions: Record<string, string> = {
  "56k": "dials in 📞",
  ballmer: "shouts about developers",
  bell: "🔔",
  bezos: "🤔💭",
  bueller: "anyone? anyone?",
  butts: "🍑 hmm",
  clowntown: "🤡 welcome to clown town",
  cottoneyejoe: "🎻🤠🎶",
  crickets: "hears crickets",
  curb: "🎺 and credits roll",
  dadgummit: "dag nabbit! 🎣",
  dangerzone: "heads into danger ✈️",
  danielsan: "🥋 wax on, wax off",
  deeper: "goes deeper ⬇️",
  donotwant: "does not want 🙅",
  drama: "😱 dun dun dunnn",
  flawless: "✨ flawless",
  glados: "🤖 for science",
  gogogo: "Go, go, go!",
  greatjob: "👏 great job",
  greyjoy: "😖🎺",
  guarantee: "guarantees it 👌",
  heygirl: "✨💁✨",
  honk: "HONK",
  horn: "📯",
  horror: "💀 👻 💀",
  inconceivable: "finds this inconceivable",
  letitgo: "❄️ lets it go ❄️",
  live: "is doing it live",
  loggins: "🎸 danger ahead",
  makeitso: "make it so 👉",
  noooo: "noooooo 😩",
  nyan: "🐱🌈🌈🌈",
  ohmy: "raises an eyebrow 😏",
  ohyeah: "oh yeah 😎",
  pushit: "pushes it 💪",
  rimshot: "plays a rimshot 🥁",
  rollout: "is rolling out 🚗",
  rumble: "let's get ready 🥊",
  sax: "🌇🎷🎶",
  secret: "found a secret 🔑",
  sexyback: "🕺 brings it back",
  story: "and now you know…",
  tada: "plays a fanfare 🎉",
  tmyk: "🌠 the more you know",
  totes: "😁👍",
  trololo: "🎙️ lo-lo-lo",
  trombone: "plays a sad trombone",
  unix: "knows this 💻",
  vuvuzela: "======<() ~ ♪ ~♫",
  what: "says what? 🤨",
  whoomp: "👏‼️😎",
  wups: "wups!",
  yay: "yay! 🙌",
  yeah: "YEAH 🤘",
  yodel: "📣🏔️🎶",
};

export const SOUNDS: ReadonlyMap<string, Sound> = new Map(
  Object.entries(captions).map(([name, caption]) => [
    name,
    { caption, score: scores[name] ?? (() => jingle(name)) },
  ]),
);
