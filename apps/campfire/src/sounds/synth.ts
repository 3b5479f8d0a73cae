// A tiny additive synthesizer: every /play sound is computed from a short score, so the project ships
// no recorded audio at all. Output is 16-bit mono PCM WAV, small enough to serve from memory.
export const SAMPLE_RATE = 22_050;

export type Wave = "sine" | "square" | "saw" | "triangle" | "noise";

export interface Note {
  at: number; // seconds from the start
  duration: number; // seconds
  frequency: number; // Hz (ignored by noise)
  wave?: Wave;
  gain?: number; // 0..1
  slideTo?: number; // frequency reached at the end of the note (a glide)
  vibrato?: number; // Hz of a gentle pitch wobble
  decay?: number; // > 0 makes the note fade exponentially (percussive); default is a soft envelope
}

function oscillator(wave: Wave, phase: number): number {
  const cycle = phase - Math.floor(phase);
  switch (wave) {
    case "square":
      return cycle < 0.5 ? 0.6 : -0.6;
    case "saw":
      return (2 * cycle - 1) * 0.7;
    case "triangle":
      return 1 - 4 * Math.abs(cycle - 0.5);
    case "noise":
      return Math.random() * 2 - 1;
    default:
      return Math.sin(2 * Math.PI * cycle);
  }
}

function envelope(note: Note, t: number): number {
  if (note.decay) return Math.exp(-t * note.decay) * Math.min(1, t / 0.004);
  const attack = Math.min(0.02, note.duration / 4);
  const release = Math.min(0.08, note.duration / 3);
  if (t < attack) return t / attack;
  if (t > note.duration - release) return Math.max(0, (note.duration - t) / release);
  return 1;
}

export function render(score: readonly Note[]): Float32Array {
  const length = Math.max(...score.map((note) => note.at + note.duration)) + 0.05;
  const samples = new Float32Array(Math.ceil(length * SAMPLE_RATE));
  for (const note of score) {
    const start = Math.floor(note.at * SAMPLE_RATE);
    const count = Math.floor(note.duration * SAMPLE_RATE);
    let phase = 0;
    for (let i = 0; i < count && start + i < samples.length; i++) {
      const t = i / SAMPLE_RATE;
      const progress = i / count;
      const glide = note.slideTo
        ? note.frequency + (note.slideTo - note.frequency) * progress
        : note.frequency;
      const wobble = note.vibrato ? 1 + 0.012 * Math.sin(2 * Math.PI * note.vibrato * t) : 1;
      phase += (glide * wobble) / SAMPLE_RATE;
      const value = oscillator(note.wave ?? "sine", phase) * envelope(note, t) * (note.gain ?? 0.5);
      samples[start + i] = (samples[start + i] ?? 0) + value;
    }
  }
  return samples;
}

export function encodeWav(samples: Float32Array): Uint8Array<ArrayBuffer> {
  let peak = 1;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, index) => {
    view.setInt16(44 + index * 2, Math.round((sample / peak) * 0.9 * 32_767), true);
  });
  return bytes;
}
