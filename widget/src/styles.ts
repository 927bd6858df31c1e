// The button's look, inside its shadow root. Colours meet WCAG AA (4.5:1) in every theme; the target
// is at least 44 px high; focus is always visible; motion stops for people who ask for less.

export const CSS = `
:host{display:inline-block;font-family:var(--qiwi-pay-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)}
:host([data-full-width]:not([data-full-width="false"])){display:block}
.w{display:flex;flex-direction:column;gap:6px}
button{box-sizing:border-box;min-height:44px;min-width:44px;width:100%;padding:10px 20px;border:2px solid transparent;border-radius:var(--qiwi-pay-radius,8px);font:inherit;font-size:16px;font-weight:600;cursor:pointer;display:inline-flex;align-items:center;justify-content:center;gap:8px;transition:filter .15s}
.light button{background:var(--qiwi-pay-bg,#ff8c00);color:var(--qiwi-pay-fg,#1a1a1a)}
.dark button{background:var(--qiwi-pay-bg,#1f1f1f);color:var(--qiwi-pay-fg,#ffb347)}
.outline button{background:var(--qiwi-pay-bg,transparent);color:var(--qiwi-pay-fg,#8a4500);border-color:currentColor}
.small button{min-height:44px;font-size:14px;padding:8px 14px}
.large button{min-height:52px;font-size:18px;padding:12px 26px}
button:hover:not([disabled]){filter:brightness(.95)}
button:focus-visible{outline:3px solid var(--qiwi-pay-focus,#1a56db);outline-offset:2px}
button[disabled],button[aria-disabled=true]{cursor:progress}
.spin{width:14px;height:14px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:r .8s linear infinite}
@keyframes r{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.spin{animation:none}button{transition:none}}
.msg{margin:0;font-size:14px;color:var(--qiwi-pay-text,#1a1a1a)}
.dark .msg{color:var(--qiwi-pay-text,#f5f5f5);background:#1f1f1f;padding:2px 4px;border-radius:4px}
.paid .msg{color:var(--qiwi-pay-ok,#0f5c2e)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/**
 * Styles without a <style> element or style="" attributes, so a page with a strict CSP (no
 * 'unsafe-inline') needs nothing extra. Where constructable stylesheets are missing, a <style> with
 * the script's nonce is the fallback.
 */
export function adoptStyles(root: ShadowRoot, nonce: string | undefined): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = CSS;
    root.appendChild(style);
  }
}
