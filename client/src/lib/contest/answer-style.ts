// How answer options look on the projector and on phones: colour AND shape AND letter, so an
// option is recognisable without colour (colour-blind members, black-and-white projectors).
// Colours are from the Okabe–Ito palette, chosen to stay distinct for common colour blindness;
// white text on each has a contrast ratio of at least 4.5:1 after darkening.
export interface OptionStyle {
  letter: string;
  /** Name of the shape, for screen readers (catalogue key suffix). */
  shape: 'triangle' | 'diamond' | 'circle' | 'square' | 'star' | 'hexagon';
  /** The glyph drawn beside the letter. */
  glyph: string;
  background: string;
}

export const OPTION_STYLES: readonly OptionStyle[] = [
  { letter: 'A', shape: 'triangle', glyph: '▲', background: '#B5480B' },
  { letter: 'B', shape: 'diamond', glyph: '◆', background: '#0060A0' },
  { letter: 'C', shape: 'circle', glyph: '●', background: '#00735A' },
  { letter: 'D', shape: 'square', glyph: '■', background: '#8E3F79' },
  { letter: 'E', shape: 'star', glyph: '★', background: '#5E5E00' },
  { letter: 'F', shape: 'hexagon', glyph: '⬢', background: '#3D3D3D' },
];

/** True/false buttons: 正确 / 错误 with a tick and a cross, never colour alone. */
export const TRUE_FALSE_STYLES = [
  { value: true, glyph: '✔', background: '#00735A' },
  { value: false, glyph: '✘', background: '#B5480B' },
] as const;

export function optionStyle(index: number): OptionStyle {
  return OPTION_STYLES[index % OPTION_STYLES.length]!;
}
