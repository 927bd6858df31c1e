// The button's stylesheet. It lives in the shadow root, so the merchant's CSS cannot reach in and
// ours cannot leak out; only the inherited `--qiwi-pay-*` custom properties cross, on purpose.
//
// Colours: every theme sets the same variables (--b background, --f text, --d border, --h hover
// background) over the light theme's; styles.test.ts reads them from this text and checks each
// text/background pair for WCAG AA (4.5:1). Text never fades (no opacity) in
// busy or disabled states, so the pairs hold in every state; the state classes (.ok, .off) set
// their own pair, checked the same way. Every size keeps a 44 × 44 px target.
//
// Under a strict CSP (no style-src 'unsafe-inline') the sheet is adopted as a constructed stylesheet,
// which CSP does not govern; browsers without adoptedStyleSheets get a <style> carrying the script
// tag's nonce. Nothing ever writes a style="" attribute.

export const CSS =
  ':host{display:inline-block}' +
  // [hidden] beats the button's own display: a return page with no order hides its button.
  ':host([hidden]),[hidden]{display:none}' +
  ':host([data-full-width]){display:block}' +
  // The light theme and the medium size are the button's own values, so an unknown theme or size
  // name (a typo in data-theme) still gives a complete button. The button is always 100% of the
  // host: an inline-block host shrink-wraps it, a full-width host (display:block) stretches it.
  'button{--b:#ff8c00;--f:#000;--d:#ff8c00;--h:#ffa033;' +
  'display:inline-flex;align-items:center;justify-content:center;gap:8px;' +
  'width:100%;min-height:48px;min-width:48px;padding:4px 1.25em;' +
  'font:600 16px/1.25 var(--qiwi-pay-font,system-ui,sans-serif);border-radius:var(--qiwi-pay-radius,8px);' +
  'background:var(--qiwi-pay-background,var(--b));color:var(--qiwi-pay-color,var(--f));' +
  'border:2px solid var(--qiwi-pay-border-color,var(--d));cursor:pointer}' +
  // White on near-black with an orange edge for dark pages; white with dark-orange text and border.
  '.dark{--b:#1a1a1a;--f:#fff;--h:#333}' +
  '.outline{--b:#fff;--f:#a84300;--d:#a84300;--h:#fff1e0}' +
  // States, after the themes so they win in every theme: paid is success (green, with its check
  // mark), a failure that can be retried keeps the theme's call to action with a red edge, and what
  // no press can help (unavailable, a failure with no new order possible) looks disabled.
  '.ok{--b:#e6f4ea;--f:#0b5a24;--d:#0b5a24}.no{--d:#c5221f}.off{--b:#ebebeb;--f:#4d4d4d;--d:#ababab}' +
  '.small{font-size:14px}.large{font-size:18px;min-height:56px}' +
  'button:hover:not([aria-disabled]){background:var(--qiwi-pay-hover-background,var(--h))}[aria-disabled]{cursor:default}' +
  // The white halo under the ring keeps it visible (3:1) on light and dark pages alike.
  'button:focus-visible{outline:3px solid var(--qiwi-pay-focus,#0b57d0);outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '.sp{width:.8em;height:.8em;border:2px solid;border-right-color:#0000;border-radius:50%;animation:r .8s linear infinite}' +
  '@keyframes r{to{transform:rotate(1turn)}}' +
  // Without motion the ring stands still; aria-busy and the text still say that it works.
  '@media (prefers-reduced-motion:reduce){.sp{animation:none}}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

/** Returns a function that styles one shadow root; the constructed sheet is shared by all of them. */
export function createStyler(nonce: string | undefined): (root: ShadowRoot) => void {
  let sheet: CSSStyleSheet | undefined;
  return (root) => {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch {
      // No constructable stylesheets (Safari before 16.4): a <style> with the script's nonce.
      const style = document.createElement('style');
      style.nonce = nonce ?? '';
      style.textContent = CSS;
      root.prepend(style);
    }
  };
}
