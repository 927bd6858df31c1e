import { describe, expect, it, vi } from 'vitest';
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

/** The declarations of the first rule for `selector` in the stylesheet. */
const rule = (selector: string) => {
  const body = new RegExp(`(?:^|\\})${selector.replace('.', '\\.')}\\{([^}]*)\\}`).exec(CSS)?.[1] ?? '';
  return Object.fromEntries(body.split(';').map((d) => d.split(':') as [string, string]));
};

/** A theme's colours: the button's own (the light theme) overridden by the theme's class. */
const themeVars = (theme: string) => ({ ...rule('button'), ...(theme === 'light' ? {} : rule('.' + theme)) });

describe('stylesheet', () => {
  it.each(['light', 'dark', 'outline'])(
    '%s: text passes WCAG AA (4.5:1) on the background and on hover',
    (theme) => {
      const v = themeVars(theme);
      expect(contrast(v['--f']!, v['--b']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(v['--f']!, v['--h']!)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(['light', 'dark', 'outline'])(
    '%s: paid (.ok) and the disabled look (.off) keep WCAG AA text, and override the theme',
    (theme) => {
      for (const state of ['.ok', '.off']) {
        const v = { ...themeVars(theme), ...rule(state) };
        expect(contrast(v['--f']!, v['--b']!)).toBeGreaterThanOrEqual(4.5);
        // Later in the sheet than every theme, so the state wins at equal specificity.
        expect(CSS.indexOf(state + '{')).toBeGreaterThan(CSS.indexOf('.outline{'));
      }
      // A failure that can be retried keeps the theme's pair, so its text passes as the theme does.
      expect(Object.keys(rule('.no'))).toEqual(['--d']);
    },
  );

  it('gives every button the light theme and the medium size unless a known class overrides them', () => {
    const own = rule('button');
    for (const v of ['--b', '--f', '--d', '--h']) expect(own[v]).toMatch(/^#/);
    expect(own['font']).toMatch(/^600 16px/);
  });

  it('has a focus ring of at least 3:1 against its white halo, visible on any page', () => {
    expect(CSS).toContain('button:focus-visible{outline:3px solid var(--qiwi-pay-focus,#0b57d0)');
    expect(CSS).toContain('box-shadow:0 0 0 2px #fff');
    expect(contrast('#0b57d0', '#fff')).toBeGreaterThanOrEqual(3);
  });

  it('keeps every target at least 44 px and respects reduced motion', () => {
    expect(CSS).toMatch(/button\{[^}]*min-height:48px;min-width:48px/);
    expect(rule('.large')['min-height']).toBe('56px');
    // An unknown size name gets the button's own 48 px; no size lowers it.
    for (const size of ['.small', '.medium']) expect(rule(size)['min-height']).toBeUndefined();
    expect(CSS).toMatch(/@media \(prefers-reduced-motion:reduce\)\{\.sp\{animation:none/);
  });

  it('lets the hidden attribute hide the button despite its own display (a return page with no order)', () => {
    expect(CSS).toMatch(/(^|[},])\[hidden\]\{display:none\}/);
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
    vi.stubGlobal('CSSStyleSheet', undefined);
    createStyler('n0nce')(root);
    vi.unstubAllGlobals();
    expect(root.adoptedStyleSheets).toHaveLength(0);
    const style = root.querySelector('style')!;
    expect(style.nonce).toBe('n0nce');
    expect(style.textContent).toBe(CSS);
  });
});
