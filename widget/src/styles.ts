// The button's stylesheet. It lives in the shadow root, so the merchant's CSS cannot reach in and
// ours cannot leak out; only the inherited `--qiwi-pay-*` custom properties cross, on purpose.
//
// Colours: every theme sets the same variables (--b background, --f text, --d border, --h hover
// background). styles.test.ts reads them from this
// text and checks each text/background pair for WCAG AA (4.5:1). Text never fades (no opacity) in
// busy or disabled states, so the pairs hold in every state. Every size keeps a 44 × 44 px target.
//
// Under a strict CSP (no style-src 'unsafe-inline') the sheet is adopted as a constructed stylesheet,
// which CSP does not govern; browsers without adoptedStyleSheets get a <style> carrying the script
// tag's nonce. Nothing ever writes a style="" attribute.

export const CSS =
  ':host{display:inline-block}' +
  ':host([hidden]){display:none}' +
  ':host([data-full-width]){display:block}' +
  // QIWI orange with black text; white on near-black with an orange edge for dark pages; a white
  // button with dark-orange text and border.
  '.light{--b:#ff8c00;--f:#000;--d:#ff8c00;--h:#ffa033}' +
  '.dark{--b:#1a1a1a;--f:#fff;--d:#ff8c00;--h:#333}' +
  '.outline{--b:#fff;--f:#a84300;--d:#a84300;--h:#fff1e0}' +
  '.small{--s:14px;--p:12px}.medium{--s:16px;--p:20px}.large{--s:18px;--p:28px}.large button{min-height:56px}' +
  'button{display:inline-flex;align-items:center;justify-content:center;gap:8px;' +
  'min-height:48px;min-width:48px;padding:4px var(--p);' +
  'font:600 var(--s)/1.25 var(--qiwi-pay-font,system-ui,sans-serif);border-radius:var(--qiwi-pay-radius,8px);' +
  'background:var(--qiwi-pay-background,var(--b));color:var(--qiwi-pay-color,var(--f));' +
  'border:2px solid var(--qiwi-pay-border-color,var(--d));cursor:pointer}' +
  'button:hover:not([aria-disabled]){background:var(--qiwi-pay-hover-background,var(--h))}[aria-disabled]{cursor:default}' +
  ':host([data-full-width]) button{width:100%}' +
  // The white halo under the ring keeps it visible (3:1) on light and dark pages alike.
  'button:focus-visible{outline:3px solid var(--qiwi-pay-focus,#0b57d0);outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '.sp{width:1em;height:1em;box-sizing:border-box;border:2px solid;border-right-color:#0000;' +
  'border-radius:50%;animation:r .8s linear infinite}' +
  '@keyframes r{to{transform:rotate(1turn)}}' +
  '@media (prefers-reduced-motion:reduce){.sp{animation:none;border-style:dotted}}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

/** Returns a function that styles one shadow root; the constructed sheet is shared by all of them. */
export function createStyler(doc: Document, nonce: string | undefined): (root: ShadowRoot) => void {
  let sheet: CSSStyleSheet | undefined;
  return (root) => {
    try {
      if (!sheet) {
        sheet = new (doc.defaultView as typeof globalThis).CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch {
      // No constructable stylesheets (Safari before 16.4): a <style> with the script's nonce.
      const style = doc.createElement('style');
      style.nonce = nonce ?? '';
      style.textContent = CSS;
      root.prepend(style);
    }
  };
}
