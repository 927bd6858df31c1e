import { describe, expect, it } from 'vitest';
import { createStyler, CSS } from './styles';

// WCAG 2.x relative luminance and contrast ratio.
const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (d) => d + d) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(full.slice(i, i + 2), 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

const themeVars = (theme: string) => {
  const body = new RegExp(`\\.${theme}\\{([^}]*)\\}`).exec(CSS)![1]!;
  return Object.fromEntries(body.split(';').map((d) => d.split(':') as [string, string]));
};

describe('stylesheet', () => {
  it.each(['light', 'dark', 'outline'])(
    '%s: text passes WCAG AA (4.5:1) on the background and on hover',
    (theme) => {
      const v = themeVars(theme);
      expect(contrast(v['--f']!, v['--b']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(v['--f']!, v['--h']!)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('has a focus ring of at least 3:1 against its white halo, visible on any page', () => {
    expect(CSS).toContain('button:focus-visible{outline:3px solid var(--qiwi-pay-focus,#0b57d0)');
    expect(CSS).toContain('box-shadow:0 0 0 2px #fff');
    expect(contrast('#0b57d0', '#fff')).toBeGreaterThanOrEqual(3);
  });

  it('keeps every target at least 44 px and respects reduced motion', () => {
    expect(CSS).toMatch(/button\{[^}]*min-height:48px;min-width:48px/);
    expect(CSS).toContain('.large button{min-height:56px}');
    expect(CSS).toMatch(/@media \(prefers-reduced-motion:reduce\)\{\.sp\{animation:none/);
  });

  it('never fades text, so the contrast holds in busy and disabled states', () => {
    expect(CSS).not.toMatch(/opacity|filter/);
  });

  it('offers the documented custom properties', () => {
    for (const name of [
      'font',
      'radius',
      'background',
      'color',
      'border-color',
      'hover-background',
      'focus',
    ]) {
      expect(CSS).toContain(`var(--qiwi-pay-${name},`);
    }
  });

  it('falls back to a <style> with the nonce where constructable stylesheets are missing', () => {
    const root = document.createElement('div').attachShadow({ mode: 'open' });
    const noSheets = Object.create(document, {
      defaultView: { value: { CSSStyleSheet: undefined } },
      createElement: { value: (name: string) => document.createElement(name) },
    }) as Document;
    createStyler(noSheets, 'n0nce')(root);
    const style = root.querySelector('style')!;
    expect(style.nonce).toBe('n0nce');
    expect(style.textContent).toBe(CSS);
  });
});
