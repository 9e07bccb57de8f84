// Class and value colours shared by the pictures.
import { colors } from './frame';

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The colour a fraction `t` ∈ [0, 1] of the way from the inner class's colour to the outer's, mixed with white by `fade`. */
export function mixedRgb(t: number, fade = 0): [number, number, number] {
  const a = rgb(colors.inner);
  const b = rgb(colors.outer);
  const s = Math.min(1, Math.max(0, t));
  return a.map((v, i) => Math.round((v + s * (b[i] - v)) * (1 - fade) + 255 * fade)) as [number, number, number];
}

/** mixedRgb as a CSS colour. */
export function between(t: number, fade = 0): string {
  return `rgb(${mixedRgb(t, fade).join(',')})`;
}
